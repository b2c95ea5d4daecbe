/**
 * Durable auth state and the number lease, against a real redis-server and real files.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initAuthCreds, proto } from '@whiskeysockets/baileys';
import {
  openAuthState,
  useFileAuthState,
  useRedisAuthState,
  type WhatsAppAuthState,
} from '../../src/channels/whatsapp/auth-state.js';
import { RedisLease } from '../../src/channels/whatsapp/lease.js';
import { WhatsAppChannel } from '../../src/channels/whatsapp/adapter.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestEngine } from '../helpers/engine.js';
import { fakeSocketFactory, ManualScheduler } from './whatsapp-fakes.js';
import { useTestRedis } from '../helpers/redis-fixture.js';

const redis = useTestRedis();

/** What a paired session writes: registered creds with a `me`, a session, a pre-key, an app-state key. */
async function pairAndWrite(auth: WhatsAppAuthState): Promise<void> {
  auth.state.creds.registered = true;
  auth.state.creds.me = { id: '628111222333:7@s.whatsapp.net', lid: '118023456789012:7@lid', name: 'Tanya' };
  await auth.saveCreds();
  await auth.state.keys.set({
    session: { '118023456789012.0': Buffer.from('signal-session-bytes') },
    'pre-key': { '1': { public: Buffer.from([1, 2, 3]), private: Buffer.from([4, 5, 6]) } },
    'app-state-sync-key': {
      AAAAAJnb: proto.Message.AppStateSyncKeyData.fromObject({
        keyData: Buffer.from('app-key'),
        timestamp: 1,
      }),
    },
    'lid-mapping': { '628111222333': '118023456789012' },
  });
}

async function expectResumed(auth: WhatsAppAuthState, original: WhatsAppAuthState): Promise<void> {
  expect(auth.state.creds.registered).toBe(true);
  expect(auth.state.creds.me?.id).toBe('628111222333:7@s.whatsapp.net');
  expect(Buffer.isBuffer(auth.state.creds.noiseKey.private)).toBe(true);
  expect(Buffer.from(auth.state.creds.noiseKey.private)).toEqual(
    Buffer.from(original.state.creds.noiseKey.private),
  );
  expect(Buffer.from(auth.state.creds.signedIdentityKey.public)).toEqual(
    Buffer.from(original.state.creds.signedIdentityKey.public),
  );
  expect(auth.state.creds.advSecretKey).toBe(original.state.creds.advSecretKey);
  const sessions = await auth.state.keys.get('session', ['118023456789012.0', 'missing']);
  expect(Buffer.from(sessions['118023456789012.0'] ?? [])).toEqual(Buffer.from('signal-session-bytes'));
  expect(sessions.missing).toBeUndefined();
  const preKeys = await auth.state.keys.get('pre-key', ['1']);
  expect(preKeys['1']?.private).toEqual(Buffer.from([4, 5, 6]));
  const appKeys = await auth.state.keys.get('app-state-sync-key', ['AAAAAJnb']);
  expect(appKeys.AAAAAJnb).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
  expect(Buffer.from(appKeys.AAAAAJnb?.keyData ?? [])).toEqual(Buffer.from('app-key'));
  expect((await auth.state.keys.get('lid-mapping', ['628111222333']))['628111222333']).toBe(
    '118023456789012',
  );
}

describe('WhatsApp auth state', () => {
  it('starts a fresh session with initAuthCreds', async () => {
    const auth = await useFileAuthState(mkdtempSync(join(tmpdir(), 'tanya-wa-')));
    expect(auth.state.creds.registered).toBe(false);
    expect(Object.keys(auth.state.creds).sort()).toEqual(Object.keys(initAuthCreds()).sort());
  });

  it('survives a restart in Redis: creds and keys read back as equal Buffers', async () => {
    const namespace = 'tanya:wa:restart:';
    const first = await useRedisAuthState(redis.client, namespace);
    await pairAndWrite(first);
    const second = await useRedisAuthState(redis.client, namespace);
    await expectResumed(second, first);
    expect(await redis.client.exists(`${namespace}creds`)).toBe(1);
    expect(await redis.client.hExists(`${namespace}key:session`, '118023456789012.0')).toBe(1);
  });

  it('survives a restart in files: creds and keys read back, files are 0600', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tanya-wa-'));
    const first = await openAuthState({ numberId: 'main', dataDir });
    await pairAndWrite(first);
    const second = await openAuthState({ numberId: 'main', dataDir });
    await expectResumed(second, first);
    const dir = join(dataDir, 'whatsapp', 'main');
    const files = readdirSync(dir);
    expect(files).toContain('creds.json');
    expect(files).toContain('session-118023456789012.0.json');
    expect(files.some((name) => name.endsWith('.tmp'))).toBe(false);
    for (const name of files) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('deletes a key written as null, and the last of concurrent writes wins', async () => {
    for (const auth of [
      await useFileAuthState(mkdtempSync(join(tmpdir(), 'tanya-wa-'))),
      await useRedisAuthState(redis.client, 'tanya:wa:nulls:'),
    ]) {
      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          auth.state.keys.set({ session: { s: Buffer.from(`v${index}`) } }),
        ),
      );
      expect(Buffer.from((await auth.state.keys.get('session', ['s'])).s ?? []).toString()).toBe('v9');
      await auth.state.keys.set({ session: { s: null } });
      expect(await auth.state.keys.get('session', ['s'])).toEqual({});
    }
  });

  it('clear() forgets credentials and keys (a logout) but leaves the lease alone', async () => {
    const namespace = 'tanya:wa:logout:';
    const auth = await useRedisAuthState(redis.client, namespace);
    await pairAndWrite(auth);
    await redis.client.set(`${namespace}lease`, 'someone');
    await auth.clear();
    const fresh = await useRedisAuthState(redis.client, namespace);
    expect(fresh.state.creds.registered).toBe(false);
    expect(await fresh.state.keys.get('session', ['118023456789012.0'])).toEqual({});
    expect(await redis.client.get(`${namespace}lease`)).toBe('someone');

    const dataDir = mkdtempSync(join(tmpdir(), 'tanya-wa-'));
    const files = await openAuthState({ numberId: 'x', dataDir });
    await pairAndWrite(files);
    await files.clear();
    expect(readdirSync(join(dataDir, 'whatsapp', 'x'))).toEqual([]);
    expect((await openAuthState({ numberId: 'x', dataDir })).state.creds.registered).toBe(false);
  });

  it('rejects a number id that could escape the data directory', () => {
    expect(() => openAuthState({ numberId: '../etc', dataDir: tmpdir() })).toThrow(
      /invalid WhatsApp number id/,
    );
  });
});

