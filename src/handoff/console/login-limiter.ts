/**
 * The limit on console sign-in attempts, per account name and per client address
 * (rate-limiter-flexible). An attempt is reserved atomically before its password is checked, so
 * attempts still being checked count too and a burst of parallel guesses cannot slip past the
 * limit; wrong attempts keep their reservation until the window ends. Counters expire on their own;
 * with Redis they live there, so every instance sees the same counts.
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { TanyaRedis } from '../../store/redis-client.js';

/** Attempts allowed within one window. */
export interface LoginLimits {
  /** Per account name (case-insensitive). */
  perName: number;
  /** Per client address: higher, as several agents may share an office's address. */
  perAddress: number;
  /** Length of the window, in seconds, from the first attempt counted. */
  windowSec: number;
}

/** 5 attempts per name and 30 per address in 15 minutes. */
export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = Object.freeze({
  perName: 5,
  perAddress: 30,
  windowSec: 15 * 60,
});

/** A reserved sign-in attempt. */
export interface LoginAttempt {
  /**
   * After a right password: forgets the name's counted attempts and gives the address back this
   * attempt (its other failures still count). A wrong password needs no call: the attempt stays
   * counted.
   */
  succeeded(): Promise<void>;
}

/** The limiter's store failed (Redis unreachable): the sign-in is refused, never let through unlimited. */
export class LoginLimiterUnavailable extends Error {
  override readonly name = 'LoginLimiterUnavailable';
}

/** Counts sign-in attempts per name and per address. */
export class LoginLimiter {
  private constructor(
    private readonly byName: RateLimiterAbstract,
    private readonly byAddress: RateLimiterAbstract,
  ) {}

  /** Counters in this process's memory (one instance). */
  static memory(limits: LoginLimits = DEFAULT_LOGIN_LIMITS): LoginLimiter {
    return new LoginLimiter(
      new RateLimiterMemory({ points: limits.perName, duration: limits.windowSec }),
      new RateLimiterMemory({ points: limits.perAddress, duration: limits.windowSec }),
    );
  }

  /**
   * Counters in Redis, under `<prefix>console:login-name:<name>` and
   * `<prefix>console:login-address:<address>`, shared by every instance on it.
   */
  static redis(client: TanyaRedis, prefix: string, limits: LoginLimits = DEFAULT_LOGIN_LIMITS): LoginLimiter {
    const store = (keyPrefix: string, points: number) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${prefix}console:${keyPrefix}`,
        points,
        duration: limits.windowSec,
      });
    return new LoginLimiter(store('login-name', limits.perName), store('login-address', limits.perAddress));
  }

  /**
   * Reserves one attempt for `name` from `address`; undefined when either is over its limit (then
   * nothing is counted against the other). Throws {@link LoginLimiterUnavailable} when the store fails.
   */
  async reserve(name: string, address: string): Promise<LoginAttempt | undefined> {
    const nameKey = name.normalize('NFKC').toLowerCase();
    const [byName, byAddress] = await Promise.allSettled([
      this.byName.consume(nameKey),
      this.byAddress.consume(address),
    ]);
    const failure = [byName, byAddress].find(
      (outcome): outcome is PromiseRejectedResult =>
        outcome.status === 'rejected' && !(outcome.reason instanceof RateLimiterRes),
    );
    if (failure) {
      throw new LoginLimiterUnavailable(`sign-in limiter unavailable: ${String(failure.reason)}`, {
        cause: failure.reason,
      });
    }
    if (byName.status === 'rejected' || byAddress.status === 'rejected') {
      // Only the limit that was hit counts this attempt.
      if (byName.status === 'fulfilled') await this.byName.reward(nameKey);
      if (byAddress.status === 'fulfilled') await this.byAddress.reward(address);
      return undefined;
    }
    return {
      succeeded: async () => {
        await Promise.all([this.byName.delete(nameKey), this.byAddress.reward(address)]);
      },
    };
  }
}
