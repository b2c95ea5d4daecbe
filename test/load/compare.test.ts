/**
 * The load harness's reply checker finds what it is there to find: lost, duplicated and reordered
 * replies (a checker that always says zero would prove nothing), and tells a text the bot says twice
 * from a duplicate.
 */
import { describe, expect, it } from 'vitest';
import { compareSequences, sumChecks } from '../../scripts/load/compare.js';
import { loadPassed, type LoadReport } from '../../scripts/load/harness.js';
import { ReplyLog } from '../../scripts/load/peers.js';
import { registrationNik, claimNik, scenariosFor } from '../../scripts/load/scenario.js';
import { validateNik } from '../../src/rules/nik.js';

describe('compareSequences', () => {
  it('a faithful delivery has nothing lost, duplicated or out of order', () => {
    expect(compareSequences(['a', 'b', 'menu', 'c', 'menu'], ['a', 'b', 'menu', 'c', 'menu'])).toEqual({
      expected: 5,
      received: 5,
      lost: 0,
      duplicates: 0,
      outOfOrder: 0,
    });
  });

  it('counts a lost reply, a duplicate and a swap', () => {
    expect(compareSequences(['a', 'b', 'c'], ['a', 'c'])).toMatchObject({
      lost: 1,
      duplicates: 0,
      outOfOrder: 0,
    });
    expect(compareSequences(['a', 'b'], ['a', 'b', 'b'])).toMatchObject({
      lost: 0,
      duplicates: 1,
      outOfOrder: 0,
    });
    expect(compareSequences(['a', 'b', 'c', 'd'], ['b', 'a', 'c', 'd'])).toMatchObject({ outOfOrder: 1 });
    expect(compareSequences(['menu', 'x', 'menu'], ['menu', 'menu', 'x'])).toMatchObject({
      lost: 0,
      duplicates: 0,
      outOfOrder: 1,
    });
  });

  it('sums per-chat checks and counts the chats with reordering', () => {
    const total = sumChecks([
      compareSequences(['a', 'b'], ['b', 'a']),
      compareSequences(['a'], ['a', 'a']),
      compareSequences(['a', 'b'], []),
    ]);
    expect(total).toMatchObject({
      expected: 5,
      received: 4,
      lost: 2,
      duplicates: 1,
      outOfOrder: 1,
      chatsOutOfOrder: 1,
    });
  });
});

describe('load report verdict and scenarios', () => {
  const clean: LoadReport = {
    users: 2,
    thinkMs: 10,
    channels: { telegram: 1, botframework: 1 },
    scenarios: ['faq'],
    turns: 4,
    duplicatesSent: 1,
    durationMs: 10,
    turnsPerSecond: 400,
    latencyMs: { p50: 1, p95: 2, p99: 3, max: 4 },
    eventLoopDelayMs: { p50: 10, p99: 20, max: 30 },
    server: {
      eventLoopDelayMs: { p50: 10, p99: 20, max: 30 },
      engineMs: { p50: 1, p99: 2, max: 3 },
      gc: { count: 1, totalMs: 1, maxMs: 1, majorMaxMs: 0 },
    },
    latencyByChannelMs: {},
    latencyOverTimeMs: [{ fromS: 0, turns: 4, p50: 1, p99: 3, engineP99: 1 }],
    samples: [],
    latencyByStepMs: {
      'faq:text→question': { count: 2, p50: 1, p99: 3, engineP50: 0.5, engineP99: 1 },
    },
    replies: { expected: 4, received: 4 },
    lostReplies: 0,
    duplicateReplies: 0,
    outOfOrderReplies: 0,
    chatsOutOfOrder: 0,
    log: { lines: 10, leaks: 0, firstLeaks: [] },
    apologies: 0,
    httpErrors: 0,
    transportRetries: 0,
    divergences: 0,
    records: { expected: { claim: 2 }, created: { claim: 2 }, duplicated: 0 },
  };

  it('passes only when every count is zero and every record exists once', () => {
    expect(loadPassed(clean)).toBe(true);
    expect(loadPassed({ ...clean, lostReplies: 1 })).toBe(false);
    expect(loadPassed({ ...clean, duplicateReplies: 1 })).toBe(false);
    expect(loadPassed({ ...clean, outOfOrderReplies: 1 })).toBe(false);
    expect(loadPassed({ ...clean, apologies: 1 })).toBe(false);
    expect(
      loadPassed({ ...clean, log: { lines: 10, leaks: 1, firstLeaks: [{ line: 3, kind: 'NIK' }] } }),
    ).toBe(false);
    expect(loadPassed({ ...clean, records: { ...clean.records, created: { claim: 1 } } })).toBe(false);
    expect(loadPassed({ ...clean, records: { ...clean.records, duplicated: 1 } })).toBe(false);
  });

  it('gives every user valid, distinct NIKs and runs only registered dialogs', () => {
    const now = new Date('2026-11-21T03:00:00.000Z');
    for (const user of [1, 2, 999, 9999]) {
      expect(validateNik(registrationNik(user), now).ok).toBe(true);
      expect(validateNik(claimNik(user), now).ok).toBe(true);
    }
    expect(registrationNik(1)).not.toBe(registrationNik(2));
    const names = (has: string[]) =>
      scenariosFor({ has: (dialog) => has.includes(dialog), user: 1, location: false }).map((s) => s.name);
    expect(names([])).toEqual(['faq', 'events']);
    expect(names(['bpu-registration', 'claim'])).toEqual(['faq', 'events', 'bpu-registration', 'claim']);
    expect(() => registrationNik(0)).toThrow(RangeError);
  });
});

describe('ReplyLog.waitForTurn', () => {
  it('waits for the turn itself, not only for the replies already expected', async () => {
    const log = new ReplyLog();
    let settled: boolean | undefined;
    // The update was posted, but the engine has not reported the turn yet: nothing is expected, and
    // a waiter that only compared received with expected would resolve too early.
    const waiting = log.waitForTurn('telegram:1', 1, 5_000).then((ok) => (settled = ok));
    await Promise.resolve();
    expect(settled).toBeUndefined();
    log.turn('telegram:1', ['a', 'b']);
    log.receive('telegram:1', 'a');
    await Promise.resolve();
    expect(settled).toBeUndefined();
    log.receive('telegram:1', 'b');
    await waiting;
    expect(settled).toBe(true);
  });

  it('a turn with no replies settles at once; a reply that never comes times out as false', async () => {
    const log = new ReplyLog();
    log.turn('bf:1', []);
    await expect(log.waitForTurn('bf:1', 1, 5_000)).resolves.toBe(true);
    log.turn('bf:1', ['lost']);
    await expect(log.waitForTurn('bf:1', 2, 20)).resolves.toBe(false);
  });
});
