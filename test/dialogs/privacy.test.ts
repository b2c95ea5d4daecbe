/**
 * "Hapus data saya" / "delete my data": confirmation, then the session, the transcript, unsubmitted
 * records and loose documents are deleted, while submitted claims and their documents are kept.
 * Through the engine with memory stores, and through the real app with memory and with Redis.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log/logger.js';
import type { Address, Inbound, JsonObject } from '../../src/engine/types.js';
import { FileRecordStore } from '../../src/store/file-record-store.js';
import { DocumentStore } from '../../src/store/documents.js';
import { eraseConversationData } from '../../src/privacy/erase.js';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { createFormDialog } from '../helpers/fixture-dialogs.js';
import { sampleClaim } from '../helpers/claims.js';
import { minimalJpeg, minimalPdf } from '../helpers/files.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

const now = new Date('2026-11-21T03:00:00.000Z');

/** A user with a submitted claim (one document), a loose upload, a draft record; and a bystander. */
async function seed(records: FileRecordStore | App['records'], documents: DocumentStore, address: Address) {
  const kept = await documents.save(minimalPdf(), { conversation: address, type: 'ktp', now });
  const loose = await documents.save(minimalJpeg(), { conversation: address, type: 'selfie', now });
  const claim = sampleClaim(address);
  claim.data = { ...claim.data, documents: [{ type: 'ktp', ...kept }] } as unknown as JsonObject;
  const submitted = await records.create(claim, now);
  const draft = await records.create(
    {
      type: 'registration',
      prefix: 'BPU',
      status: 'draft',
      conversation: address,
      idempotencyKey: `draft:${address.conversationId}`,
      data: { name: 'Siti' },
    },
    now,
  );
  const other: Address = { channel: address.channel, conversationId: 'someone-else', userId: 'someone-else' };
  const otherDoc = await documents.save(minimalPdf(), { conversation: other, type: 'ktp', now });
  const otherDraft = await records.create(
    {
      type: 'registration',
      prefix: 'BPU',
      status: 'draft',
      conversation: other,
      idempotencyKey: `draft:other:${address.conversationId}`,
      data: {},
    },
    now,
  );
  return {
    kept: kept.id,
    loose: loose.id,
    submitted: submitted.record.id,
    draft: draft.record.id,
    otherDoc: otherDoc.id,
    otherDraft: otherDraft.record.id,
  };
}

