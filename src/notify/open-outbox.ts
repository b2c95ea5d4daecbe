/**
 * Opens the notification outbox the configuration names (Redis when `REDIS_URL` is set, files in
 * `DATA_DIR/outbox` otherwise), for processes that only enqueue, such as `tanya records set-status`.
 */
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { connectRedis } from '../store/redis-client.js';
import { FileOutbox, type NotificationOutbox } from './outbox.js';
import { RedisOutbox } from './redis-outbox.js';

/** An outbox with the connection it owns. */
export interface OpenOutbox {
  outbox: NotificationOutbox;
  close(): Promise<void>;
}

/** The outbox of this configuration. */
export async function openOutbox(
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'DATA_DIR'>,
): Promise<OpenOutbox> {
  if (config.REDIS_URL) {
    const client = await connectRedis(config.REDIS_URL);
    return {
      outbox: new RedisOutbox(client, config.REDIS_PREFIX),
      async close() {
        if (client.isReady) await client.close();
        else if (client.isOpen) client.destroy();
      },
    };
  }
  const outbox = await FileOutbox.open(resolve(config.DATA_DIR));
  return { outbox, close: () => outbox.close() };
}
