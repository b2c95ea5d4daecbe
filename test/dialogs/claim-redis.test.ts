/**
 * A claim interrupted by a restart: the first `tanya chat` process (Redis session store) receives
 * two documents and exits; a second process on the same Redis and DATA_DIR resumes the form where
 * it stopped and files the claim with the documents the first one received.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NIK_JAKARTA } from '../helpers/claims.js';
import { writeSampleFiles } from '../helpers/files.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { chat, runTanya, textOf } from '../helpers/tanya.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => redis?.stop());

describe('claim across a restart (Redis sessions)', { timeout: 60_000 }, () => {
  it('keeps the documents already received', async () => {
    const files = writeSampleFiles(1_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'tanya-claims-redis-'));
    const env = { DATA_DIR: dataDir, REDIS_URL: redis.url, REDIS_PREFIX: 'restart:' };
    const pdf = { file: { path: files.pdf } };
    const jpeg = { file: { path: files.jpeg, mime: 'image/jpeg' } };

    const first = await chat(
      [
        { choice: 'start:claim' },
        { text: 'phk' },
        { text: '40 hari lalu' },
        { text: NIK_JAKARTA },
        { text: 'lewati' },
        { text: 'Siti Aminah' },
        jpeg,
        pdf,
      ],
      env,
      ['--user', 'restart'],
    );
    expect(first.code).toBe(0);
    expect(first.turns.at(-1)?.awaiting).toEqual({ dialog: 'claim', step: 'doc_phk_proof' });
    const before = readdirSync(join(dataDir, 'documents'))
      .filter((name) => name.endsWith('.json'))
      .map(
        (name) =>
          JSON.parse(readFileSync(join(dataDir, 'documents', name), 'utf8')) as { id: string; type: string },
      );
    expect(before.map((doc) => doc.type).sort()).toEqual(['kpj_card', 'ktp']);

    const second = await chat(
      [
        { text: 'halo' },
        pdf,
        pdf,
        pdf,
        { text: 'lewati' },
        jpeg,
        { text: 'bni' },
        { text: '1234567890' },
        { text: 'Siti Aminah' },
        { text: '1' },
        { text: 'ya' },
      ],
      env,
      ['--user', 'restart'],
    );
    // A greeting is greeted back and the claim goes on at the same document.
    expect(textOf(second.turns[0])).toContain('Halo!');
    expect(second.turns[0]?.awaiting).toEqual({ dialog: 'claim', step: 'doc_phk_proof' });
    expect(textOf(second.turns.at(-2))).toContain('✓ kartu peserta (KPJ)\n✓ KTP\n✓ bukti PHK');
    const ticket = /Nomor tiket: \*(LA-[0-9A-Z-]+)\*/.exec(textOf(second.turns.at(-1)))?.[1];
    expect(ticket).toBeDefined();

    const listed = await runTanya(['records', 'list', '--json', '--type', 'claim'], '', env);
    const [view] = listed.lines.map(
      (line) => JSON.parse(line) as { id: string; data: { documents: { id: string; type: string }[] } },
    );
    expect(view?.id).toBe(ticket);
    const documents = view?.data.documents ?? [];
    for (const doc of before)
      expect(documents).toContainEqual(expect.objectContaining({ id: doc.id, type: doc.type }));
    expect(documents).toHaveLength(6);
  });
});
