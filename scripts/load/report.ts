/**
 * What a load run reports: the figures, the verdict (every count that must be zero is zero) and the
 * lines `npm run load` prints.
 */
import { percentile } from '../../bench/stats.js';
import type { LogLeak } from './log-scan.js';
import type { Percentiles } from './protocol.js';
import type { Finished } from './stack.js';

/** What a run measured. */
export interface LoadReport {
  users: number;
  thinkMs: number;
  channels: { telegram: number; botframework: number };
  scenarios: string[];
  turns: number;
  duplicatesSent: number;
  durationMs: number;
  turnsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** How late the harness's event loop ran (the simulated users and the fake platforms). */
  eventLoopDelayMs: Percentiles;
  /** The server process's own view: its event loop delay and how long the engine took per turn. */
  server: { eventLoopDelayMs: Percentiles; engineMs: Percentiles; gc: Finished['gc'] };
  /**
   * Turn latency per script step (`scenario:input→awaited step`), and the part of it the server's
   * engine took (`engineP50`, `engineP99`).
   */
  latencyByStepMs: Record<
    string,
    { count: number; p50: number; p99: number; engineP50: number; engineP99: number }
  >;
  /** Turn latency per 30 s of the run, by when the turn was sent: where a slow phase is. */
  latencyOverTimeMs: Array<{ fromS: number; turns: number; p50: number; p99: number; engineP99: number }>;
  /** Every measured turn, when asked for with `keepSamples`. */
  samples: TurnSample[];
  /** The same percentiles per channel. */
  latencyByChannelMs: Record<string, { p50: number; p95: number; p99: number }>;
  replies: { expected: number; received: number };
  lostReplies: number;
  duplicateReplies: number;
  outOfOrderReplies: number;
  chatsOutOfOrder: number;
  /**
   * The server's log output: lines read, lines holding personal data (must be none) and where the
   * first of them are.
   */
  log: { lines: number; leaks: number; firstLeaks: LogLeak[] };
  /** Internal-error or "try again" apologies the bot sent. */
  apologies: number;
  httpErrors: number;
  /** Deliveries retried after a transport failure (as the platforms retry), not counted as errors. */
  transportRetries: number;
  /** Turns after which the bot awaited another step than the script expected. */
  divergences: number;
  records: { expected: Record<string, number>; created: Record<string, number>; duplicated: number };
}

/** One measured turn: when it was sent (ms into the run), its latency, the server's engine time. */
export interface TurnSample {
  atMs: number;
  latencyMs: number;
  engineMs: number;
  /** The script step (`scenario:input→awaited step`). */
  step: string;
}

/** `items` grouped by `keyOf`, groups in order of first appearance. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Latency and engine percentiles per script step. */
export function byStep(samples: readonly TurnSample[]): LoadReport['latencyByStepMs'] {
  return Object.fromEntries(
    [...groupBy(samples, (sample) => sample.step)].map(([step, list]) => {
      const latency = list.map((s) => s.latencyMs);
      const engine = list.map((s) => s.engineMs);
      return [
        step,
        {
          count: list.length,
          p50: percentile(latency, 50),
          p99: percentile(latency, 99),
          engineP50: percentile(engine, 50),
          engineP99: percentile(engine, 99),
        },
      ];
    }),
  );
}

/** p50/p99 of the samples in each `windowMs` of the run. */
export function overTime(samples: readonly TurnSample[], windowMs: number): LoadReport['latencyOverTimeMs'] {
  return [...groupBy(samples, (sample) => Math.floor(sample.atMs / windowMs))]
    .sort(([a], [b]) => a - b)
    .map(([index, list]) => {
      const latency = list.map((s) => s.latencyMs);
      return {
        fromS: (index * windowMs) / 1000,
        turns: list.length,
        p50: percentile(latency, 50),
        p99: percentile(latency, 99),
        engineP99: percentile(
          list.map((s) => s.engineMs),
          99,
        ),
      };
    });
}

