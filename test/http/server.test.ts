import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'tanya-http-'));

describe('HTTP health, readiness and metrics (memory store)', () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp(loadConfig({ DATA_DIR: dataDir() }), createLogger('silent'));
  });
  afterAll(async () => app.close());

  it('serves /healthz, /readyz and /metrics', async () => {
    const server = await createHttpServer(app);
    expect((await server.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await server.inject('/readyz')).json()).toEqual({ status: 'ready', store: 'memory' });
    await app.engine.handle({
      id: '1',
      kind: 'text',
      text: 'halo',
      address: { channel: 'web', conversationId: 'a', userId: 'a' },
    });
    const metrics = await server.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/tanya_turns_total\{channel="web",outcome="ok"\} 1/);
    expect(metrics.body).toMatch(/tanya_turn_duration_seconds_bucket/);
    expect(metrics.body).toMatch(/tanya_awaiting_total\{dialog="menu",step="choose"\} 1/);
    expect((await server.inject('/nope')).statusCode).toBe(404);
    await server.close();
  });
});

describe('HTTP readiness with Redis', () => {
  let redis: TestRedis;
  let app: App;
  beforeAll(async () => {
    redis = await startRedis();
    app = await createApp(loadConfig({ DATA_DIR: dataDir(), REDIS_URL: redis.url }), createLogger('silent'));
  });
  afterAll(async () => {
    await app.close().catch(() => undefined);
    await redis.stop();
  });

  it('is ready while Redis answers and unavailable (503) when it does not', async () => {
    const server = await createHttpServer(app);
    expect((await server.inject('/readyz')).json()).toEqual({ status: 'ready', store: 'redis' });
    await redis.stop();
    const down = await server.inject('/readyz');
    expect(down.statusCode).toBe(503);
    await redis.restart();
    await server.close();
  });
});
