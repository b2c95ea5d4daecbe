/**
 * Opens the dashboard statistics store from configuration: Redis (its own connection) when
 * `REDIS_URL` is set, so every instance counts into one place; process memory otherwise.
 */
import type { Config } from '../config.js';
import type { Log } from '../log/logger.js';
import { connectRedis } from '../store/redis-client.js';
import { RedisStatsStore } from './redis-store.js';
import { MemoryStatsStore, type StatsStore } from './store.js';

/** The store for `config`. */
export async function openStatsStore(config: Config, log: Log): Promise<StatsStore> {
  if (!config.REDIS_URL) return new MemoryStatsStore();
  const client = await connectRedis(config.REDIS_URL, {}, (error) =>
    log.error({ err: error.message }, 'statistics Redis client error'),
  );
  return new RedisStatsStore(client, config.REDIS_PREFIX, async () => {
    if (client.isReady) await client.close();
    else if (client.isOpen) client.destroy();
  });
}
