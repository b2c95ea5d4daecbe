/**
 * The engine over a real Redis: ordering, dedupe and two instances sharing conversations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine } from '../helpers/engine.js';
import { createFormDialog, recorderDialog } from '../helpers/fixture-dialogs.js';
import { converse } from '../helpers/converse.js';
import { RedisSessionStore } from '../../src/store/redis-session-store.js';
import type { Inbound } from '../../src/engine/types.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
let prefix = 0;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const connect = (name: string) => RedisSessionStore.connect(redis.url, {}, name);

describe('engine on Redis', () => {
  it('processes 50 concurrent messages of one conversation in order, losing none', async () => {
    const store = await connect(`p${++prefix}:`);
    const { engine } = createTestEngine({ store, extraDialogs: [recorderDialog] });
    const address = { channel: 'test', conversationId: 'c', userId: 'u' };
    await engine.handle({ id: 's', address, kind: 'choice', choiceId: 'start:test-recorder' });
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        engine.handle({ id: `m${i}`, address, kind: 'text', text: `msg${i}` }),
      ),
    );
    replies.forEach((reply, i) => expect(reply[0]).toMatchObject({ text: `count=${i + 1} last=msg${i}` }));
    await store.close();
  });

  it('two engine instances sharing one Redis keep one conversation consistent', async () => {
    const name = `p${++prefix}:`;
    const storeA = await connect(name);
    const storeB = await connect(name);
    const a = createTestEngine({ store: storeA, extraDialogs: [recorderDialog] }).engine;
    const b = createTestEngine({ store: storeB, extraDialogs: [recorderDialog] }).engine;
    const address = { channel: 'test', conversationId: 'shared', userId: 'u' };
    await a.handle({ id: 's', address, kind: 'choice', choiceId: 'start:test-recorder' });
    const message = (i: number): Inbound => ({ id: `m${i}`, address, kind: 'text', text: `msg${i}` });
    // Alternate instances, all in flight at once, and redeliver every message to the other instance too.
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => [
        (i % 2 ? a : b).handle(message(i)),
        (i % 2 ? b : a).handle(message(i)),
      ]).flat(),
    );
    const answered = replies.filter((reply) => reply.length > 0);
    expect(answered).toHaveLength(40);
    const counts = answered.map((reply) =>
      Number(/count=(\d+)/.exec((reply[0] as { text: string }).text)?.[1]),
    );
    expect(new Set(counts).size).toBe(40);
    const session = await a.session('test:shared');
    const seen = session?.stack[0]?.state.seen as string[];
    expect([...seen].sort()).toEqual(Array.from({ length: 40 }, (_, i) => `msg${i}`).sort());
    await storeA.close();
    await storeB.close();
  });

  it('a form survives a restart: a new engine on the same Redis continues at the same step', async () => {
    const name = `p${++prefix}:`;
    const first = await connect(name);
    const before = createTestEngine({ store: first, extraDialogs: [createFormDialog()] }).engine;
    await converse(before, { user: 'r' }).choose('start:test-form').user('Siti').expectText('Berapa umur');
    await before.drain();
    await first.close();
    const second = await connect(name);
    const after = createTestEngine({ store: second, extraDialogs: [createFormDialog()] }).engine;
    await converse(after, { user: 'r' })
      .user('30')
      .expectText('Pilih warna')
      .user('3')
      .expectText('Selesai: Siti, 30, blue');
    await second.close();
  });
});
