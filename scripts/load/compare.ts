/**
 * Compares what a chat should have received with what it did receive: lost replies (expected,
 * never arrived), duplicates (arrived more often than sent) and out-of-order replies (arrived, but
 * not in the order the bot produced them). Replies are compared by a key (their text); a text the
 * bot legitimately says twice is told apart by its occurrence number.
 */

/** The outcome of {@link compareSequences}. */
export interface SequenceCheck {
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
  /** Replies to move to restore the expected order (received minus the longest in-order run). */
  outOfOrder: number;
}

/** Length of the longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): number {
  const tails: number[] = [];
  for (const value of values) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((tails[mid] as number) < value) low = mid + 1;
      else high = mid;
    }
    tails[low] = value;
  }
  return tails.length;
}

/** Checks `received` against `expected` (both in arrival / production order). */
export function compareSequences(expected: readonly string[], received: readonly string[]): SequenceCheck {
  const positions = new Map<string, number[]>();
  expected.forEach((key, index) => {
    const list = positions.get(key) ?? [];
    list.push(index);
    positions.set(key, list);
  });
  const seen = new Map<string, number>();
  const matched: number[] = [];
  let duplicates = 0;
  for (const key of received) {
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const index = positions.get(key)?.[occurrence];
    if (index === undefined) duplicates += 1;
    else matched.push(index);
  }
  return {
    expected: expected.length,
    received: received.length,
    lost: expected.length - matched.length,
    duplicates,
    outOfOrder: matched.length - longestIncreasing(matched),
  };
}

/** Sums checks over many chats; `chatsOutOfOrder` counts chats with any reordering. */
export function sumChecks(checks: readonly SequenceCheck[]): SequenceCheck & { chatsOutOfOrder: number } {
  const total = { expected: 0, received: 0, lost: 0, duplicates: 0, outOfOrder: 0, chatsOutOfOrder: 0 };
  for (const check of checks) {
    total.expected += check.expected;
    total.received += check.received;
    total.lost += check.lost;
    total.duplicates += check.duplicates;
    total.outOfOrder += check.outOfOrder;
    if (check.outOfOrder > 0) total.chatsOutOfOrder += 1;
  }
  return total;
}