describe('privacy: "hapus data saya" through the engine', () => {
  function setup() {
    const records = FileRecordStore.inMemory();
    const documents = DocumentStore.openSync(mkdtempSync(join(tmpdir(), 'tanya-privacy-')));
    const { engine, store } = createTestEngine({
      services: { records, documents },
      extraDialogs: [createFormDialog()],
    });
    return { engine, store, records, documents };
  }

  it('asks first, then deletes the session, drafts and loose documents, keeping the submitted claim', async () => {
    const { engine, store, records, documents } = setup();
    const chat = converse(engine, { user: 'erase-me' });
    const ids = await seed(records, documents, chat.address);
    await chat
      .choose('start:test-form')
      .user('Siti Aminah')
      .expectAwaiting('test-form', 'age')
      .user('hapus data saya')
      .expectText('Yang akan dihapus')
      .expectText('sudah dikirim')
      .expectChoices(['privacy:yes', 'privacy:no'], true)
      .expectAwaiting('privacy', 'confirm')
      .choose('privacy:yes')
      .expectText('Data Anda sudah kami hapus')
      .expectText(`(${ids.submitted})`)
      .expectText('1 dokumen yang belum terkait')
      .expectAwaiting(null);
    const key = 'test:erase-me';
    expect(await store.get(key)).toBeUndefined();
    expect(await documents.meta(ids.loose)).toBeUndefined();
    expect(await documents.meta(ids.kept)).toBeDefined();
    expect(await records.get(ids.draft)).toBeUndefined();
    expect((await records.get(ids.submitted))?.status).toBe('submitted');
    // Someone else's data is untouched.
    expect(await documents.meta(ids.otherDoc)).toBeDefined();
    expect(await records.get(ids.otherDraft)).toBeDefined();
    // The next message starts a brand-new conversation: no paused form is offered back.
    await chat.user('menu').expectNoText('belum selesai').expectAwaiting('menu', 'choose');
    expect((await store.get(key))?.session.turns).toBe(1);
  });

  it('"tidak" deletes nothing and goes back to the question the user was on', async () => {
    const { engine, store } = setup();
    const chat = converse(engine, { user: 'keep-me' });
    await chat
      .choose('start:test-form')
      .user('Budi')
      .user('hapus data saya')
      .user('hapus data saya')
      .expectAwaiting('privacy', 'confirm')
      .user('mungkin nanti')
      // Anything but a clear yes keeps everything and says so.
      .expectText('tidak ada data yang dihapus')
      .expectText('Berapa umur Anda?')
      .expectAwaiting('test-form', 'age')
      .check(async () => expect((await store.get('test:keep-me'))?.session.stack).toHaveLength(1))
      .user('30')
      .expectAwaiting('test-form', 'colour');
    expect((await store.get('test:keep-me'))?.session.stack[0]?.state).toMatchObject({
      name: 'Budi',
      age: 30,
    });
  });

  it('works in English and from a button, and typing "yes" confirms', async () => {
    const { engine, store } = setup();
    const chat = converse(engine, { user: 'english-user', localeHint: 'en-GB' });
    await chat
      .user('hello')
      .choose('intent:erase')
      .expectText('This deletes')
      .expectChoices(['privacy:yes', 'privacy:no'])
      .user('yes')
      .expectText('Your data has been deleted')
      .expectText('0 document(s)');
    expect(await store.get('test:english-user')).toBeUndefined();
  });

  it('erasing twice is harmless (idempotent erasure)', async () => {
    const records = FileRecordStore.inMemory();
    const documents = DocumentStore.openSync(mkdtempSync(join(tmpdir(), 'tanya-privacy-')));
    const address = { channel: 'test', conversationId: 'twice', userId: 'twice' };
    await seed(records, documents, address);
    const first = await eraseConversationData({ records, documents }, address);
    const second = await eraseConversationData({ records, documents }, address);
    expect(first).toMatchObject({ documentsDeleted: 1, recordsDeleted: 1, documentsKept: 1 });
    expect(second).toMatchObject({ documentsDeleted: 0, recordsDeleted: 0, documentsKept: 1 });
    expect(second.kept).toHaveLength(1);
  });
});

/** The app-level check: session, transcript and queue entry are all gone. */
async function appErasure(app: App): Promise<void> {
  const address = { channel: 'web', conversationId: `erase-${Date.now()}`, userId: 'u' };
  const key = `web:${address.conversationId}`;
  const ids = await seed(app.records, app.services.documents, address);
  let n = 0;
  const send = async (body: Partial<Inbound>) =>
    app.engine.process({ id: `p${++n}`, address, ...body } as Inbound);
  await send({ kind: 'text', text: 'halo' });
  await send({ kind: 'text', text: 'apa itu jht' });
  expect((await app.handoff.transcripts.list(key)).lines.length).toBeGreaterThan(0);
  const confirm = await send({ kind: 'text', text: 'hapus data saya' });
  expect(confirm.awaiting).toEqual({ dialog: 'privacy', step: 'confirm' });
  const done = await send({ kind: 'choice', choiceId: 'privacy:yes' });
  expect(done.replies.map((reply) => ('text' in reply ? reply.text : '')).join()).toContain(
    'sudah kami hapus',
  );
  expect(await app.store.get(key)).toBeUndefined();
  expect((await app.handoff.transcripts.list(key)).lines).toEqual([]);
  expect(await app.handoff.index.get(key)).toBeUndefined();
  expect(await app.services.documents.meta(ids.loose)).toBeUndefined();
  expect(await app.services.documents.meta(ids.kept)).toBeDefined();
  expect(await app.records.get(ids.submitted)).toBeDefined();
  expect(await app.records.get(ids.draft)).toBeUndefined();
}

describe('privacy through the real app', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('memory stores: session, transcript, drafts and loose documents are deleted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tanya-privacy-app-'));
    const app = await createApp(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
    try {
      await appErasure(app);
    } finally {
      await app.close();
    }
  });

  it('Redis stores: session, transcript, drafts and loose documents are deleted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tanya-privacy-app-'));
    const app = await createApp(
      loadConfig({ DATA_DIR: dataDir, REDIS_URL: redis.url, REDIS_PREFIX: 'privacy:' }),
      createLogger('silent'),
    );
    try {
      await appErasure(app);
    } finally {
      await app.close();
    }
  });
});
