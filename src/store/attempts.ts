/**
 * Failed-attempt counters with a lockout, keyed by what is being guessed (a claim ticket): after
 * `limit` failures within `windowMs` the key is locked for `lockMs`. In memory (one process, the
 * turn's clock) or in Redis (shared; expiry by Redis TTLs).
 */
import type { TanyaRedis } from './redis-client.js';

/** The state of a key after a check or a failure. */
export interface AttemptState {
  /** Failures counted in the current window (0 right after a lockout starts). */
  failures: number;
  /** Set while the key is locked. */
  lockedUntil?: Date;
}

/** Counts failures and locks keys. */
export interface AttemptLimiter {
  readonly limit: number;
  /** Whether `key` is locked at `now`. */
  check(key: string, now: Date): Promise<AttemptState>;
  /** Counts one failure; the `limit`-th locks the key. */
  fail(key: string, now: Date): Promise<AttemptState>;
  /** Clears the failures of `key` (after a success). */
  reset(key: string): Promise<void>;
}

/** Limits of an {@link AttemptLimiter}. */
export interface AttemptLimits {
  limit: number;
  windowMs: number;
  lockMs: number;
}

/** Five failures within an hour lock the key for an hour. */
export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = { limit: 5, windowMs: 3_600_000, lockMs: 3_600_000 };

/** An {@link AttemptLimiter} in process memory; time comes from the caller (the turn's clock). */
export class MemoryAttemptLimiter implements AttemptLimiter {
  readonly #entries = new Map<string, { failures: number; windowEnds: number; lockedUntil: number }>();
  readonly #limits: AttemptLimits;

  constructor(limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS) {
    this.#limits = limits;
  }

  get limit(): number {
    return this.#limits.limit;
  }

  async check(key: string, now: Date): Promise<AttemptState> {
    const entry = this.#current(key, now.getTime());
    if (!entry) return { failures: 0 };
    return entry.lockedUntil > now.getTime()
      ? { failures: entry.failures, lockedUntil: new Date(entry.lockedUntil) }
      : { failures: entry.failures };
  }

  async fail(key: string, now: Date): Promise<AttemptState> {
    const t = now.getTime();
    const entry = this.#current(key, t) ?? {
      failures: 0,
      windowEnds: t + this.#limits.windowMs,
      lockedUntil: 0,
    };
    if (entry.lockedUntil > t) return { failures: entry.failures, lockedUntil: new Date(entry.lockedUntil) };
    entry.failures += 1;
    if (entry.failures >= this.#limits.limit) {
      entry.failures = 0;
      entry.lockedUntil = t + this.#limits.lockMs;
      entry.windowEnds = entry.lockedUntil;
    }
    this.#entries.set(key, entry);
    return entry.lockedUntil > t
      ? { failures: entry.failures, lockedUntil: new Date(entry.lockedUntil) }
      : { failures: entry.failures };
  }

  async reset(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  #current(key: string, t: number) {
    const entry = this.#entries.get(key);
    if (entry && entry.windowEnds <= t && entry.lockedUntil <= t) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

/** KEYS: counter, lock. ARGV: limit, window ms, lock ms. Returns {failures, lock ttl ms}. */
const FAIL = `
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then return {0, ttl} end
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if failures >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {0, tonumber(ARGV[3])}
end
return {failures, 0}
`;

/** An {@link AttemptLimiter} in Redis, shared by every instance. */
export class RedisAttemptLimiter implements AttemptLimiter {
  readonly #client: TanyaRedis;
  readonly #prefix: string;
  readonly #limits: AttemptLimits;

  /** Uses `client` (not closed here); keys live under `<prefix>attempts:<name>:`. */
  constructor(
    client: TanyaRedis,
    prefix: string,
    name: string,
    limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS,
  ) {
    this.#client = client;
    this.#prefix = `${prefix}attempts:${name}:`;
    this.#limits = limits;
  }

  get limit(): number {
    return this.#limits.limit;
  }

  async check(key: string, now: Date): Promise<AttemptState> {
    const [failures, ttl] = await Promise.all([
      this.#client.get(`${this.#prefix}n:${key}`),
      this.#client.pTTL(`${this.#prefix}lock:${key}`),
    ]);
    const count = Number(failures ?? 0);
    return ttl > 0 ? { failures: count, lockedUntil: new Date(now.getTime() + ttl) } : { failures: count };
  }

  async fail(key: string, now: Date): Promise<AttemptState> {
    const [failures, ttl] = (await this.#client.eval(FAIL, {
      keys: [`${this.#prefix}n:${key}`, `${this.#prefix}lock:${key}`],
      arguments: [String(this.#limits.limit), String(this.#limits.windowMs), String(this.#limits.lockMs)],
    })) as [number, number];
    return ttl > 0
      ? { failures: Number(failures), lockedUntil: new Date(now.getTime() + Number(ttl)) }
      : { failures: Number(failures) };
  }

  async reset(key: string): Promise<void> {
    await this.#client.del(`${this.#prefix}n:${key}`);
  }
}
