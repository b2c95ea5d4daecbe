/**
 * The notification outbox (files and a real Redis) and the delivery run: delivered notices leave the
 * outbox, failed ones come back with backoff and are set aside after too many attempts, and two
 * deliverers never claim the same notice at once.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordingChannel } from '../helpers/recording-channel.js';
import { useTestRedis } from '../helpers/redis-fixture.js';
import { ChannelRegistry } from '../../src/channels/channel.js';
import { createLogger } from '../../src/log/logger.js';
import { deliverPending, type NotifierHost } from '../../src/notify/notifier.js';
import {
  FileOutbox,
  MAX_DELIVERY_ATTEMPTS,
  retryDelayMs,
  type NotificationOutbox,
} from '../../src/notify/outbox.js';
import { RedisOutbox } from '../../src/notify/redis-outbox.js';
import type { Services } from '../../src/engine/dialog.js';

const redis = useTestRedis();

let n = 0;
const outboxes: Record<string, () => NotificationOutbox> = {
  file: () => FileOutbox.openSync(mkdtempSync(join(tmpdir(), 'tanya-outbox-'))),
  redis: () => new RedisOutbox(redis.client, `o${++n}:`),
};

const now = new Date('2026-11-21T03:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const notice = (channel: string, text = 'Status klaim berubah') => ({
  address: { channel, conversationId: 'c', userId: 'u' },
  outbounds: [{ kind: 'text' as const, text }],
  topic: 'claim:LA-20261121-AAAAAA:verifying',
});

function host(outbox: NotificationOutbox, ...channels: RecordingChannel[]): NotifierHost {
  const registry = new ChannelRegistry();
  for (const channel of channels) registry.register(channel);
  return { channels: registry, services: { outbox } as Services, log: createLogger('silent') };
}

describe.each(Object.keys(outboxes))('%s outbox', (kind) => {
  it('delivers each notice once, in order, and empties', async () => {
    const outbox = outboxes[kind]!();
    const channel = new RecordingChannel('rec');
    await outbox.enqueue(notice('rec', 'satu'), now);
    await outbox.enqueue(notice('rec', 'dua'), later(1));
    expect(await deliverPending(host(outbox, channel), later(2))).toEqual({ delivered: 2, failed: 0 });
    expect([channel.text(0), channel.text(1)]).toEqual(['satu', 'dua']);
    expect(await outbox.pending()).toEqual([]);
    expect(await deliverPending(host(outbox, channel), later(3))).toEqual({ delivered: 0, failed: 0 });
  });

  it('retries a notice whose channel is not running here with backoff, then sets it aside', async () => {
    const outbox = outboxes[kind]!();
    await outbox.enqueue(notice('whatsapp'), now);
    const app = host(outbox);
    let t = now.getTime();
    expect(await deliverPending(app, new Date(t))).toEqual({ delivered: 0, failed: 1 });
    const [waiting] = await outbox.pending();
    expect(waiting).toMatchObject({ attempts: 1, nextAttemptAt: later(retryDelayMs(1)).toISOString() });
    expect(waiting?.lastError).toContain('channel whatsapp is not running');
    // Not due yet: nothing happens.
    expect(await deliverPending(app, new Date(t + 1_000))).toEqual({ delivered: 0, failed: 0 });
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      t += retryDelayMs(attempt - 1);
      expect(await deliverPending(app, new Date(t))).toEqual({ delivered: 0, failed: 1 });
    }
    expect(await outbox.pending()).toEqual([]);
  });

  it('hides a claimed notice from a second deliverer', async () => {
    const outbox = outboxes[kind]!();
    await outbox.enqueue(notice('rec'), now);
    const [first, second] = await Promise.all([outbox.claimDue(now, 10), outbox.claimDue(now, 10)]);
    expect(first.length + second.length).toBe(1);
    expect(await outbox.claimDue(later(1_000), 10)).toEqual([]);
  });

  it('tells listeners in this process about each enqueue', async () => {
    const outbox = outboxes[kind]!();
    let calls = 0;
    const remove = outbox.onEnqueue(() => (calls += 1));
    await outbox.enqueue(notice('rec'), now);
    remove();
    await outbox.enqueue(notice('rec'), now);
    expect(calls).toBe(1);
  });
});

describe('file outbox on disk', () => {
  it('keeps a notice that failed too often in outbox/dead for an operator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-outbox-dead-'));
    const outbox = FileOutbox.openSync(dir);
    const queued = await outbox.enqueue(notice('gone'), now);
    let current = queued;
    for (let i = 1; i < MAX_DELIVERY_ATTEMPTS; i++) {
      expect(await outbox.failed(current, 'down', now)).toBe('retry');
      current = { ...current, attempts: i };
    }
    expect(await outbox.failed(current, 'down', now)).toBe('dead');
    expect(readdirSync(join(dir, 'outbox', 'dead'))).toEqual([`${queued.id}.json`]);
  });
});
