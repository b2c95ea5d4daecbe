/**
 * The dashboard's statistics stores (memory and a real Redis) against one contract, the question
 * normalisation that keeps numbers out of them, day keys, and the observer combinator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnObserver, TurnRecord } from '../../src/engine/handoff-gate.js';
import { normaliseQuestion } from '../../src/stats/faq.js';
import { observeAll } from '../../src/stats/observer.js';
import { RedisStatsStore } from '../../src/stats/redis-store.js';
import {
  dayKey,
  daysEnding,
  MAX_QUESTIONS_PER_DAY,
  memberId,
  MemoryStatsStore,
  RETAIN_DAYS,
  type StatsStore,
} from '../../src/stats/store.js';
import { connectRedis, type TanyaRedis } from '../../src/store/redis-client.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
let client: TanyaRedis;
beforeAll(async () => {
  redis = await startRedis();
  client = await connectRedis(redis.url);
});
afterAll(async () => {
  await client?.close();
  await redis?.stop();
});

let n = 0;
const stores: Record<string, () => StatsStore> = {
  memory: () => new MemoryStatsStore(),
  redis: () => new RedisStatsStore(client, `s${++n}:`),
};

const D1 = '2026-11-22';
const D2 = '2026-11-23';

describe.each(Object.keys(stores))('%s statistics store', (kind) => {
  it('counts distinct conversations per channel and day, and handoff requests by ticket', async () => {
    const store = stores[kind]!();
    const turn = (day: string, channel: string | null, key: string, ticket?: string) =>
      store.recordTurn({
        day,
        channel,
        member: memberId(key),
        steps: [],
        ...(ticket ? { handoff: { day, ticket } } : {}),
      });
    await turn(D1, 'web', 'web:a');
    await turn(D1, 'web', 'web:a');
    await turn(D1, 'telegram', 'telegram:b');
    await turn(D2, 'web', 'web:a', 't1');
    await turn(D2, null, 'web:a', 't1');
    await turn(D2, 'web', 'web:c', 't2');
    expect(await store.conversations([D1, D2])).toEqual({ telegram: [1, 0], web: [1, 2] });
    expect(await store.handoffs([D1, D2])).toEqual([0, 2]);
    expect(await store.conversations(['2026-01-01'])).toEqual({});
  });

  it('counts the conversations that reached each step over the whole range', async () => {
    const store = stores[kind]!();
    const steps = (...names: string[]) => names.map((step) => ({ dialog: 'claim', step }));
    await store.recordTurn({ day: D1, channel: 'web', member: 'a', steps: steps('reason', 'nik') });
    await store.recordTurn({ day: D2, channel: 'web', member: 'a', steps: steps('nik', 'name') });
    await store.recordTurn({ day: D2, channel: 'web', member: 'b', steps: steps('reason') });
    await store.recordTurn({
      day: D2,
      channel: 'web',
      member: 'b',
      steps: [{ dialog: 'bpu-registration', step: 'mode' }],
    });
    expect(await store.steps([D1, D2], 'claim')).toEqual({ reason: 2, nik: 1, name: 1 });
    expect(await store.steps([D2], 'claim')).toEqual({ reason: 1, nik: 1, name: 1 });
    expect(await store.steps([D1, D2], 'bpu-registration')).toEqual({ mode: 1 });
  });

  it('counts FAQ outcomes and keeps the most frequent unanswered questions, capped per day', async () => {
    const store = stores[kind]!();
    await store.recordFaq(D1, 'answer');
    await store.recordFaq(D1, 'fallback', 'cara tukar poin');
    await store.recordFaq(D1, 'fallback', 'cara tukar poin');
    await store.recordFaq(D2, 'fallback', 'cara tukar poin');
    await store.recordFaq(D2, 'fallback', 'kartu emas');
    await store.recordFaq(D2, 'clarify');
    expect(await store.faq([D1, D2])).toEqual({ answer: [1, 0], clarify: [0, 1], fallback: [2, 2] });
    expect(await store.unanswered([D1, D2], 10)).toEqual([
      { question: 'cara tukar poin', count: 3 },
      { question: 'kartu emas', count: 1 },
    ]);
    for (let i = 0; i < MAX_QUESTIONS_PER_DAY + 20; i++) await store.recordFaq(D1, 'fallback', `q${i}`);
    const kept = await store.unanswered([D1], 1_000);
    expect(kept.length).toBeLessThanOrEqual(MAX_QUESTIONS_PER_DAY);
    // The most frequent question of the day survives the flood of one-off ones.
    expect(kept[0]).toEqual({ question: 'cara tukar poin', count: 2 });
    expect(await store.unanswered([D1, D2], 1)).toEqual([{ question: 'cara tukar poin', count: 3 }]);
  });
});

describe('statistics helpers', () => {
  it('forgets days beyond the retention in memory', async () => {
    const store = new MemoryStatsStore();
    const days = daysEnding(new Date('2026-11-23T03:00:00Z'), 'Asia/Jakarta', RETAIN_DAYS + 5);
    for (const day of days) await store.recordTurn({ day, channel: 'web', member: 'a', steps: [] });
    const counts = (await store.conversations(days)).web ?? [];
    expect(counts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(counts.slice(5).every((count) => count === 1)).toBe(true);
  });

  it('names days in the office time zone', () => {
    // 18:00 UTC on the 22nd is already the 23rd in Jakarta.
    expect(dayKey(new Date('2026-11-22T18:00:00Z'), 'Asia/Jakarta')).toBe('2026-11-23');
    expect(dayKey(new Date('2026-11-22T18:00:00Z'), 'UTC')).toBe('2026-11-22');
    expect(daysEnding(new Date('2026-03-01T12:00:00Z'), 'Asia/Jakarta', 3)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
    expect(memberId('whatsapp:6281234567890@s.whatsapp.net')).not.toContain('6281234567890');
  });

  it('keeps questions readable and without NIK-like, phone or account numbers', () => {
    expect(normaliseQuestion('Gimana cara klaim JHT??')).toBe('gimana cara klaim jht');
    expect(normaliseQuestion('NIK saya 3175024506900001 kok ditolak')).toBe('nik saya # kok ditolak');
    expect(normaliseQuestion('nik 3175 0245 0690 0001 ya')).toBe('nik # ya');
    expect(normaliseQuestion('hp 0812-3456-7890 tolong')).toBe('hp # tolong');
    expect(normaliseQuestion('rekening 1234-5678-901 atas nama saya')).toBe('rekening # atas nama saya');
    expect(normaliseQuestion('usia 56 tahun 2026')).toBe('usia 56 tahun 2026');
    expect(normaliseQuestion('3175024506900001')).toBeUndefined();
    expect(normaliseQuestion('???')).toBeUndefined();
    expect(normaliseQuestion('a'.repeat(500))?.length).toBeLessThanOrEqual(160);
  });

  it('combines observers: every one runs, the first failure is reported', async () => {
    const seen: string[] = [];
    const observer = (name: string, fail = false): TurnObserver => ({
      async afterTurn() {
        seen.push(name);
        if (fail) throw new Error(`${name} failed`);
      },
    });
    const record = {} as TurnRecord;
    await expect(observeAll(observer('a', true), observer('b')).afterTurn(record)).rejects.toThrow(
      'a failed',
    );
    expect(seen).toEqual(['a', 'b']);
  });
});
