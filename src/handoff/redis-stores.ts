/**
 * Redis implementations of the handoff stores, so several instances share one queue, transcripts,
 * console sign-ins and audit log, and pass live events to each other over pub/sub.
 *
 * Keys (after `REDIS_PREFIX`): `handoff:entries` (hash), `handoff:waits` (list), `transcript:<key>`
 * and `transcript-n:<key>` (list and counter, TTL = session TTL), `console:s:<sha256(id)>`,
 * `audit` (list), `claim:<id>`; the pub/sub channel is `<prefix>hub`. The console's sign-in limiter
 * (console/login-limiter.ts) keeps `console:login-name:<name>` and `console:login-address:<address>`.
 */
import { createHash } from 'node:crypto';
import { connectRedis, type TanyaRedis } from '../store/redis-client.js';
import { QueueEntry, TranscriptEntry, WaitSample } from './model.js';
import {
  MAX_TRANSCRIPT_LINES,
  MAX_WAIT_SAMPLES,
  secretId,
  sortEntries,
  type AuditEvent,
  type AuditLog,
  type ConsoleSession,
  type ConsoleSessionStore,
  type EventHub,
  type HandoffIndex,
  type TranscriptPage,
  type TranscriptStore,
} from './stores.js';
import { z } from 'zod';
import type { Log } from '../log/logger.js';

