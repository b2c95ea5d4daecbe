/**
 * A half-filled BPU registration survives a restart: a new engine on the same Redis continues at the
 * same question with every answer kept, and the registration lands once in the Redis record store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { NIK, PHONE, startSelf } from '../helpers/bpu.js';
import { startRedis, stopRedis, type TestRedis } from '../helpers/redis.js';
import { RedisSessionStore } from '../../src/store/redis-session-store.js';
import { RedisRecordStore } from '../../src/store/redis-record-store.js';

const DIALOG = 'bpu-registration';
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await stopRedis(redis);
});

describe('BPU registration on Redis', () => {
  it('continues after a restart at the same step, answers kept, one record stored', async () => {
    const prefix = 'bpu-restart:';
    const records = await RedisRecordStore.connect(redis.url, prefix);
    const firstStore = await RedisSessionStore.connect(redis.url, {}, prefix);
    const before = createTestEngine({ store: firstStore, services: { records } }).engine;
    await startSelf(converse(before, { user: 'restart' }))
      .user(NIK)
      .user('Siti Aminah')
      .user('1 Januari 1990')
      .expectAwaiting(DIALOG, 'phone');
    await before.drain();
    await firstStore.close();

    const secondStore = await RedisSessionStore.connect(redis.url, {}, prefix);
    const after = createTestEngine({ store: secondStore, services: { records } }).engine;
    await converse(after, { user: 'restart' })
      .user(PHONE)
      .expectAwaiting(DIALOG, 'occupation')
      .user('pedagang')
      .user('jaksel')
      .user('2 juta')
      .user('2')
      .expectAwaiting(DIALOG, 'confirm')
      .expectText('************0001')
      .expectText('Siti Aminah')
      .expectText('1 Januari 1990')
      .choose('confirm:register')
      .expectText(/BPU-\d{8}-[0-9A-Z]{6}/);
    const stored = await records.list({ type: 'registration' });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.data).toMatchObject({ nik: NIK, contribution: { total: 66_800 } });
    await after.drain();
    await secondStore.close();
    await records.close();
  });
});
