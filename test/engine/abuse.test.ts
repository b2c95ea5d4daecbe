/**
 * Abuse and bad input in the engine: the per-user rate limit (one localized notice, then silence
 * until the minute is over; memory and Redis stores, on the fake clock) and the message length limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine } from '../helpers/engine.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { FakeClock } from '../helpers/clock.js';
import { createFormDialog } from '../helpers/fixture-dialogs.js';
import { converse } from '../helpers/converse.js';
import { RedisSessionStore } from '../../src/store/redis-session-store.js';
import { MemorySessionStore } from '../../src/store/memory-session-store.js';
import type { SessionStore } from '../../src/store/session-store.js';
import type { Engine, TurnOutcome } from '../../src/engine/engine.js';
import type { Address, Inbound } from '../../src/engine/types.js';

const LIMIT = 5;
let counter = 0;

function text(address: Address, body: string, id = `m${++counter}`): Inbound {
  return { id, address, kind: 'text', text: body };
}

function user(name: string, channel = 'test'): Address {
  return { channel, conversationId: `conv-${name}`, userId: name };
}

/** Sends `n` messages one after another; returns their outcomes. */
async function burst(engine: Engine, address: Address, n: number, body = 'menu'): Promise<TurnOutcome[]> {
  const outcomes: TurnOutcome[] = [];
  for (let i = 0; i < n; i++) outcomes.push(await engine.process(text(address, body)));
  return outcomes;
}

const replyText = (outcome: TurnOutcome | undefined) =>
  (outcome?.replies ?? []).map((reply) => ('text' in reply ? reply.text : '')).join('\n');

function rateLimitSuite(name: string, makeStore: (clock: FakeClock) => Promise<SessionStore>) {
  describe(`rate limit (${name} store)`, () => {
    async function setup() {
      const clock = new FakeClock();
      const store = await makeStore(clock);
      const { engine } = createTestEngine({ store, clock: clock.now, rateLimitPerMinute: LIMIT });
      return { engine, store, clock };
    }

    it('answers the first message over the limit with one notice, then stays silent for the minute', async () => {
      const { engine, store } = await setup();
      const alice = user(`alice-${name}`);
      const outcomes = await burst(engine, alice, LIMIT + 4);
      const answered = outcomes.slice(0, LIMIT);
      for (const outcome of answered) expect(outcome.replies.length).toBeGreaterThan(0);
      expect(outcomes[LIMIT]?.limited).toBe(true);
      expect(replyText(outcomes[LIMIT])).toMatch(/terlalu banyak/);
      expect(replyText(outcomes[LIMIT])).toContain(String(LIMIT));
      for (const outcome of outcomes.slice(LIMIT + 1)) {
        expect(outcome.replies).toEqual([]);
        expect(outcome.limited).toBe(true);
      }
      // Nothing over the limit was processed: the session counted exactly LIMIT turns.
      expect((await store.get('test:conv-alice-' + name))?.session.turns).toBe(LIMIT);
      await store.close();
    });

    it('lets the user in again once the minute has passed', async () => {
      const { engine, store, clock } = await setup();
      const bob = user(`bob-${name}`);
      await burst(engine, bob, LIMIT + 2);
      clock.advance(60_000);
      const [again] = await burst(engine, bob, 1);
      expect(again?.limited).toBeUndefined();
      expect(replyText(again)).toContain('Tanya');
      expect((await store.get(`test:conv-bob-${name}`))?.session.turns).toBe(LIMIT + 1);
      // A full new window: LIMIT messages in it, then the notice again (once).
      const rest = await burst(engine, bob, LIMIT);
      expect(rest.filter((outcome) => outcome.limited)).toHaveLength(1);
      expect(replyText(rest.at(-1))).toMatch(/terlalu banyak/);
      await store.close();
    });

    it('counts per user: one user flooding does not silence another', async () => {
      const { engine, store } = await setup();
      const flooder = user(`flood-${name}`);
      const quiet = user(`quiet-${name}`);
      await burst(engine, flooder, LIMIT * 3);
      const [answer] = await burst(engine, quiet, 1);
      expect(answer?.limited).toBeUndefined();
      expect(answer?.replies.length).toBeGreaterThan(0);
      await store.close();
    });

    it('does not count a redelivered message id twice', async () => {
      const { engine, store } = await setup();
      const carol = user(`carol-${name}`);
      for (let i = 0; i < LIMIT; i++) {
        const message = text(carol, 'menu');
        await engine.process(message);
        const again = await engine.process(message);
        expect(again.duplicate).toBe(true);
      }
      expect((await burst(engine, carol, 1))[0]?.limited).toBe(true);
      await store.close();
    });

    it('words the notice in the language the user chose', async () => {
      const { engine, store } = await setup();
      const dave = user(`dave-${name}`);
      await engine.process(text(dave, 'english'));
      const outcomes = await burst(engine, dave, LIMIT);
      expect(replyText(outcomes.at(-1))).toMatch(/too many messages/);
      await store.close();
    });

    it('queued concurrent messages of one user are limited the same way (no more than LIMIT processed)', async () => {
      const { engine, store } = await setup();
      const erin = user(`erin-${name}`);
      const outcomes = await Promise.all(
        Array.from({ length: LIMIT * 2 }, () => engine.process(text(erin, 'menu'))),
      );
      expect(outcomes.filter((outcome) => !outcome.limited)).toHaveLength(LIMIT);
      expect(outcomes.filter((outcome) => outcome.limited && outcome.replies.length === 1)).toHaveLength(1);
      expect((await store.get(`test:conv-erin-${name}`))?.session.turns).toBe(LIMIT);
      await store.close();
    });
  });
}

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

