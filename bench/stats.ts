/**
 * Timing helpers for benchmarks: percentiles over samples and a row builder with the ratio.
 */
import type { BenchRow } from './types.js';

/** The p-th percentile (0-100) of `samples` (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

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
