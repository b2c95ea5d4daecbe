/**
 * Redis stops in the middle of a run and comes back (a real redis-server with an append-only file,
 * as in production). Turns during the outage get the polite "sedang ada gangguan" message and leave
 * no trace: each user simply sends the same answer again and the form goes on at exactly the step
 * the script expects. Afterwards every conversation finishes, and every registration is stored once:
 * none lost, none duplicated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngine } from '../helpers/engine.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { createTranslator } from '../../src/engine/i18n.js';
import { RedisSessionStore } from '../../src/store/redis-session-store.js';
import { RedisRecordStore } from '../../src/store/redis-record-store.js';
import type { Inbound } from '../../src/engine/types.js';
import { registrationNik, scenariosFor, type ScriptInput } from '../../scripts/load/scenario.js';

const USERS = 12;
const UNAVAILABLE = createTranslator().translate('id')('engine:unavailable');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis({ persistent: true });
});
afterAll(async () => {
  await redis?.stop();
});

function body(input: ScriptInput): Omit<Inbound, 'id' | 'address'> {
  if (input.kind === 'file') throw new Error('no files in this scenario');
  return input as Omit<Inbound, 'id' | 'address'>;
}

describe('Redis stopped and restarted mid-run', () => {
  it(
    'answers politely during the outage, applies nothing half-way, and loses or duplicates no record',
    { timeout: 90_000 },
    async () => {
      const prefix = 'outage:';
      const store = await RedisSessionStore.connect(redis.url, {}, prefix);
      const records = await RedisRecordStore.connect(redis.url, prefix);
      const { engine } = createTestEngine({ store, services: { records }, clock: () => new Date() });
      const stats = { ok: 0, outageReplies: 0, divergences: [] as string[], thrown: 0 };
      const references = new Map<number, string>();
      let counter = 0;

      const runUser = async (user: number) => {
        const address = { channel: 'test', conversationId: `outage-${user}`, userId: `outage-${user}` };
        const scenario = scenariosFor({ has: (id) => id === 'bpu-registration', user, location: false }).find(
          (s) => s.name === 'bpu-registration',
        );
        if (!scenario) throw new Error('bpu-registration is not registered');
        for (const step of scenario.steps) {
          for (let attempt = 0; ; attempt++) {
            if (attempt > 600) throw new Error(`user ${user} never got past ${JSON.stringify(step.input)}`);
            let outcome;
            try {
              outcome = await engine.process({
                ...body(step.input),
                id: `o-${++counter}`,
                address,
              } as Inbound);
            } catch {
              stats.thrown += 1;
              await sleep(20);
              continue;
            }
            const texts = outcome.replies.map((reply) => ('text' in reply ? reply.text : ''));
            if (texts.includes(UNAVAILABLE)) {
              expect(outcome.replies).toHaveLength(1);
              stats.outageReplies += 1;
              await sleep(20 + (user % 5) * 5);
              continue; // the user sends the same answer again
            }
            stats.ok += 1;
            const awaited = outcome.awaiting?.step ?? null;
            if (awaited !== step.expect) {
              stats.divergences.push(
                `${user}: ${JSON.stringify(step.input)} → ${awaited}, expected ${step.expect}`,
              );
            }
            const reference = texts.join('\n').match(/BPU-\d{8}-[0-9A-Z]{6}/)?.[0];
            if (reference) references.set(user, reference);
            await sleep(5);
            break;
          }
        }
      };

      const users = Array.from({ length: USERS }, (_, i) => runUser(i + 1));
      // Let every user get a few answers in, then pull the plug while they keep typing.
      for (let i = 0; stats.ok < USERS * 3 && i < 2000; i++) await sleep(5);
      await redis.stop();
      for (let i = 0; stats.outageReplies < USERS * 2 && i < 1000; i++) await sleep(5);
      await redis.restart();
      await Promise.all(users);

      expect(stats.thrown).toBe(0);
      expect(stats.outageReplies).toBeGreaterThanOrEqual(USERS);
      expect(stats.divergences).toEqual([]);
      expect(references.size).toBe(USERS);
      const stored = await records.list({ type: 'registration' });
      expect(stored).toHaveLength(USERS);
      expect(new Set(stored.map((record) => record.id))).toEqual(new Set(references.values()));
      for (let user = 1; user <= USERS; user++) {
        const mine = stored.filter((record) => record.conversation.conversationId === `outage-${user}`);
        expect(mine, `user ${user}`).toHaveLength(1);
        expect(mine[0]?.data.nik).toBe(registrationNik(user));
        expect(mine[0]?.id).toBe(references.get(user));
      }
      // The conversations go on normally afterwards.
      const after = await engine.process({
        id: 'after-1',
        kind: 'text',
        text: 'menu',
        address: { channel: 'test', conversationId: 'outage-1', userId: 'outage-1' },
      });
      expect(after.awaiting).toEqual({ dialog: 'menu', step: 'choose' });
      await engine.drain();
      await store.close();
      await records.close();
    },
  );
});