describe('WhatsApp lease', () => {
  it('lets one holder in, refuses a second, and hands over on release', async () => {
    const key = 'tanya:wa:lease-a:lease';
    const first = new RedisLease(redis.client, key, 5_000, 'instance-1');
    const second = new RedisLease(redis.client, key, 5_000, 'instance-2');
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(await second.renew()).toBe(false);
    expect(await first.renew()).toBe(true);
    expect(await first.acquire()).toBe(true);
    await second.release();
    expect(await first.currentHolder()).toBe('instance-1');
    await first.release();
    expect(await second.acquire()).toBe(true);
    expect(await second.currentHolder()).toBe('instance-2');
  });

  it('lets a standby take over once an unrenewed lease expires', async () => {
    const key = 'tanya:wa:lease-b:lease';
    const crashed = new RedisLease(redis.client, key, 150, 'crashed');
    const standby = new RedisLease(redis.client, key, 150, 'standby');
    expect(await crashed.acquire()).toBe(true);
    expect(await standby.acquire()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await standby.acquire()).toBe(true);
    // The old holder finds out on its next renewal and must stop.
    expect(await crashed.renew()).toBe(false);
    await crashed.release();
    expect(await standby.currentHolder()).toBe('standby');
  });

  it('renewal keeps the lease alive past its ttl', async () => {
    const key = 'tanya:wa:lease-c:lease';
    const holder = new RedisLease(redis.client, key, 200, 'holder');
    const other = new RedisLease(redis.client, key, 200, 'other');
    expect(await holder.acquire()).toBe(true);
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await holder.renew()).toBe(true);
    }
    expect(await other.acquire()).toBe(false);
    expect(await redis.client.pTTL(key)).toBeGreaterThan(100);
  });
});

describe('WhatsApp channel over Redis', () => {
  async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
    for (let i = 0; i < 200 && !(await condition()); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
  }

  function instance() {
    const { engine } = createTestEngine();
    const sockets = fakeSocketFactory();
    const scheduler = new ManualScheduler();
    const channel = new WhatsAppChannel(
      {
        engine,
        log: createLogger('silent'),
        settings: {
          numberId: 'restart',
          allowGroups: false,
          dataDir: mkdtempSync(join(tmpdir(), 'tanya-wa-')),
          redisPrefix: 'it:',
          defaultLocale: 'id',
        },
      },
      { socketFactory: sockets.factory, redis: redis.client, scheduler, printQr: () => undefined },
    );
    return { channel, sockets, scheduler };
  }

  it('resumes a paired number after a restart, while a second instance stands by on the lease', async () => {
    const first = instance();
    await first.channel.start();
    const socket = first.sockets.latest();
    const creds = socket.config.auth.creds;
    expect(creds.registered).toBe(false);
    // Pairing succeeded: Baileys mutates the creds, emits creds.update and writes signal keys.
    creds.registered = true;
    creds.me = { id: '628111222333:9@s.whatsapp.net', lid: '118023456789012:9@lid' };
    socket.ev.emit('creds.update', { registered: true, me: creds.me });
    await socket.config.auth.keys.set({
      session: { '118023456789012.0': Buffer.from('session-after-pairing') },
    });
    await until(
      async () => (await redis.client.get('it:wa:restart:creds'))?.includes('628111222333') ?? false,
    );
    socket.open();

    const second = instance();
    await second.channel.start();
    expect(second.channel.status).toBe('standby');
    expect(second.sockets.sockets).toHaveLength(0);

    await first.channel.stop();
    expect(socket.ended).toBe(true);
    second.scheduler.runDue();
    await until(() => second.sockets.sockets.length === 1);
    const resumed = second.sockets.latest().config.auth;
    expect(resumed.creds.registered).toBe(true);
    expect(resumed.creds.me?.id).toBe('628111222333:9@s.whatsapp.net');
    expect(Buffer.from(resumed.creds.noiseKey.private)).toEqual(Buffer.from(creds.noiseKey.private));
    const sessions = await resumed.keys.get('session', ['118023456789012.0']);
    expect(Buffer.from(sessions['118023456789012.0'] ?? []).toString()).toBe('session-after-pairing');
    expect(await redis.client.get('it:wa:restart:lease')).not.toBeNull();
    await second.channel.stop();
    expect(await redis.client.get('it:wa:restart:lease')).toBeNull();
  });
});