/** Whether every count that must be zero is zero and every record was created once. */
export function loadPassed(report: LoadReport): boolean {
  const recordsOk = Object.entries(report.records.expected).every(
    ([type, count]) => report.records.created[type] === count,
  );
  return (
    report.lostReplies === 0 &&
    report.duplicateReplies === 0 &&
    report.outOfOrderReplies === 0 &&
    report.apologies === 0 &&
    report.log.leaks === 0 &&
    report.httpErrors === 0 &&
    report.records.duplicated === 0 &&
    recordsOk
  );
}

/** The `count` script steps with the highest p99 turn latency. */
function slowestSteps(report: LoadReport, count: number) {
  return Object.entries(report.latencyByStepMs)
    .sort(([, a], [, b]) => b.p99 - a.p99)
    .slice(0, count);
}

/** The report as the lines `npm run load` prints. */
export function formatReport(report: LoadReport): string {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : 'n/a');
  const records = Object.keys(report.records.expected)
    .map((type) => `${type} ${report.records.created[type] ?? 0}/${report.records.expected[type]}`)
    .join(', ');
  return [
    `users: ${report.users} (Telegram webhook ${report.channels.telegram}, Bot Framework ${report.channels.botframework}), pause between messages: random up to ${report.thinkMs} ms`,
    `scenarios run: ${report.scenarios.join(', ')}`,
    `turns: ${report.turns} (+${report.duplicatesSent} duplicate deliveries) in ${fmt(report.durationMs / 1000)} s = ${fmt(report.turnsPerSecond)} turns/s`,
    `turn latency (send → last reply received): p50 ${fmt(report.latencyMs.p50)} ms, p95 ${fmt(report.latencyMs.p95)} ms, p99 ${fmt(report.latencyMs.p99)} ms, max ${fmt(report.latencyMs.max)} ms`,
    ...Object.entries(report.latencyByChannelMs).map(
      ([channel, l]) => `  ${channel}: p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms, p99 ${fmt(l.p99)} ms`,
    ),
    `slowest steps by p99: ${slowestSteps(report, 5)
      .map(([label, l]) => `${label} ${fmt(l.p99)} ms (engine ${fmt(l.engineP99)} ms)`)
      .join('; ')}`,
    `p99 by 30 s of the run: ${report.latencyOverTimeMs.map((w) => `${w.fromS}s ${fmt(w.p99)}`).join(', ')} ms`,
    `server process: engine turn p50 ${fmt(report.server.engineMs.p50)} ms, p99 ${fmt(report.server.engineMs.p99)} ms, max ${fmt(report.server.engineMs.max)} ms; event loop delay p50 ${fmt(report.server.eventLoopDelayMs.p50)} ms, p99 ${fmt(report.server.eventLoopDelayMs.p99)} ms, max ${fmt(report.server.eventLoopDelayMs.max)} ms`,
    `server garbage collection: ${report.server.gc.count} pauses, ${fmt(report.server.gc.totalMs)} ms in all, longest ${fmt(report.server.gc.maxMs)} ms (major ${fmt(report.server.gc.majorMaxMs)} ms)`,
    `harness process (users, fake platforms): event loop delay p50 ${fmt(report.eventLoopDelayMs.p50)} ms, p99 ${fmt(report.eventLoopDelayMs.p99)} ms, max ${fmt(report.eventLoopDelayMs.max)} ms`,
    `replies: ${report.replies.received} received / ${report.replies.expected} sent by the bot`,
    `lost replies: ${report.lostReplies}`,
    `duplicate replies: ${report.duplicateReplies}`,
    `out-of-order replies: ${report.outOfOrderReplies} (in ${report.chatsOutOfOrder} chats)`,
    `server log: ${report.log.lines} lines, ${report.log.leaks} with personal data${report.log.firstLeaks.length ? ` (${report.log.firstLeaks.map((leak) => `line ${leak.line}: ${leak.kind}`).join(', ')})` : ''}`,
    `apologies (internal error / store unavailable): ${report.apologies}`,
    `HTTP errors: ${report.httpErrors} (deliveries retried after a connection failure: ${report.transportRetries})`,
    `script divergences (bot awaited another step): ${report.divergences}`,
    `records created / expected: ${records || 'none expected'}; conversations with a duplicated record: ${report.records.duplicated}`,
  ].join('\n');
}
