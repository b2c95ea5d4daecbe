/**
 * How the events dialog's services are wired: the configured store (DATA_DIR or Redis) is seeded with
 * the shipped samples on first start only, and its Redis connection is closed with the services.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChannelRegistry } from '../../src/channels/channel.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log/logger.js';
import { closeServices, createServices } from '../../src/services.js';
import { RedisEventStore } from '../../src/store/events.js';
import { openEventStore } from '../../src/store/events-open.js';
import { FileRecordStore } from '../../src/store/file-record-store.js';
import { useTestRedis } from '../helpers/redis-fixture.js';

/** Services over `env`, with every log line kept. */
async function servicesFor(env: Record<string, string>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig(env);
  const services = await createServices({
    config,
    log: createLogger('info', sink),
    dataDir: config.DATA_DIR,
    records: FileRecordStore.inMemory(),
    channels: new ChannelRegistry(),
  });
  const seeded = () => lines.some((line) => line.includes('seeded the sample events'));
  return { services, seeded };
}

describe('events services', () => {
  const redis = useTestRedis();

  it('seeds an empty DATA_DIR store with the samples once, and finds places', async () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-events-svc-')) };
    const first = await servicesFor(env);
    expect(first.seeded()).toBe(true);
    expect(await first.services.events.count()).toBe(29);
    expect(first.services.gazetteer.resolve('jaksel')).toMatchObject({ status: 'found' });
    await closeServices(first.services);

    const second = await servicesFor(env);
    expect(second.seeded()).toBe(false);
    expect(await second.services.events.count()).toBe(29);
    await closeServices(second.services);
  });

  it('uses Redis when REDIS_URL is set, seeding it once', async () => {
    const env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-events-svc-')),
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'svc:',
    };
    const first = await servicesFor(env);
    expect(first.seeded()).toBe(true);
    expect(await new RedisEventStore(redis.client, { prefix: 'svc:' }).count()).toBe(29);
    await closeServices(first.services);
    const second = await servicesFor(env);
    expect(second.seeded()).toBe(false);
    await closeServices(second.services);
  });

  it('closes the Redis connection it opened', async () => {
    const connections = async () =>
      String(await redis.client.sendCommand(['CLIENT', 'LIST']))
        .trim()
        .split('\n').length;
    const before = await connections();
    const opened = await openEventStore({ REDIS_URL: redis.url, REDIS_PREFIX: 'open:' }, tmpdir());
    expect(opened.kind).toBe('redis');
    expect(await connections()).toBe(before + 1);
    await opened.close();
    await opened.close();
    await expect.poll(connections).toBe(before);
  });
});
