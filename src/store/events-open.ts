/**
 * Opens the configured event store: Redis when `REDIS_URL` is set (its own node-redis client, which
 * `close()` quits), else the embedded store persisted in `DATA_DIR/events.json`. Shared by the bot
 * (src/services.ts) and `tanya events`, so both always read and write the same events.
 */
import type { Config } from '../config.js';
import { MemoryEventStore } from './events-memory.js';
import { RedisEventStore } from './events-redis.js';
import type { EventStore } from './events.js';
import { connectRedis } from './redis-client.js';

/** An open store and how to release it. */
export interface OpenEventStore {
  store: EventStore;
  /** `redis` or `file`, for logs. */
  kind: 'redis' | 'file';
  /** Closes what the store holds (the Redis client); safe to call twice. */
  close(): Promise<void>;
}

/** Opens the store `config` names; `dataDir` is the resolved data directory. */
export async function openEventStore(
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX'>,
  dataDir: string,
  onRedisError: (error: Error) => void = () => undefined,
): Promise<OpenEventStore> {
  if (config.REDIS_URL) {
    const client = await connectRedis(config.REDIS_URL, {}, onRedisError);
    return {
      store: new RedisEventStore(client, { prefix: config.REDIS_PREFIX }),
      kind: 'redis',
      close: async () => {
        if (client.isOpen) await client.close();
      },
    };
  }
  return { store: await MemoryEventStore.open({ dataDir }), kind: 'file', close: async () => undefined };
}
