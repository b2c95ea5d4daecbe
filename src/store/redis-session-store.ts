/**
 * Redis session store. Each session is a hash {rev, data}; `begin` and `commit` are Lua scripts, so a
 * turn costs two round trips and several bot instances can share conversations safely.
 */
import { randomUUID } from 'node:crypto';
import { defineScript, type RedisClientType } from 'redis';
import {
  DEFAULT_STORE_OPTIONS,
  decodeSession,
  encodeSession,
  type BeginResult,
  type CommitResult,
  type RateCheck,
  type SessionStore,
  type SessionStoreOptions,
  type StoredSession,
} from './session-store.js';
import type { Session } from '../engine/session.js';
import { connectRedis } from './redis-client.js';

/**
 * KEYS: lock, seen, session, rate. ARGV: token, lockTtlMs, checkSeen, rateLimit (0 = none), rateTtlMs.
 * Returns {status, rev?, data?}; {'limited', count, rev?, data?} over the rate limit (the session only
 * on the first message over it). The rate counter is one INCR inside the same script, so rate limiting
 * costs no extra round trip; its expiry is set only when the counter is created.
 */
const BEGIN = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {'busy'} end
if ARGV[3] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then return {'duplicate'} end
local limit = tonumber(ARGV[4])
if limit > 0 then
  local count = redis.call('INCR', KEYS[4])
  if count == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[5]) end
  if count > limit then
    if count == limit + 1 then
      local over = redis.call('HMGET', KEYS[3], 'rev', 'data')
      if over[1] then return {'limited', tostring(count), over[1], over[2]} end
    end
    return {'limited', tostring(count)}
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local stored = redis.call('HMGET', KEYS[3], 'rev', 'data')
if stored[1] then return {'ok', stored[1], stored[2]} end
return {'ok'}
`;

/** KEYS: lock, seen, session. ARGV: token, expectedRev, data, sessionTtlSec, dedupeTtlSec, markSeen. */
const COMMIT = `
local rev = tonumber(redis.call('HGET', KEYS[3], 'rev') or '0')
if rev ~= tonumber(ARGV[2]) then return 'conflict' end
redis.call('HSET', KEYS[3], 'rev', rev + 1, 'data', ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[4])
if ARGV[6] == '1' then redis.call('SET', KEYS[2], '1', 'EX', ARGV[5]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 'ok'
`;

/** KEYS: lock. ARGV: token. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const scripts = {
  tanyaBegin: defineScript({
    NUMBER_OF_KEYS: 4,
    SCRIPT: BEGIN,
    parseCommand(
      parser,
      lock: string,
      seen: string,
      session: string,
      rate: string,
      token: string,
      ttl: string,
      check: string,
      rateLimit: string,
      rateTtl: string,
    ) {
      parser.pushKeys([lock, seen, session, rate]);
      parser.push(token, ttl, check, rateLimit, rateTtl);
    },
    transformReply: (reply: unknown) => reply as Array<string | null>,
  }),
  tanyaCommit: defineScript({
    NUMBER_OF_KEYS: 3,
    SCRIPT: COMMIT,
    parseCommand(
      parser,
      lock: string,
      seen: string,
      session: string,
      token: string,
      rev: string,
      data: string,
      ttl: string,
      dedupeTtl: string,
      mark: string,
    ) {
      parser.pushKeys([lock, seen, session]);
      parser.push(token, rev, data, ttl, dedupeTtl, mark);
    },
    transformReply: (reply: unknown) => reply as string,
  }),
  tanyaRelease: defineScript({
    NUMBER_OF_KEYS: 1,
    SCRIPT: RELEASE,
    parseCommand(parser, lock: string, token: string) {
      parser.pushKey(lock);
      parser.push(token);
    },
    transformReply: (reply: unknown) => reply as number,
  }),
};

type ScriptedClient = RedisClientType<Record<string, never>, Record<string, never>, typeof scripts>;

/**
 * A {@link SessionStore} on Redis. Keys: `<prefix>s:<key>`, `<prefix>lock:<key>`, `<prefix>seen:<id>`,
 * `<prefix>rate:<user>:<window>`.
 */
export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis' as const;
  readonly #client: ScriptedClient;
  readonly #options: SessionStoreOptions;
  readonly #prefix: string;
  readonly #ownsClient: boolean;

  private constructor(
    client: ScriptedClient,
    options: SessionStoreOptions,
    prefix: string,
    ownsClient: boolean,
  ) {
    this.#client = client;
    this.#options = options;
    this.#prefix = prefix;
    this.#ownsClient = ownsClient;
  }

  /** Connects to `url` and returns a store using its own client. */
  static async connect(
    url: string,
    options: Partial<SessionStoreOptions> = {},
    prefix = 'tanya:',
  ): Promise<RedisSessionStore> {
    const client = (await connectRedis(url, { scripts })) as unknown as ScriptedClient;
    return new RedisSessionStore(client, { ...DEFAULT_STORE_OPTIONS, ...options }, prefix, true);
  }

  async begin(key: string, messageId: string | undefined, rate?: RateCheck): Promise<BeginResult> {
    const token = randomUUID();
    const reply = await this.#client.tanyaBegin(
      this.#lockKey(key),
      this.#seenKey(messageId ?? ''),
      this.#sessionKey(key),
      `${this.#prefix}rate:${rate?.key ?? ''}`,
      token,
      String(this.#options.lockTtlMs),
      messageId === undefined ? '0' : '1',
      String(rate ? Math.max(1, Math.floor(rate.limit)) : 0),
      String(rate ? Math.max(1, Math.ceil(rate.ttlMs)) : 0),
    );
    const [status, rev, data] = reply;
    if (status === 'busy') return { status: 'busy' };
    if (status === 'duplicate') return { status: 'duplicate' };
    if (status === 'limited') {
      const [, count, overRev, overData] = reply;
      const stored =
        overRev && overData ? { rev: Number(overRev), session: decodeSession(overData) } : undefined;
      return { status: 'limited', count: Number(count), stored };
    }
    const stored = rev && data ? { rev: Number(rev), session: decodeSession(data) } : undefined;
    return { status: 'ok', lock: token, stored };
  }

  async commit(
    key: string,
    lock: string,
    session: Session,
    expectedRev: number,
    messageId?: string,
  ): Promise<CommitResult> {
    const reply = await this.#client.tanyaCommit(
      this.#lockKey(key),
      this.#seenKey(messageId ?? ''),
      this.#sessionKey(key),
      lock,
      String(expectedRev),
      encodeSession(session),
      String(this.#options.sessionTtlSec),
      String(this.#options.dedupeTtlSec),
      messageId === undefined ? '0' : '1',
    );
    return reply === 'ok' ? 'ok' : 'conflict';
  }

  async release(key: string, lock: string): Promise<void> {
    await this.#client.tanyaRelease(this.#lockKey(key), lock);
  }

  async get(key: string): Promise<StoredSession | undefined> {
    const [rev, data] = await this.#client.hmGet(this.#sessionKey(key), ['rev', 'data']);
    return rev && data ? { rev: Number(rev), session: decodeSession(data) } : undefined;
  }

  async delete(key: string): Promise<void> {
    await this.#client.del(this.#sessionKey(key));
  }

  async ping(): Promise<void> {
    await this.#client.ping();
  }

  async close(): Promise<void> {
    if (!this.#ownsClient || !this.#client.isOpen) return;
    // A client that is reconnecting would wait forever for a graceful close; drop it instead.
    if (this.#client.isReady) await this.#client.close();
    else this.#client.destroy();
  }

  #sessionKey(key: string): string {
    return `${this.#prefix}s:${key}`;
  }
  #lockKey(key: string): string {
    return `${this.#prefix}lock:${key}`;
  }
  #seenKey(id: string): string {
    return `${this.#prefix}seen:${id}`;
  }
}
