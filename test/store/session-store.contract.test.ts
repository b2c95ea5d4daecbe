/**
 * One contract, two stores: the in-memory store and the Redis store (against a real redis-server
 * started on a free port by the test) must behave the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { newSession } from '../../src/engine/session.js';
import { MemorySessionStore } from '../../src/store/memory-session-store.js';
import { RedisSessionStore } from '../../src/store/redis-session-store.js';
import type { SessionStore, SessionStoreOptions } from '../../src/store/session-store.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

let prefixCounter = 0;
const factories: Record<string, (options?: Partial<SessionStoreOptions>) => Promise<SessionStore>> = {
  memory: async (options) => new MemorySessionStore(options),
  redis: async (options) => RedisSessionStore.connect(redis.url, options, `t${++prefixCounter}:`),
};

const now = new Date('2026-11-21T00:00:00Z');

describe.each(Object.keys(factories))('%s session store', (kind) => {
  const make = (options?: Partial<SessionStoreOptions>) => factories[kind]!(options);

  it('begins a new conversation with no session, saves it and loads it back', async () => {
    const store = await make();
    const begun = await store.begin('c', 'm1');
    expect(begun).toMatchObject({ status: 'ok', stored: undefined });
    if (begun.status !== 'ok') throw new Error('unreachable');
    const session = newSession('id', now);
    session.memory.place = 'Pontianak';
    expect(await store.commit('c', begun.lock, session, 0, 'm1')).toBe('ok');
    const loaded = await store.get('c');
    expect(loaded?.rev).toBe(1);
    expect(loaded?.session.memory.place).toBe('Pontianak');
    await store.close();
  });

  it('reports a processed message id as duplicate', async () => {
    const store = await make();
    const begun = await store.begin('c', 'm1');
    if (begun.status !== 'ok') throw new Error('expected ok');
    await store.commit('c', begun.lock, newSession('id', now), 0, 'm1');
    expect((await store.begin('c', 'm1')).status).toBe('duplicate');
    expect((await store.begin('c', 'm2')).status).toBe('ok');
    await store.close();
  });

  it('is busy while another turn holds the lock, and free after commit or release', async () => {
    const store = await make();
    const first = await store.begin('c', 'a');
    expect((await store.begin('c', 'b')).status).toBe('busy');
    expect((await store.begin('other', 'b')).status).toBe('ok');
    if (first.status !== 'ok') throw new Error('expected ok');
    await store.release('c', first.lock);
    const second = await store.begin('c', 'b');
    expect(second.status).toBe('ok');
    await store.close();
  });

  it('refuses a save on a stale revision and keeps the lock for the retry', async () => {
    const store = await make();
    const begun = await store.begin('c', 'm1');
    if (begun.status !== 'ok') throw new Error('expected ok');
    await store.commit('c', begun.lock, newSession('id', now), 0, 'm1');
    const next = await store.begin('c', 'm2');
    if (next.status !== 'ok') throw new Error('expected ok');
    expect(await store.commit('c', next.lock, newSession('en', now), 0, 'm2')).toBe('conflict');
    expect((await store.begin('c', 'm3')).status).toBe('busy');
    expect((await store.begin('c', 'm2')).status).toBe('busy');
    expect(await store.commit('c', next.lock, newSession('en', now), 1, 'm2')).toBe('ok');
    expect((await store.get('c'))?.session.locale).toBe('en');
    expect((await store.begin('c', 'm2')).status).toBe('duplicate');
    await store.close();
  });

  it('lets an expired lock be taken over', async () => {
    const store = await make({ lockTtlMs: 40 });
    await store.begin('c', 'a');
    await sleep(80);
    expect((await store.begin('c', 'b')).status).toBe('ok');
    await store.close();
  });

  it('deletes a session', async () => {
    const store = await make();
    const begun = await store.begin('c', undefined);
    if (begun.status !== 'ok') throw new Error('expected ok');
    await store.commit('c', begun.lock, newSession('id', now), 0);
    await store.delete('c');
    expect(await store.get('c')).toBeUndefined();
    await store.ping();
    await store.close();
  });
});

describe('memory session store TTL', () => {
  it('forgets idle sessions and old message ids after their TTL', async () => {
    let clock = 0;
    const store = new MemorySessionStore({ sessionTtlSec: 10, dedupeTtlSec: 5 }, () => clock);
    const begun = await store.begin('c', 'm1');
    if (begun.status !== 'ok') throw new Error('expected ok');
    await store.commit('c', begun.lock, newSession('id', now), 0, 'm1');
    clock += 6_000;
    expect((await store.begin('c', 'm1')).status).toBe('ok');
    clock += 60_000;
    expect(await store.get('c')).toBeUndefined();
  });
});

describe('redis session store TTL', () => {
  it('sets the session TTL on every save', async () => {
    const store = await RedisSessionStore.connect(redis.url, { sessionTtlSec: 3600 }, 'ttl:');
    const begun = await store.begin('c', 'm1');
    if (begun.status !== 'ok') throw new Error('expected ok');
    await store.commit('c', begun.lock, newSession('id', now), 0, 'm1');
    const { createClient } = await import('redis');
    const client = createClient({ url: redis.url });
    await client.connect();
    const ttl = await client.ttl('ttl:s:c');
    expect(ttl).toBeGreaterThan(3500);
    expect(await client.ttl('ttl:seen:m1')).toBeGreaterThan(0);
    await client.close();
    await store.close();
  });
});

describe('memory session store snapshot', () => {
  it('survives a restart of the embedded default through DATA_DIR', async () => {
    const { mkdtempSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const path = join(mkdtempSync(join(tmpdir(), 'tanya-snap-')), 'sessions.json');
    const first = await MemorySessionStore.open(path);
    const begun = await first.begin('c', 'm1');
    if (begun.status !== 'ok') throw new Error('expected ok');
    const session = newSession('en', new Date());
    session.memory.answer = 42;
    await first.commit('c', begun.lock, session, 0, 'm1');
    await first.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = await MemorySessionStore.open(path);
    expect((await second.get('c'))?.session.memory.answer).toBe(42);
    await second.close();
  });
});
