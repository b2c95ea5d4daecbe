/**
 * Redis at start-up and while running: a bounded first check, so a wrong `REDIS_URL` stops
 * `tanya serve` with one line instead of retrying forever, and a watcher that logs an outage once
 * ("Redis connection lost") and its end once ("Redis connection back").
 */
import { createClient } from 'redis';
import type { Log } from '../log/logger.js';
import { redactRedisUrl } from '../store/redis-client.js';
import { EXIT_UNAVAILABLE, StartupError } from './errors.js';

/** How long the start-up check waits for Redis by default. */
export const REDIS_CHECK_TIMEOUT_MS = 5_000;

/**
 * Connects once to `url` and pings, without retrying; throws a {@link StartupError} naming Redis
 * (and the URL without its password) when that fails or takes longer than `timeoutMs`.
 */
export async function checkRedisReachable(url: string, timeoutMs = REDIS_CHECK_TIMEOUT_MS): Promise<void> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(
      `cannot connect to Redis at ${redactRedisUrl(url)}: ${reason || 'connection failed'} (check REDIS_URL and that Redis is running)`,
      EXIT_UNAVAILABLE,
    );
  } finally {
    clearTimeout(timer);
    if (client.isOpen) client.destroy();
  }
}

/**
 * The logger for a module that logs each of its Redis client's reconnect attempts at error level
 * (the statistics store): those lines appear only when `log` is at debug level or finer, since
 * `tanya serve` reports an outage once through {@link watchRedisConnection}.
 */
export function redisClientLog(log: Log): Log {
  return log.isLevelEnabled('debug') ? log : log.child({}, { level: 'fatal' });
}

/** A running {@link watchRedisConnection}. */
export interface RedisWatch {
  /** Whether the watcher currently sees Redis as unreachable. */
  readonly lost: boolean;
  /** Stops watching and closes the watcher's connection. */
  close(): Promise<void>;
}

/**
 * Watches the connection to `url` with a client of its own (pinging every `pingIntervalMs`, so a
 * silent network failure is noticed too) and logs one error line when Redis becomes unreachable and
 * one info line when it is back. The stores' own clients reconnect by themselves; their per-attempt
 * errors are logged at debug level only.
 */
export function watchRedisConnection(url: string, log: Log, pingIntervalMs = 5_000): RedisWatch {
  const redis = redactRedisUrl(url);
  const client = createClient({
    url,
    disableOfflineQueue: true,
    pingInterval: pingIntervalMs,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000),
    },
  });
  let lost = false;
  let closed = false;
  client.on('error', (error: Error) => {
    if (lost || closed) return;
    lost = true;
    log.error({ redis, err: error.message }, 'Redis connection lost');
  });
  client.on('ready', () => {
    if (!lost || closed) return;
    lost = false;
    log.info({ redis }, 'Redis connection back');
  });
  // Not awaited: when Redis is down at this moment the client keeps retrying, and the first failure
  // is itself the outage to report.
  client.connect().catch(() => undefined);
  return {
    get lost() {
      return lost;
    },
    async close() {
      closed = true;
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}
