import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/channels/outbox.js';
import { flush, ManualTime } from '../helpers/manual-time.js';

function setup(
  options: {
    minIntervalMs?: number;
    jitterMs?: number;
    burst?: number;
    concurrency?: number;
    random?: () => number;
  } = {},
) {
  const time = new ManualTime();
  const outbox = new Outbox({
    minIntervalMs: options.minIntervalMs ?? 1000,
    jitterMs: options.jitterMs ?? 0,
    burst: options.burst ?? 1,
    concurrency: options.concurrency ?? 8,
    now: () => time.now,
    timers: time,
    random: options.random ?? (() => 0),
  });
  const started: Array<{ key: string; value: string; at: number }> = [];
  const send = (key: string, value: string) =>
    outbox.enqueue(key, async () => {
      started.push({ key, value, at: time.now });
      return value;
    });
  return { time, outbox, started, send };
}

describe('Outbox', () => {
  it('sends the first message at once and paces the rest of a burst per key', async () => {
    const { time, started, send } = setup();
    const results = [send('chat-1', 'a'), send('chat-1', 'b'), send('chat-1', 'c')];
    await time.advance(0);
    expect(started.map((s) => s.value)).toEqual(['a']);
    await time.advance(999);
    expect(started).toHaveLength(1);
    await time.advance(1);
    expect(started.map((s) => [s.value, s.at])).toEqual([
      ['a', 0],
      ['b', 1000],
    ]);
    await time.advance(1000);
    expect(started.map((s) => s.at)).toEqual([0, 1000, 2000]);
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
  });

  it('with a burst allowance, a turn of three messages leaves at once and a longer run is paced', async () => {
    const { time, started, send } = setup({ burst: 3 });
    for (const value of ['a', 'b', 'c', 'd', 'e']) void send('chat-1', value);
    await time.advance(0);
    expect(started.map((s) => s.value)).toEqual(['a', 'b', 'c']);
    await time.advance(999);
    expect(started).toHaveLength(3);
    await time.advance(1);
    expect(started.map((s) => s.value)).toEqual(['a', 'b', 'c', 'd']);
    await time.advance(1000);
    expect(started.map((s) => s.at)).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('refills the burst allowance one send per interval of quiet', async () => {
    const { time, started, send } = setup({ burst: 3 });
    for (const value of ['a', 'b', 'c']) void send('chat-1', value);
    await time.advance(0);
    // One interval later, one send is allowed at once, the next waits for the following interval.
    await time.advance(1000);
    void send('chat-1', 'd');
    void send('chat-1', 'e');
    await time.advance(0);
    expect(started.map((s) => s.value)).toEqual(['a', 'b', 'c', 'd']);
    await time.advance(999);
    expect(started).toHaveLength(4);
    await time.advance(1);
    expect(started.map((s) => [s.value, s.at])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
      ['d', 1000],
      ['e', 2000],
    ]);
    // After a long quiet spell the whole allowance is back.
    await time.advance(10_000);
    for (const value of ['f', 'g', 'h', 'i']) void send('chat-1', value);
    await time.advance(0);
    expect(started.slice(5).map((s) => s.value)).toEqual(['f', 'g', 'h']);
  });

  it('keeps keys independent: another chat is not held up by a burst', async () => {
    const { time, started, send } = setup();
    void send('chat-1', 'a1');
    void send('chat-1', 'a2');
    void send('chat-2', 'b1');
    await time.advance(0);
    expect(started.map((s) => s.value).sort()).toEqual(['a1', 'b1']);
  });

  it('adds jitter within bounds', async () => {
    const { time, started, send } = setup({ jitterMs: 200, random: () => 0.5 });
    void send('k', 'a');
    void send('k', 'b');
    await time.advance(1099);
    expect(started).toHaveLength(1);
    await time.advance(1);
    expect(started.map((s) => s.at)).toEqual([0, 1100]);
  });

  it('caps sends in flight across keys and goes round robin', async () => {
    const time = new ManualTime();
    const outbox = new Outbox({
      minIntervalMs: 0,
      jitterMs: 0,
      concurrency: 2,
      now: () => time.now,
      timers: time,
    });
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const order: string[] = [];
    const slow = (key: string, value: string) =>
      outbox.enqueue(key, async () => {
        order.push(value);
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      });
    const all = [slow('a', 'a1'), slow('a', 'a2'), slow('b', 'b1'), slow('c', 'c1')];
    await flush();
    expect(order).toEqual(['a1', 'b1']);
    while (releases.length > 0) {
      releases.shift()?.();
      await time.advance(0);
    }
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2']);
  });

  it('rejects a failed send without stalling the lane', async () => {
    const { time, outbox } = setup({ minIntervalMs: 10 });
    const failed = outbox.enqueue('k', async () => {
      throw new Error('429');
    });
    const next = outbox.enqueue('k', async () => 'next');
    await expect(failed).rejects.toThrow('429');
    await time.advance(10);
    await expect(next).resolves.toBe('next');
  });

  it('drains: resolves once everything queued was sent', async () => {
    const { time, outbox, started, send } = setup();
    void send('k', 'a');
    void send('k', 'b');
    let drained = false;
    const done = outbox.drain().then(() => (drained = true));
    await time.advance(500);
    expect(drained).toBe(false);
    expect(outbox.size).toBe(1);
    await time.advance(500);
    await done;
    expect(started).toHaveLength(2);
    expect(outbox.size).toBe(0);
    await expect(outbox.drain()).resolves.toBeUndefined();
  });
});
