/**
 * One contract for the file and Redis record stores.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRecordStore } from '../../src/store/file-record-store.js';
import { RedisRecordStore } from '../../src/store/redis-record-store.js';
import { newReference, type NewRecord, type RecordStore } from '../../src/store/records.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => redis?.stop());

let n = 0;
const factories: Record<string, () => Promise<RecordStore>> = {
  file: () => FileRecordStore.open(mkdtempSync(join(tmpdir(), 'tanya-rec-'))),
  redis: () => RedisRecordStore.connect(redis.url, `r${++n}:`),
};

const now = new Date('2026-11-21T03:00:00Z');
const conversation = { channel: 'test', conversationId: 'c', userId: 'u' };
const registration = (over: Partial<NewRecord> = {}): NewRecord => ({
  type: 'registration',
  prefix: 'BPU',
  status: 'registered',
  conversation,
  idempotencyKey: 'session-1:form-1',
  uniqueKeys: ['nik:abc'],
  data: { income: 2_000_000 },
  ...over,
});

describe('references', () => {
  it('look like BPU-20261121-7KQ2XM, dated in WIB', () => {
    expect(newReference('BPU', now)).toMatch(/^BPU-20261121-[2-9A-HJ-NP-Z]{6}$/);
    expect(newReference('LA', new Date('2026-11-21T18:00:00Z'))).toMatch(/^LA-20261122-/);
  });
});

describe.each(Object.keys(factories))('%s record store', (kind) => {
  it('creates a record once per idempotency key', async () => {
    const store = await factories[kind]!();
    const first = await store.create(registration(), now);
    const again = await store.create(registration(), now);
    expect(first.status).toBe('created');
    expect(again).toMatchObject({ status: 'existing', record: { id: first.record.id } });
    expect(await store.list()).toHaveLength(1);
    await store.close();
  });

  it('refuses a second record holding the same unique key', async () => {
    const store = await factories[kind]!();
    const first = await store.create(registration(), now);
    const other = await store.create(registration({ idempotencyKey: 'session-2:form-1' }), now);
    expect(other).toMatchObject({ status: 'duplicate', key: 'nik:abc', record: { id: first.record.id } });
    expect((await store.findByUniqueKey('nik:abc'))?.id).toBe(first.record.id);
    await store.close();
  });

  it('creates one record when the same confirmation races itself', async () => {
    const store = await factories[kind]!();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.create(registration(), now)));
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(await store.list({ type: 'registration' })).toHaveLength(1);
    await store.close();
  });

  it('records status changes with history and lists by type', async () => {
    const store = await factories[kind]!();
    const claim = await store.create(
      registration({
        type: 'claim',
        prefix: 'LA',
        status: 'submitted',
        idempotencyKey: 'k2',
        uniqueKeys: [],
      }),
      now,
    );
    await store.create(registration(), now);
    const updated = await store.setStatus(claim.record.id, {
      status: 'verifying',
      at: now.toISOString(),
      note: 'video call',
    });
    expect(updated?.history.map((h) => h.status)).toEqual(['submitted', 'verifying']);
    expect((await store.get(claim.record.id))?.status).toBe('verifying');
    expect(await store.list({ type: 'claim' })).toHaveLength(1);
    expect(await store.list()).toHaveLength(2);
    expect(
      await store.setStatus('LA-20261121-ZZZZZZ', { status: 'x', at: now.toISOString() }),
    ).toBeUndefined();
    await store.close();
  });

  it('deletes a record and frees its keys', async () => {
    const store = await factories[kind]!();
    const first = await store.create(registration(), now);
    expect(await store.delete(first.record.id)).toBe(true);
    expect(await store.get(first.record.id)).toBeUndefined();
    expect((await store.create(registration(), now)).status).toBe('created');
    await store.close();
  });
});

describe('file record store', () => {
  it('keeps records across reopen, in 0600 files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-rec-'));
    const store = await FileRecordStore.open(dir);
    const created = await store.create(registration(), now);
    await store.close();
    const reopened = await FileRecordStore.open(dir);
    expect((await reopened.get(created.record.id))?.data).toEqual({ income: 2_000_000 });
    expect((await reopened.create(registration({ idempotencyKey: 'other' }), now)).status).toBe('duplicate');
    const file = join(dir, 'records', readdirSync(join(dir, 'records'))[0] as string);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
