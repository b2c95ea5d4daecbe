/**
 * A lease on one WhatsApp number, so that of several Tanya instances exactly one holds the socket.
 * Two sockets on one linked device fight (WhatsApp closes one with "connection replaced") and may
 * corrupt the signal keys, so the holder renews the lease while connected and a standby instance
 * takes over only after it expires.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { TanyaRedis } from '../../store/redis-client.js';

/** An exclusive, expiring claim on a resource. */
export interface Lease {
  /** Who this process is, as stored in the lease. */
  readonly holder: string;
  /** How long a lease lives without renewal (ms). */
  readonly ttlMs: number;
  /** Takes the lease if it is free (or already ours); false when another holder has it. */
  acquire(): Promise<boolean>;
  /** Extends the lease; false when it expired and someone else (or no one) holds it now. */
  renew(): Promise<boolean>;
  /** Gives the lease up if it is still ours. */
  release(): Promise<void>;
}

/** KEYS: lease. ARGV: holder, ttlMs. Extends the lease only while it is still ours. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** KEYS: lease. ARGV: holder. Deletes the lease only while it is still ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** A default holder id: host, pid and a random suffix. */
export function defaultHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** A lease in Redis: `SET key holder NX PX ttl`, renewed and released with compare-and-act scripts. */
export class RedisLease implements Lease {
  constructor(
    private readonly redis: TanyaRedis,
    /** The Redis key, e.g. `tanya:wa:<number>:lease`. */
    readonly key: string,
    readonly ttlMs = 30_000,
    readonly holder: string = defaultHolder(),
  ) {}

  async acquire(): Promise<boolean> {
    const set = await this.redis.set(this.key, this.holder, {
      condition: 'NX',
      expiration: { type: 'PX', value: this.ttlMs },
    });
    if (set === 'OK') return true;
    // Already ours (a restart of the lease loop within the same process): extend it.
    return this.renew();
  }

  async renew(): Promise<boolean> {
    const reply = await this.redis.eval(RENEW, {
      keys: [this.key],
      arguments: [this.holder, String(this.ttlMs)],
    });
    return Number(reply) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, { keys: [this.key], arguments: [this.holder] });
  }

  /** The current holder, for logs and tests. */
  async currentHolder(): Promise<string | null> {
    return this.redis.get(this.key);
  }
}

/** Without Redis there is one process: the lease is always ours. */
export class NoopLease implements Lease {
  readonly holder = 'local';
  readonly ttlMs = 30_000;

  async acquire(): Promise<boolean> {
    return true;
  }

  async renew(): Promise<boolean> {
    return true;
  }

  async release(): Promise<void> {}
}
