/**
 * Per-user rate limiting: at most `perMinute` messages per user (channel + user id) in each fixed
 * one-minute window of the engine's clock. The window number is part of the counter's key, so the
 * limit follows the engine's (possibly fake) clock whichever store counts, and a counter only needs
 * an expiry for clean-up. The first message over the limit gets one polite notice; later ones in the
 * same window get no answer at all, so a flooding client cannot make the bot flood back.
 */
import type { RateCheck } from '../store/session-store.js';
import type { Address } from './types.js';

/** Length of one rate-limit window. */
export const RATE_WINDOW_MS = 60_000;

/** The counter a message of `address` at `now` adds to, for a limit of `perMinute`. */
export function rateCheck(address: Address, now: Date, perMinute: number): RateCheck {
  const window = Math.floor(now.getTime() / RATE_WINDOW_MS);
  return {
    key: `${address.channel}:${address.userId}:${window}`,
    limit: perMinute,
    // Kept one window longer than needed: a counter never disappears while its window is current.
    ttlMs: 2 * RATE_WINDOW_MS,
  };
}

/** Whether a message counted `count` in its window gets the notice (only the first one over). */
export function rateNoticeDue(count: number, limit: number): boolean {
  return count === limit + 1;
}
