/**
 * The outbox retries a send that failed with a transient error, with exponential backoff, at the
 * head of its lane (the chat's order is kept), never repeats a send that succeeded, and does not
 * retry permanent errors. Time is manual: no sleeping.
 */
import { describe, expect, it } from 'vitest';
import { isTransientSendError, Outbox } from '../../src/channels/outbox.js';
import { ManualTime } from '../helpers/manual-time.js';

const badGateway = () => Object.assign(new Error('Bad Gateway'), { error_code: 502 });
const forbidden = () =>
  Object.assign(new Error('Forbidden: bot was blocked by the user'), { error_code: 403 });

function setup(retries = 3) {
  const time = new ManualTime(30);
  const outbox = new Outbox({
    minIntervalMs: 0,
    jitterMs: 0,
    concurrency: 4,
    now: () => time.now,
    timers: time,
    random: () => 0,
    retries,
    retryBaseMs: 100,
    retryMaxMs: 1000,
  });
  return { time, outbox };
}

describe('Outbox retries', () => {
  it('retries a transient failure with backoff and never repeats the send after it succeeded', async () => {
    const { time, outbox } = setup();
    const attempts: number[] = [];
    let failures = 2;
    const sent = outbox.enqueue('chat', async () => {
      attempts.push(time.now);
      if (failures-- > 0) throw badGateway();
      return 'delivered';
    });
    await time.advance(0);
    expect(attempts).toEqual([0]);
    await time.advance(99);
    expect(attempts).toHaveLength(1);
    await time.advance(1);
    expect(attempts).toEqual([0, 100]);
    await time.advance(200);
    expect(attempts).toEqual([0, 100, 300]);
    await expect(sent).resolves.toBe('delivered');
    await time.advance(60_000);
    expect(attempts).toHaveLength(3);
    expect(outbox.retried).toBe(2);
    expect(outbox.size).toBe(0);
  });

  it('keeps the chat in order: later messages wait until the retried one went out', async () => {
    const { time, outbox } = setup();
    const order: string[] = [];
    let first = true;
    const a = outbox.enqueue('chat', async () => {
      order.push(first ? 'a (failed)' : 'a');
      if (first) {
        first = false;
        throw badGateway();
      }
    });
    const b = outbox.enqueue('chat', async () => void order.push('b'));
    const other = outbox.enqueue('other-chat', async () => void order.push('other'));
    await time.advance(0);
    expect(order).toEqual(['a (failed)', 'other']);
    await time.advance(100);
    await Promise.all([a, b, other]);
    expect(order).toEqual(['a (failed)', 'other', 'a', 'b']);
  });

  it('does not retry a permanent error (a 4xx), and the lane goes on', async () => {
    const { time, outbox } = setup();
    let calls = 0;
    const blocked = outbox.enqueue('chat', async () => {
      calls++;
      throw forbidden();
    });
    const next = outbox.enqueue('chat', async () => 'next');
    await expect(blocked).rejects.toThrow('blocked');
    await time.advance(0);
    await expect(next).resolves.toBe('next');
    await time.advance(10_000);
    expect(calls).toBe(1);
    expect(outbox.retried).toBe(0);
  });

  it('gives up after the configured retries and rejects with the last error', async () => {
    const { time, outbox } = setup(2);
    let calls = 0;
    const failing = outbox.enqueue('chat', async () => {
      calls++;
      throw badGateway();
    });
    const outcome = failing.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await time.advance(10_000);
    expect(await outcome).toBe('Bad Gateway');
    expect(calls).toBe(3);
  });

  it('caps the backoff at retryMaxMs', async () => {
    const { time, outbox } = setup(6);
    const attempts: number[] = [];
    const failing = outbox.enqueue('chat', async () => {
      attempts.push(time.now);
      throw badGateway();
    });
    failing.catch(() => undefined);
    await time.advance(20_000);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] as number));
    expect(gaps).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('isTransientSendError', () => {
  it('classifies network failures and 5xx as transient, 4xx and plain errors as permanent', () => {
    expect(isTransientSendError(badGateway())).toBe(true);
    expect(isTransientSendError({ statusCode: 503 })).toBe(true);
    expect(isTransientSendError({ status: 408 })).toBe(true);
    expect(
      isTransientSendError(Object.assign(new Error('Network request failed'), { name: 'HttpError' })),
    ).toBe(true);
    expect(
      isTransientSendError(
        new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
      ),
    ).toBe(true);
    expect(isTransientSendError(Object.assign(new Error('wrapped'), { cause: { code: 'ETIMEDOUT' } }))).toBe(
      true,
    );
    expect(isTransientSendError(forbidden())).toBe(false);
    expect(isTransientSendError({ error_code: 429 })).toBe(false);
    expect(isTransientSendError(new Error('429'))).toBe(false);
    expect(isTransientSendError('boom')).toBe(false);
    expect(isTransientSendError(null)).toBe(false);
  });
});