function parseJson<T>(schema: z.ZodType<T>, raw: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** {@link HandoffIndex} on Redis. */
export class RedisHandoffIndex implements HandoffIndex {
  constructor(
    private readonly client: TanyaRedis,
    private readonly prefix: string,
  ) {}

  get #entries(): string {
    return `${this.prefix}handoff:entries`;
  }

  async put(entry: QueueEntry): Promise<void> {
    await this.client.hSet(this.#entries, entry.key, JSON.stringify(entry));
  }
  async remove(key: string): Promise<void> {
    await this.client.hDel(this.#entries, key);
  }
  async get(key: string): Promise<QueueEntry | undefined> {
    const raw = await this.client.hGet(this.#entries, key);
    return raw ? parseJson(QueueEntry, raw) : undefined;
  }
  async list(): Promise<QueueEntry[]> {
    const all = await this.client.hGetAll(this.#entries);
    return sortEntries(
      Object.values(all).flatMap((raw) => {
        const entry = parseJson(QueueEntry, raw);
        return entry ? [entry] : [];
      }),
    );
  }
  async recordWait(sample: WaitSample): Promise<void> {
    const key = `${this.prefix}handoff:waits`;
    await this.client
      .multi()
      .lPush(key, JSON.stringify(sample))
      .lTrim(key, 0, MAX_WAIT_SAMPLES - 1)
      .exec();
  }
  async recentWaits(): Promise<WaitSample[]> {
    const raws = await this.client.lRange(`${this.prefix}handoff:waits`, 0, MAX_WAIT_SAMPLES - 1);
    return raws.flatMap((raw) => {
      const sample = parseJson(WaitSample, raw);
      return sample ? [sample] : [];
    });
  }
}

/** {@link TranscriptStore} on Redis: a capped list per conversation, expiring with the session. */
export class RedisTranscriptStore implements TranscriptStore {
  constructor(
    private readonly client: TanyaRedis,
    private readonly prefix: string,
    private readonly ttlSec: number,
  ) {}

  async append(key: string, lines: readonly TranscriptEntry[]): Promise<number> {
    if (!lines.length) return 0;
    const list = `${this.prefix}transcript:${key}`;
    const counter = `${this.prefix}transcript-n:${key}`;
    const replies = await this.client
      .multi()
      .rPush(
        list,
        lines.map((line) => JSON.stringify(line)),
      )
      .lTrim(list, -MAX_TRANSCRIPT_LINES, -1)
      .expire(list, this.ttlSec)
      .incrBy(counter, lines.length)
      .expire(counter, this.ttlSec)
      .exec();
    return Number(replies[3]) - lines.length;
  }

  async list(key: string): Promise<TranscriptPage> {
    const [raws, total] = (await this.client
      .multi()
      .lRange(`${this.prefix}transcript:${key}`, 0, -1)
      .get(`${this.prefix}transcript-n:${key}`)
      .exec()) as unknown as [string[], string | null];
    const lines = raws.flatMap((raw) => {
      const line = parseJson(TranscriptEntry, raw);
      return line ? [line] : [];
    });
    return { first: Math.max(Number(total ?? 0) - raws.length, 0), lines };
  }

  async delete(key: string): Promise<void> {
    await this.client.del([`${this.prefix}transcript:${key}`, `${this.prefix}transcript-n:${key}`]);
  }
}

/** {@link ConsoleSessionStore} on Redis; ids are stored hashed, so a dump reveals no cookie. */
export class RedisConsoleSessionStore implements ConsoleSessionStore {
  constructor(
    private readonly client: TanyaRedis,
    private readonly prefix: string,
  ) {}

  #key(id: string): string {
    return `${this.prefix}console:s:${createHash('sha256').update(id).digest('hex')}`;
  }
  async create(session: ConsoleSession, ttlSec: number): Promise<string> {
    const id = secretId();
    await this.client.set(this.#key(id), JSON.stringify(session), { EX: ttlSec });
    return id;
  }
  async get(id: string): Promise<ConsoleSession | undefined> {
    const raw = await this.client.get(this.#key(id));
    return raw ? parseJson(ConsoleSessionSchema, raw) : undefined;
  }
  async delete(id: string): Promise<void> {
    await this.client.del(this.#key(id));
  }
}

const ConsoleSessionSchema = z.object({
  agent: z.string().nullable(),
  role: z.enum(['agent', 'supervisor']).nullable(),
  csrf: z.string(),
  createdAt: z.string(),
  generation: z.string().optional(),
});

/** {@link AuditLog} as a Redis list of JSON lines. */
export class RedisAuditLog implements AuditLog {
  constructor(
    private readonly client: TanyaRedis,
    private readonly prefix: string,
  ) {}

  async append(event: AuditEvent): Promise<void> {
    await this.client.rPush(`${this.prefix}audit`, JSON.stringify(event));
  }
}

const HubMessage = z.object({ topic: z.string(), data: z.unknown() });

/** {@link EventHub} over Redis pub/sub: one channel, topics inside the message. */
export class RedisEventHub implements EventHub {
  readonly distributed = true;
  readonly #handlers = new Map<string, Set<(data: unknown) => void>>();

  private constructor(
    private readonly client: TanyaRedis,
    private readonly subscriber: TanyaRedis,
    private readonly channel: string,
    private readonly prefix: string,
  ) {}

  /** Subscribes a duplicate of `client` to the hub channel. */
  static async open(client: TanyaRedis, prefix: string, log?: Log): Promise<RedisEventHub> {
    const subscriber = client.duplicate();
    subscriber.on('error', (error: Error) => log?.debug({ err: error.message }, 'hub subscriber error'));
    await subscriber.connect();
    const hub = new RedisEventHub(client, subscriber, `${prefix}hub`, prefix);
    await subscriber.subscribe(hub.channel, (message: string) => hub.#dispatch(message));
    return hub;
  }

  #dispatch(message: string): void {
    const parsed = parseJson(HubMessage, message);
    if (!parsed) return;
    for (const handler of this.#handlers.get(parsed.topic) ?? []) handler(parsed.data);
  }

  async publish(topic: string, data: unknown): Promise<void> {
    await this.client.publish(this.channel, JSON.stringify({ topic, data }));
  }
  subscribe(topic: string, handler: (data: unknown) => void): () => void {
    let handlers = this.#handlers.get(topic);
    if (!handlers) this.#handlers.set(topic, (handlers = new Set()));
    handlers.add(handler);
    return () => handlers.delete(handler);
  }
  async claim(id: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(`${this.prefix}claim:${id}`, '1', { NX: true, PX: ttlMs })) === 'OK';
  }
  async close(): Promise<void> {
    this.#handlers.clear();
    if (this.subscriber.isOpen) {
      if (this.subscriber.isReady) await this.subscriber.close();
      else this.subscriber.destroy();
    }
  }
}

/** Connects the handoff's Redis client (its own, so closing it never affects the session store). */
export async function connectHandoffRedis(url: string, log?: Log): Promise<TanyaRedis> {
  return connectRedis(url, {}, (error) => log?.debug({ err: error.message }, 'handoff Redis error'));
}
