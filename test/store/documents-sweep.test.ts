/**
 * Documents of abandoned or cancelled claim forms are removed once older than the session TTL;
 * documents a record refers to are kept whatever their age.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalPdf } from '../helpers/files.js';
import { sampleClaim } from '../helpers/claims.js';
import { DocumentStore } from '../../src/store/documents.js';
import { FileRecordStore } from '../../src/store/file-record-store.js';
import { startDocumentSweeper, sweepOrphanDocuments } from '../../src/claims/sweeper.js';
import { createLogger } from '../../src/log/logger.js';

const conversation = { channel: 'cli', conversationId: 'c', userId: 'u' };

describe('document sweeper', () => {
  it('removes old files that no sidecar describes, and leaves recent ones and whole documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-sweep-'));
    const documents = await DocumentStore.open(dir);
    const whole = await documents.save(minimalPdf(), { conversation, type: 'ktp' });
    const cut = await documents.save(minimalPdf(), { conversation, type: 'kk' });
    const folder = join(dir, 'documents');
    // A deletion cut short: the sidecar is gone, the file stayed; and a leftover temporary file.
    rmSync(join(folder, `${cut.id}.json`));
    writeFileSync(join(folder, `${'e'.repeat(32)}.json.123.tmp`), '{');
    const old = new Date('2026-11-01T00:00:00Z');
    for (const name of readdirSync(folder)) utimesSync(join(folder, name), old, old);
    const fresh = await documents.save(minimalPdf(), { conversation, type: 'npwp' });
    rmSync(join(folder, `${fresh.id}.json`));
    const host = {
      services: { documents, records: FileRecordStore.inMemory() },
      log: createLogger('silent'),
      config: { SESSION_TTL_HOURS: 48 },
    };
    // The whole document is younger than the cut-off by its metadata, so it stays with its file.
    expect(await sweepOrphanDocuments(host, new Date('2026-11-10T00:00:00Z'))).toBe(2);
    expect(readdirSync(folder).sort()).toEqual(
      [`${whole.id}.bin`, `${whole.id}.json`, `${fresh.id}.bin`].sort(),
    );
  });

  it('removes old unreferenced documents and keeps claimed and recent ones', async () => {
    const documents = await DocumentStore.open(mkdtempSync(join(tmpdir(), 'tanya-sweep-')));
    const records = FileRecordStore.inMemory();
    const at = (iso: string) => ({ conversation, type: 'ktp', now: new Date(iso) });
    const claimed = await documents.save(minimalPdf(), at('2026-11-01T00:00:00Z'));
    const abandoned = await documents.save(minimalPdf(), at('2026-11-01T00:00:00Z'));
    const recent = await documents.save(minimalPdf(), at('2026-11-21T02:00:00Z'));
    await records.create(
      sampleClaim(conversation, { documents: [{ type: 'ktp', ...claimed }] }),
      new Date('2026-11-01T01:00:00Z'),
    );
    const host = {
      services: { documents, records },
      log: createLogger('silent'),
      config: { SESSION_TTL_HOURS: 48 },
    };
    expect(await sweepOrphanDocuments(host, new Date('2026-11-19T03:00:00Z'))).toBe(1);
    expect((await documents.list()).map((meta) => meta.id).sort()).toEqual([claimed.id, recent.id].sort());
    expect(await documents.meta(abandoned.id)).toBeUndefined();

    // The timer form sweeps at start, with the TTL as grace.
    const sweeper = startDocumentSweeper(host, { clock: () => new Date('2026-11-25T00:00:00Z') });
    await sweeper.stop();
    expect((await documents.list()).map((meta) => meta.id)).toEqual([claimed.id]);
  });
});
