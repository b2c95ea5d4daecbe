/**
 * The handoff stores behave the same in memory and on a real Redis: queue index order and waits,
 * transcript caps and indexes, console sessions, and the hub's claims.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueEntry, TranscriptEntry } from '../../src/handoff/model.js';
import {
  LocalEventHub,
  MAX_TRANSCRIPT_LINES,
  MAX_WAIT_SAMPLES,
  MemoryConsoleSessionStore,
  MemoryHandoffIndex,
  MemoryTranscriptStore,
  type ConsoleSessionStore,
  type EventHub,
  type HandoffIndex,
  type TranscriptStore,
} from '../../src/handoff/stores.js';
import {
  connectHandoffRedis,
  RedisConsoleSessionStore,
  RedisEventHub,
  RedisHandoffIndex,
  RedisTranscriptStore,
} from '../../src/handoff/redis-stores.js';
import type { TanyaRedis } from '../../src/store/redis-client.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

interface Stores {
  index: HandoffIndex;
  transcripts: TranscriptStore;
  sessions: ConsoleSessionStore;
  hub: EventHub;
}

let redis: TestRedis;
let client: TanyaRedis;
let redisHub: RedisEventHub;

beforeAll(async () => {
  redis = await startRedis();
  client = await connectHandoffRedis(redis.url);
  redisHub = await RedisEventHub.open(client, 'c:');
});

afterAll(async () => {
  await redisHub?.close();
  await client?.close();
  await redis?.stop();
});

const entry = (key: string, queuedAt: string): QueueEntry => ({
  key,
  address: { channel: 'web', conversationId: key, userId: key },
  state: 'queued',
  ticket: `t-${key}`,
  reason: 'user_request',
  locale: 'id',
  queuedAt,
  lastMessageAt: queuedAt,
});
const line = (n: number): TranscriptEntry => ({
  at: '2026-11-23T03:00:00.000Z',
  from: 'user',
  kind: 'text',
  text: `m${n}`,
});

const suites: Array<[string, () => Stores]> = [
  [
    'memory',
    () => ({
      index: new MemoryHandoffIndex(),
      transcripts: new MemoryTranscriptStore(3600),
      sessions: new MemoryConsoleSessionStore(),
      hub: new LocalEventHub(),
    }),
  ],
  [
    'redis',
    () => {
      const prefix = `c${Math.random().toString(36).slice(2)}:`;
      return {
        index: new RedisHandoffIndex(client, prefix),
        transcripts: new RedisTranscriptStore(client, prefix, 3600),
        sessions: new RedisConsoleSessionStore(client, prefix),
        hub: redisHub,
      };
    },
  ],
];

describe.each(suites)('handoff stores (%s)', (_name, make) => {
  it('lists queue entries oldest first and replaces by key', async () => {
    const { index } = make();
    await index.put(entry('b', '2026-11-23T03:02:00.000Z'));
    await index.put(entry('a', '2026-11-23T03:01:00.000Z'));
    await index.put({ ...entry('b', '2026-11-23T03:02:00.000Z'), state: 'assigned', agent: 'budi' });
    expect((await index.list()).map((e) => [e.key, e.state])).toEqual([
      ['a', 'queued'],
      ['b', 'assigned'],
    ]);
    await index.remove('a');
    expect(await index.get('a')).toBeUndefined();
    expect((await index.get('b'))?.agent).toBe('budi');
  });

  it('keeps the latest waits, newest first', async () => {
    const { index } = make();
    for (let i = 0; i < MAX_WAIT_SAMPLES + 5; i++)
      await index.recordWait({ ms: i, at: '2026-11-23T03:00:00.000Z' });
    const waits = await index.recentWaits();
    expect(waits).toHaveLength(MAX_WAIT_SAMPLES);
    expect(waits[0]?.ms).toBe(MAX_WAIT_SAMPLES + 4);
  });

  it('caps transcripts and keeps line indexes stable', async () => {
    const { transcripts } = make();
    expect(await transcripts.append('k', [line(0), line(1)])).toBe(0);
    expect(await transcripts.append('k', [line(2)])).toBe(2);
    const many = Array.from({ length: MAX_TRANSCRIPT_LINES }, (_, i) => line(i + 3));
    expect(await transcripts.append('k', many)).toBe(3);
    const page = await transcripts.list('k');
    expect(page.lines).toHaveLength(MAX_TRANSCRIPT_LINES);
    expect(page.first).toBe(3);
    expect(page.lines[0]?.text).toBe('m3');
    expect(await transcripts.list('other')).toEqual({ first: 0, lines: [] });
  });

  it('keeps console sessions by secret id until deleted', async () => {
    const { sessions } = make();
    const id = await sessions.create({ agent: 'budi', role: 'agent', csrf: 'x', createdAt: 'now' }, 60);
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(await sessions.get(id)).toEqual({ agent: 'budi', role: 'agent', csrf: 'x', createdAt: 'now' });
    expect(await sessions.get(`${id}x`)).toBeUndefined();
    await sessions.delete(id);
    expect(await sessions.get(id)).toBeUndefined();
  });

  it('grants a claim once', async () => {
    const { hub } = make();
    const id = `claim-${Math.random()}`;
    expect(await hub.claim(id, 60_000)).toBe(true);
    expect(await hub.claim(id, 60_000)).toBe(false);
  });
});

describe('memory transcripts expire with the session TTL', () => {
  it('forgets a transcript after its TTL', async () => {
    let now = 0;
    const store = new MemoryTranscriptStore(10, () => now);
    await store.append('k', [line(1)]);
    now = 9_000;
    expect((await store.list('k')).lines).toHaveLength(1);
    now = 10_001;
    expect((await store.list('k')).lines).toHaveLength(0);
  });
});
