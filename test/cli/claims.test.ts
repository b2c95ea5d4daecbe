/**
 * `tanya records set-status` in its own process changes a claim and queues a notice; the running app
 * (createApp + startNotifier) delivers it through the channel the claim came from. Also the status
 * model's refusals, and in-process changes delivered at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleClaim } from '../helpers/claims.js';
import { RecordingChannel } from '../helpers/recording-channel.js';
import { runTanya } from '../helpers/tanya.js';
import { converse } from '../helpers/converse.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log/logger.js';
import { startNotifier, type Notifier } from '../../src/notify/notifier.js';
import { changeClaimStatus, ClaimStatusError } from '../../src/claims/status.js';

const member = { channel: 'rec', conversationId: 'member-1', userId: 'member-1' };

describe('claim status changes and notifications', { timeout: 60_000 }, () => {
  let dataDir: string;
  let app: App;
  let channel: RecordingChannel;
  let notifier: Notifier;
  let ticket: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tanya-claims-status-'));
    app = await createApp(
      loadConfig({ DATA_DIR: dataDir, NOTIFY_INTERVAL_MS: '100' }),
      createLogger('silent'),
    );
    channel = new RecordingChannel('rec');
    app.channels.register(channel);
    notifier = startNotifier(app);
    ticket = (await app.records.create(sampleClaim(member), new Date())).record.id;
  });
  afterAll(async () => {
    await notifier?.stop();
    await app?.close();
  });

  const setStatus = (...args: string[]) =>
    runTanya(['records', 'set-status', ...args], '', { DATA_DIR: dataDir });

  it('changes the status from the command line and the server tells the member on their channel', async () => {
    const run = await setStatus(ticket.toLowerCase(), 'verifying', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.lines[0] ?? '{}')).toMatchObject({
      id: ticket,
      status: 'verifying',
      previousStatus: 'submitted',
      note: null,
      notification: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
    const [delivery] = await channel.waitFor(1);
    expect(delivery?.address).toEqual(member);
    expect(channel.text(0)).toContain(`Kabar klaim JHT *${ticket}*: status sekarang *Sedang diverifikasi*.`);
    expect(channel.text(0)).toContain('petugas sedang memeriksa dokumen');
    await notifier.idle();
    expect(await app.services.outbox.pending()).toEqual([]);
    // The server reads the change made by the other process.
    expect((await app.records.get(ticket))?.status).toBe('verifying');
    await converse(app.engine, { channel: 'rec', user: 'someone' })
      .choose('start:claim-status')
      .user(ticket)
      .user('0002')
      .expectText('Status: *Sedang diverifikasi*');
  });

  it('refuses transitions the model does not allow, a missing note, unknown tickets and statuses', async () => {
    const [skip, noNote, unknown, badStatus] = await Promise.all([
      setStatus(ticket, 'paid'),
      setStatus(ticket, 'rejected'),
      setStatus('LA-20260101-ZZZZZZ', 'verifying'),
      setStatus(ticket, 'done'),
    ]);
    expect(skip.code).toBe(2);
    expect(skip.stderr).toContain(
      'a claim cannot go from verifying to paid; from verifying: scheduled, rejected, needs_documents',
    );
    expect(noNote.stderr).toContain('rejected needs --note');
    expect(unknown.stderr).toContain('no record LA-20260101-ZZZZZZ');
    expect(badStatus.stderr).toContain(
      'one of submitted, verifying, scheduled, approved, paid, rejected, needs_documents',
    );
    expect((await app.records.get(ticket))?.status).toBe('verifying');
    expect(channel.sent).toHaveLength(1);
  });

  it('sends the note of a needs_documents change with the change', async () => {
    const run = await setStatus(
      ticket,
      'needs_documents',
      '--note',
      'Foto KTP buram, kirim ulang ke petugas',
    );
    expect(run.lines[0]).toMatch(/→ needs_documents; member notification queued/);
    await channel.waitFor(2);
    expect(channel.text(1)).toContain('*Perlu dokumen tambahan*');
    expect(channel.text(1)).toContain('Catatan petugas: Foto KTP buram, kirim ulang ke petugas');
    const record = await app.records.get(ticket);
    expect(record?.history.map((change) => change.status)).toEqual([
      'submitted',
      'verifying',
      'needs_documents',
    ]);
    expect(record?.history.at(-1)).toMatchObject({
      by: 'cli',
      note: 'Foto KTP buram, kirim ulang ke petugas',
    });
  });

  it('delivers a change made in this process at once, without waiting for the poll', async () => {
    const slowApp = await createApp(
      loadConfig({
        DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-claims-now-')),
        NOTIFY_INTERVAL_MS: '3600000',
      }),
      createLogger('silent'),
    );
    const english = new RecordingChannel('rec');
    slowApp.channels.register(english);
    const slowNotifier = startNotifier(slowApp);
    await slowNotifier.idle();
    try {
      const id = (await slowApp.records.create(sampleClaim(member, { locale: 'en' }), new Date())).record.id;
      const deps = {
        records: slowApp.records,
        outbox: slowApp.services.outbox,
        translator: slowApp.translator,
      };
      await changeClaimStatus(deps, { ticket: id, status: 'verifying' }, new Date());
      await english.waitFor(1);
      expect(english.text(0)).toContain(`Update on JHT claim *${id}*: the status is now *Being verified*.`);
      await expect(
        changeClaimStatus(deps, { ticket: id, status: 'approved' }, new Date()),
      ).rejects.toBeInstanceOf(ClaimStatusError);
      for (const status of ['scheduled', 'approved', 'paid']) {
        await changeClaimStatus(deps, { ticket: id, status }, new Date());
      }
      await english.waitFor(4);
      expect(english.text(3)).toContain('*Paid*');
      await expect(
        changeClaimStatus(deps, { ticket: id, status: 'rejected', note: 'x' }, new Date()),
      ).rejects.toThrow(/paid is final/);
    } finally {
      await slowNotifier.stop();
      await slowApp.close();
    }
  });
});
