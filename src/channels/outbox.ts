/**
 * A small send queue that paces deliveries: one FIFO lane per key (a chat), at most one send in
 * flight per lane, a minimum interval (plus random jitter) between the starts of two sends of the
 * same lane once its short burst allowance is spent, and a global cap on sends in flight. Platforms
 * rate-limit per chat (Telegram: about one message per second in a chat, short bursts allowed) and
 * globally; longer bursts are smoothed here instead of hitting 429s.
 *
 * The per-lane limit is a token bucket kept as one number (the generic cell rate algorithm): a lane
 * may start up to `burst` sends at once after a quiet spell, then one per `minIntervalMs`. So the
 * two or three messages of one bot turn leave together, and a longer run is paced.
 *
 * A send that fails with a transient error (a network failure, a 5xx; see
 * {@link isTransientSendError}) is retried with exponential backoff, at the head of its lane so the
 * chat's order is kept; a send that succeeded is never sent again. Permanent errors (a 4xx such as
 * "bot was blocked") are not retried. Clock, timers and randomness are injectable so tests run
 * without sleeping.
 */

/** Timer functions; the defaults are the global `setTimeout`/`clearTimeout`. */
export interface OutboxTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Pacing settings. */
export interface OutboxOptions {
  /** Minimum time between the starts of two sends of one key (ms). Default 1000. */
  minIntervalMs: number;
  /** Up to this much random extra delay is added to each interval (ms). Default 100. */
  jitterMs: number;
  /** Sends a quiet lane may start without waiting (the bucket size). Default 1: every send is paced. */
  burst: number;
  /** Most sends in flight across all keys. Default 8. */
  concurrency: number;
  /** Milliseconds clock. Default `Date.now`. */
  now: () => number;
  timers: OutboxTimers;
  /** A number in [0, 1). Default `Math.random`. */
  random: () => number;
  /** Retries of a send that failed with a transient error. Default 3. */
  retries: number;
  /** Delay before the first retry (ms); doubled for each next one, plus up to half of it in jitter. Default 500. */
  retryBaseMs: number;
  /** Longest delay between two attempts (ms). Default 8000. */
  retryMaxMs: number;
  /** Which errors are worth retrying. Default {@link isTransientSendError}. */
  retryable: (error: unknown) => boolean;
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

function numberField(value: object, name: string): number | undefined {
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'number' ? field : undefined;
}

/**
 * Whether a failed send may succeed if tried again: HTTP 5xx and 408 (`error_code` of grammY's
 * GrammyError, `statusCode` or `status`), network failures (grammY's HttpError, fetch's "fetch
 * failed", socket error codes, also as an error's `cause`). A 429 is not: the platform's own retry
 * (auto-retry with `retry_after`) already ran. Anything else, such as a 400 or 403, is permanent.
 */
export function isTransientSendError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const status =
    numberField(error, 'error_code') ?? numberField(error, 'statusCode') ?? numberField(error, 'status');
  if (status !== undefined) return status >= 500 || status === 408;
  const { name, message, code, cause } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    cause?: unknown;
  };
  if (name === 'HttpError') return true;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  if (name === 'TypeError' && message === 'fetch failed') return true;
  return cause !== undefined && isTransientSendError(cause, depth + 1);
}

interface Job {
  /** Attempts made so far. */
  attempt: number;
  run: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

interface Lane {
  readonly queue: Job[];
  busy: boolean;
  /** Earliest time the lane's next send may start. */
  readyAt: number;
  /** When the lane's bucket is full again (its theoretical arrival time): nothing to remember after it. */
  fullAt: number;
}

const defaultTimers: OutboxTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Per-key FIFO pacing with a global concurrency cap. */
export class Outbox {
  readonly #options: OutboxOptions;
  readonly #lanes = new Map<string, Lane>();
  #running = 0;
  #queued = 0;
  #timer: unknown;
  #timerAt = Number.POSITIVE_INFINITY;
  #idleWaiters: Array<() => void> = [];
  #retried = 0;

