/**
 * Timing helpers for benchmarks: percentiles over samples, a row builder with the ratio and a count of
 * Redis round trips.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient } from 'redis';
import type { BenchRow } from './types.js';

/** The p-th percentile (0-100) of `samples` (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Starts measuring how late the event loop runs; the returned function stops and gives p50, p99 and
 * max in milliseconds. Node's histogram counts the sampling interval itself (an idle loop reads
 * about `resolutionMs`), so that interval is subtracted.
 */
export function monitorLoopDelay(resolutionMs = 10): () => { p50: number; p99: number; max: number } {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  const late = (ns: number) => Math.max(0, ns / 1e6 - resolutionMs);
  return () => {
    histogram.disable();
    return {
      p50: late(histogram.percentile(50)),
      p99: late(histogram.percentile(99)),
      max: late(histogram.max),
    };
  };
}

export { seededRandom } from '../src/seeded-random.js';

/** Milliseconds elapsed since `start` (a `process.hrtime.bigint()` reading). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A row with its baseline and the ratio value / baseline. */
export function row(
  name: string,
  value: number,
  unit: string,
  baseline?: { name: string; value: number },
): BenchRow {
  return {
    name,
    value,
    unit,
    ...(baseline ? { baseline, ratio: baseline.value ? value / baseline.value : NaN } : {}),
  };
}

/** A "round trips per turn" row beside its target of 2 (one read, one write). */
export function roundTripsRow(name: string, roundTrips: number): BenchRow {
  return row(name, roundTrips, 'round trips', { name: 'target', value: 2 });
}

/**
 * Commands clients sent to the Redis at `url` while `work` ran, from MONITOR: commands run inside Lua
 * scripts are marked "lua" there and are not round trips, so they are left out.
 */
export async function countTopLevelCommands(url: string, work: () => Promise<unknown>): Promise<number> {
  const monitor = createClient({ url });
  await monitor.connect();
  let count = 0;
  await monitor.monitor((line: string) => {
    if (!/\[\d+ lua\]/.test(line)) count++;
  });
  await work();
  await new Promise((resolve) => setTimeout(resolve, 200));
  monitor.destroy();
  return count;
}

/** Prints rows as an aligned table. */
export function printTable(rows: readonly BenchRow[]): void {
  const fmt = (n: number) =>
    Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
  const lines = rows.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '',
    r.ratio !== undefined ? `x${fmt(r.ratio)}` : '',
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...lines.map((l) => (l[i] as string).length), 4));
  for (const l of lines) console.log(l.map((cell, i) => cell.padEnd(widths[i] as number)).join('  '));
}

/** Per-call latency samples (ms) of `fn` over `inputs`, `rounds` times, after one warm-up round. */
export function sampleLatencies(
  inputs: readonly string[],
  rounds: number,
  fn: (input: string) => unknown,
): number[] {
  for (const input of inputs) fn(input);
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = process.hrtime.bigint();
      fn(input);
      out.push(elapsedMs(start));
    }
  }
  return out;
}
