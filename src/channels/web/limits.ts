/**
 * Bounds on what an anonymous web chat client can make the server keep: new conversations per client
 * address, and uploads per conversation (checked before an upload is written to disk, at the same
 * per-minute rate the engine allows messages). Counters live in this process (rate-limiter-flexible)
 * and expire on their own; each instance keeps its own uploads and counts its own.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Allowances; 0 turns a limit off. */
export interface WebLimitSettings {
  /** New conversations (`GET /web/session` without a cookie) per client address per window. */
  conversationsPerAddress: number;
  /** The window of {@link conversationsPerAddress}, in seconds. */
  conversationWindowSec: number;
  /** Uploads stored per conversation per minute (`RATE_LIMIT_PER_MINUTE`). */
  uploadsPerMinute: number;
}

/** 20 new conversations per address in 10 minutes; uploads at the default message rate. */
export const DEFAULT_WEB_LIMITS: Readonly<WebLimitSettings> = Object.freeze({
  conversationsPerAddress: 20,
  conversationWindowSec: 10 * 60,
  uploadsPerMinute: 20,
});

/** One counter; always allows when `points` is 0. */
function limiter(points: number, duration: number): (key: string) => Promise<boolean> {
  if (points <= 0) return async () => true;
  const counter = new RateLimiterMemory({ points, duration });
  return async (key) => {
    try {
      await counter.consume(key);
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
  };
}

/** The web chat's limits. */
export class WebLimits {
  /** Counts a new conversation from `address`; false when over the limit. */
  readonly newConversation: (address: string) => Promise<boolean>;
  /** Counts an upload to `conversationId`; false when over the limit (store nothing then). */
  readonly upload: (conversationId: string) => Promise<boolean>;

  constructor(settings: Partial<WebLimitSettings> = {}) {
    const limits = { ...DEFAULT_WEB_LIMITS, ...settings };
    this.newConversation = limiter(limits.conversationsPerAddress, limits.conversationWindowSec);
    this.upload = limiter(limits.uploadsPerMinute, 60);
  }
}
