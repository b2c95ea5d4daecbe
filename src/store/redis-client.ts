/**
 * One place that creates node-redis clients: connection errors are logged by the caller's handler,
 * reconnects back off, and a failed first connect says which URL failed (without its password).
 */
import { createClient, type RedisClientOptions } from 'redis';

/** A connected node-redis client. */
export type TanyaRedis = ReturnType<typeof createClient>;

/** The URL with any password replaced by `***`, safe for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(invalid url)';
  }
}

/** Connects a client to `url`; reconnects with capped exponential backoff after the first connect. */
export async function connectRedis(
  url: string,
  options: Omit<RedisClientOptions, 'url'> = {},
  onError: (error: Error) => void = () => undefined,
): Promise<TanyaRedis> {
  const client = createClient({
    ...options,
    url,
    // Fail fast while disconnected instead of queueing: the user is told to try again, and nothing
    // is applied half-way when the connection comes back.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000),
    },
  }) as TanyaRedis;
  client.on('error', onError);
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new Error(`cannot connect to Redis at ${redactRedisUrl(url)}: ${(error as Error).message}`);
  }
  return client;
}
