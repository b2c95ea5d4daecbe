/**
 * An honest waiting-time estimate: the median of the waits actually measured recently (from entering
 * the queue to an agent taking the conversation), or none at all when there is no recent data.
 */
import type { WaitSample } from './model.js';

/** Samples older than this do not count (a quiet week says nothing about today). */
export const ESTIMATE_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** An estimate in whole minutes and how many measured waits it rests on. */
export interface WaitEstimate {
  minutes: number;
  samples: number;
}

/** The median recent wait, rounded up to a minute; undefined when nothing recent was measured. */
export function estimateWait(samples: readonly WaitSample[], now: Date): WaitEstimate | undefined {
  const recent = samples
    .filter((sample) => now.getTime() - Date.parse(sample.at) <= ESTIMATE_MAX_AGE_MS)
    .map((sample) => sample.ms)
    .sort((a, b) => a - b);
  if (!recent.length) return undefined;
  const middle = Math.floor(recent.length / 2);
  const median =
    recent.length % 2
      ? (recent[middle] as number)
      : ((recent[middle - 1] as number) + (recent[middle] as number)) / 2;
  return { minutes: Math.max(1, Math.ceil(median / 60_000)), samples: recent.length };
}