  constructor(options: Partial<OutboxOptions> = {}) {
    this.#options = {
      minIntervalMs: options.minIntervalMs ?? 1000,
      jitterMs: options.jitterMs ?? 100,
      burst: Math.max(1, Math.floor(options.burst ?? 1)),
      concurrency: Math.max(1, options.concurrency ?? 8),
      now: options.now ?? Date.now,
      timers: options.timers ?? defaultTimers,
      random: options.random ?? Math.random,
      retries: Math.max(0, options.retries ?? 3),
      retryBaseMs: options.retryBaseMs ?? 500,
      retryMaxMs: options.retryMaxMs ?? 8000,
      retryable: options.retryable ?? ((error) => isTransientSendError(error)),
    };
  }

  /** Sends retried after a transient failure, since this outbox was created. */
  get retried(): number {
    return this.#retried;
  }

  /** Sends queued or in flight. */
  get size(): number {
    return this.#queued + this.#running;
  }

  /**
   * Queues `task` on `key`'s lane; resolves or rejects with the task's own outcome. A failed task
   * does not hold up the ones queued after it.
   */
  enqueue<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lane = this.#lanes.get(key);
      if (!lane) {
        lane = { queue: [], busy: false, readyAt: 0, fullAt: 0 };
        this.#lanes.set(key, lane);
      }
      lane.queue.push({ attempt: 0, run: task, resolve: resolve as (value: unknown) => void, reject });
      this.#queued += 1;
      this.#pump();
    });
  }

  /** Resolves once nothing is queued or in flight. */
  drain(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    const now = this.#options.now();
    let nextAt = Number.POSITIVE_INFINITY;
    for (const [key, lane] of this.#lanes) {
      if (lane.busy) continue;
      if (lane.queue.length === 0) {
        if (lane.readyAt <= now && lane.fullAt <= now) this.#lanes.delete(key);
        continue;
      }
      if (lane.readyAt > now) {
        nextAt = Math.min(nextAt, lane.readyAt);
        continue;
      }
      if (this.#running >= this.#options.concurrency) continue; // pumped again when a send ends
      this.#start(key, lane, now);
    }
    this.#schedule(nextAt, now);
    if (this.size === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  #start(key: string, lane: Lane, now: number): void {
    const job = lane.queue.shift() as Job;
    this.#queued -= 1;
    this.#running += 1;
    lane.busy = true;
    const { minIntervalMs, jitterMs, burst, random } = this.#options;
    const interval = minIntervalMs + (jitterMs > 0 ? Math.floor(random() * jitterMs) : 0);
    lane.fullAt = Math.max(lane.fullAt, now) + interval;
    lane.readyAt = lane.fullAt - (burst - 1) * minIntervalMs;
    job.attempt += 1;
    void Promise.resolve()
      .then(job.run)
      .then(job.resolve, (error: unknown) => {
        if (job.attempt > this.#options.retries || !this.#options.retryable(error)) {
          job.reject(error);
          return;
        }
        // Back at the head of its lane, after a backoff: the chat's later messages wait for it.
        this.#retried += 1;
        lane.queue.unshift(job);
        this.#queued += 1;
        lane.readyAt = Math.max(lane.readyAt, this.#options.now() + this.#backoff(job.attempt));
      })
      .finally(() => {
        this.#running -= 1;
        lane.busy = false;
        // Round robin: a lane that just had its turn goes to the back of the line.
        if (this.#lanes.get(key) === lane) {
          this.#lanes.delete(key);
          this.#lanes.set(key, lane);
        }
        this.#pump();
      });
  }

  /** Delay before retry number `attempt` (1 = the first retry). */
  #backoff(attempt: number): number {
    const { retryBaseMs, retryMaxMs, random } = this.#options;
    const base = Math.min(retryMaxMs, retryBaseMs * 2 ** (attempt - 1));
    return Math.min(retryMaxMs, base + Math.floor(random() * (base / 2)));
  }

  #schedule(at: number, now: number): void {
    if (at === Number.POSITIVE_INFINITY || at >= this.#timerAt) return;
    const { timers } = this.#options;
    if (this.#timer !== undefined) timers.clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = timers.setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#pump();
      },
      Math.max(0, at - now),
    );
  }
}
