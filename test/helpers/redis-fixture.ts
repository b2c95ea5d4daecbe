/**
 * A private redis-server with a connected client for the tests of one file or `describe` block,
 * started before them and closed after them (vitest hooks: bench and scripts use redis.ts instead).
 */
import { afterAll, beforeAll } from 'vitest';
import { connectRedis, type TanyaRedis } from '../../src/store/redis-client.js';
import { startRedis, stopRedis, type TestRedis } from './redis.js';

/** The Redis of a {@link useTestRedis} block; read its fields inside tests and hooks only. */
export interface RedisFixture {
  /** The server (to stop or restart it). */
  readonly server: TestRedis;
  /** `redis://127.0.0.1:<port>` of the server. */
  readonly url: string;
  /** A client connected with the product's own settings ({@link connectRedis}). */
  readonly client: TanyaRedis;
}

/**
 * Starts a private redis-server and connects a client before the tests of the calling file or
 * `describe` block, and closes both after them.
 */
export function useTestRedis(): RedisFixture {
  let server: TestRedis | undefined;
  let client: TanyaRedis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    client = await connectRedis(server.url);
  });
  afterAll(async () => {
    await client?.close();
    await stopRedis(server);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('test Redis not started: use it inside tests and hooks');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get url() {
      return started(server).url;
    },
    get client() {
      return started(client);
    },
  };
}