rateLimitSuite('memory', async (clock) => new MemorySessionStore({}, clock.millis));
rateLimitSuite('Redis', async () => RedisSessionStore.connect(redis.url, {}, `rate-${++counter}:`));

describe('rate limit: off by default in the engine, and exempt channels', () => {
  it('an engine without a limit processes every message', async () => {
    const { engine } = createTestEngine();
    const outcomes = await burst(engine, user('unlimited'), 40);
    expect(outcomes.every((outcome) => !outcome.limited && outcome.replies.length > 0)).toBe(true);
  });

  it('exempt channels (the terminal) are never limited', async () => {
    const { engine } = createTestEngine({ rateLimitPerMinute: 2, rateLimitExemptChannels: ['cli'] });
    const outcomes = await burst(engine, user('operator', 'cli'), 10);
    expect(outcomes.some((outcome) => outcome.limited)).toBe(false);
    expect((await burst(engine, user('remote', 'telegram'), 3))[2]?.limited).toBe(true);
  });
});

describe('message length limit', () => {
  it('refuses a text longer than 2,000 characters with a notice, keeping the form where it was', async () => {
    const { engine } = createTestEngine({ extraDialogs: [createFormDialog()] });
    const chat = converse(engine);
    await chat
      .choose('start:test-form')
      .expectAwaiting('test-form', 'name')
      .user('x'.repeat(2_001))
      .expectText(/terlalu panjang \(lebih dari 2\.000 karakter\)/)
      .expectAwaiting('test-form', 'name')
      .user('Siti')
      .expectNoText(/terlalu panjang/);
  });

  it('processes a text of exactly the limit, and words the notice in English for English users', async () => {
    const { engine } = createTestEngine({ maxTextLength: 10 });
    await converse(engine, { localeHint: 'en-US' })
      .user('menu      ')
      .expectNoText(/too long/)
      .user('menu       ')
      .expectText('too long (more than 10 characters)');
  });

  it('a limit of 0 turns the check off', async () => {
    const { engine } = createTestEngine({ maxTextLength: 0 });
    await converse(engine)
      .user(`apa itu jht ${'lagi '.repeat(600)}`)
      .expectNoText(/terlalu panjang/);
  });
});
