/**
 * The notification outbox in Redis: a sorted set of ids scored by the next attempt time and one
 * key per notification. Claiming is one Lua script that also pushes the score forward by the
 * lease, so several server instances never deliver the same notification at once.
 */
import type { TanyaRedis } from '../store/redis-client.js';
import {
  afterFailure,
  DELIVERY_LEASE_MS,
  EnqueueSignal,
  MAX_DELIVERY_ATTEMPTS,
  newNotification,
  Notification,
  type NewNotification,
  type NotificationOutbox,
} from './outbox.js';

/** KEYS: due set. ARGV: now ms, limit, lease-until ms, item prefix. Returns JSON strings. */
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local raw = redis.call('GET', ARGV[4] .. id)
  if raw then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    out[#out + 1] = raw
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
`;

/** A {@link NotificationOutbox} on Redis. */
export class RedisOutbox implements NotificationOutbox {
  readonly kind = 'redis' as const;
  readonly #client: TanyaRedis;
  readonly #prefix: string;
  readonly #signal = new EnqueueSignal();

  /** Uses `client` (not closed here); keys live under `<prefix>outbox:`. */
  constructor(client: TanyaRedis, prefix = 'tanya:') {
    this.#client = client;
    this.#prefix = `${prefix}outbox:`;
  }

  async enqueue(input: NewNotification, now: Date): Promise<Notification> {
    const notification = newNotification(input, now);
    await this.#client
      .multi()
      .set(this.#item(notification.id), JSON.stringify(notification))
      .zAdd(this.#due(), { score: now.getTime(), value: notification.id })
      .exec();
    this.#signal.emit();
    return notification;
  }

  async claimDue(now: Date, limit: number): Promise<Notification[]> {
    const raws = (await this.#client.eval(CLAIM, {
      keys: [this.#due()],
      arguments: [
        String(now.getTime()),
        String(limit),
        String(now.getTime() + DELIVERY_LEASE_MS),
        `${this.#prefix}n:`,
      ],
    })) as string[];
    return raws.map((raw) => Notification.parse(JSON.parse(raw)));
  }

  async delivered(id: string): Promise<void> {
    await this.#client.multi().del(this.#item(id)).zRem(this.#due(), id).exec();
  }

  async failed(notification: Notification, error: string, now: Date): Promise<'retry' | 'dead'> {
    const next = afterFailure(notification, error, now);
    if (next.attempts < MAX_DELIVERY_ATTEMPTS) {
      await this.#client
        .multi()
        .set(this.#item(next.id), JSON.stringify(next))
        .zAdd(this.#due(), { score: Date.parse(next.nextAttemptAt), value: next.id })
        .exec();
      return 'retry';
    }
    await this.#client
      .multi()
      .del(this.#item(next.id))
      .zRem(this.#due(), next.id)
      .rPush(`${this.#prefix}dead`, JSON.stringify(next))
      .exec();
    return 'dead';
  }

  async pending(): Promise<Notification[]> {
    const ids = await this.#client.zRange(this.#due(), 0, -1);
    if (!ids.length) return [];
    const raws = await this.#client.mGet(ids.map((id) => this.#item(id)));
    return raws
      .flatMap((raw) => (raw ? [Notification.parse(JSON.parse(raw))] : []))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  onEnqueue(listener: () => void): () => void {
    return this.#signal.add(listener);
  }

  async close(): Promise<void> {
    // The client belongs to whoever created this outbox.
  }

  #due(): string {
    return `${this.#prefix}due`;
  }

  #item(id: string): string {
    return `${this.#prefix}n:${id}`;
  }
}
