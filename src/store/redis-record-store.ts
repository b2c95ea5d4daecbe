/**
 * Records in Redis, shared by every instance. Creation is one Lua script (idempotency key, unique keys
 * and the record written together or not at all); status changes are revision-checked.
 */
import type { JsonObject } from '../engine/types.js';
import { connectRedis, type TanyaRedis } from './redis-client.js';
import {
  materialise,
  newReference,
  StoredRecord,
  withStatus,
  type CreateResult,
  type NewRecord,
  type RecordQuery,
  type RecordStore,
  type StatusChange,
} from './records.js';

/**
 * KEYS: record, idempotency, index(type), index(all), unique keys...
 * ARGV: id, json, score. Returns {'created'} | {'existing', id} | {'duplicate', key, id}.
 */
const CREATE = `
local existing = redis.call('GET', KEYS[2])
if existing then return {'existing', existing} end
for i = 5, #KEYS do
  local holder = redis.call('GET', KEYS[i])
  if holder then return {'duplicate', KEYS[i], holder} end
end
if redis.call('EXISTS', KEYS[1]) == 1 then return {'taken'} end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[1])
for i = 5, #KEYS do redis.call('SET', KEYS[i], ARGV[1]) end
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
return {'created'}
`;

/** KEYS: record. ARGV: expected rev, json. */
const REPLACE = `
local current = redis.call('GET', KEYS[1])
if not current then return 'missing' end
if cjson.decode(current)['rev'] ~= tonumber(ARGV[1]) then return 'conflict' end
redis.call('SET', KEYS[1], ARGV[2])
return 'ok'
`;

/** A {@link RecordStore} on Redis. */
export class RedisRecordStore implements RecordStore {
  readonly kind = 'redis' as const;
  readonly #client: TanyaRedis;
  readonly #prefix: string;

  private constructor(client: TanyaRedis, prefix: string) {
    this.#client = client;
    this.#prefix = `${prefix}rec:`;
  }

  /** Connects to `url`. */
  static async connect(url: string, prefix = 'tanya:'): Promise<RedisRecordStore> {
    return new RedisRecordStore(await connectRedis(url), prefix);
  }

  async create(record: NewRecord, now: Date): Promise<CreateResult> {
    const uniqueKeys = record.uniqueKeys ?? [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = materialise(record, newReference(record.prefix, now), now);
      const reply = (await this.#client.eval(CREATE, {
        keys: [
          this.#key(stored.id),
          `${this.#prefix}idem:${record.idempotencyKey}`,
          `${this.#prefix}index:${record.type}`,
          `${this.#prefix}index:all`,
          ...uniqueKeys.map((key) => `${this.#prefix}uniq:${key}`),
        ],
        arguments: [stored.id, JSON.stringify(stored), String(now.getTime())],
      })) as string[];
      const [status, first, second] = reply;
      if (status === 'created') return { status: 'created', record: stored };
      if (status === 'existing') return { status: 'existing', record: await this.#require(first) };
      if (status === 'duplicate') {
        return {
          status: 'duplicate',
          key: (first ?? '').slice(`${this.#prefix}uniq:`.length),
          record: await this.#require(second),
        };
      }
    }
    throw new Error('could not allocate a unique reference');
  }

  async get(id: string): Promise<StoredRecord | undefined> {
    const raw = await this.#client.get(this.#key(id));
    return raw ? StoredRecord.parse(JSON.parse(raw)) : undefined;
  }

  async findByUniqueKey(key: string): Promise<StoredRecord | undefined> {
    const id = await this.#client.get(`${this.#prefix}uniq:${key}`);
    return id ? this.get(id) : undefined;
  }

  async list(query: RecordQuery = {}): Promise<StoredRecord[]> {
    const ids = await this.#client.zRange(`${this.#prefix}index:${query.type ?? 'all'}`, 0, -1);
    if (!ids.length) return [];
    const raws = await this.#client.mGet(ids.map((id) => this.#key(id)));
    return raws.flatMap((raw) => (raw ? [StoredRecord.parse(JSON.parse(raw))] : []));
  }

  async setStatus(
    id: string,
    change: StatusChange,
    dataPatch?: JsonObject,
  ): Promise<StoredRecord | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.get(id);
      if (!current) return undefined;
      const updated = withStatus(current, change, dataPatch);
      const reply = await this.#client.eval(REPLACE, {
        keys: [this.#key(id)],
        arguments: [String(current.rev), JSON.stringify(updated)],
      });
      if (reply === 'ok') return updated;
      if (reply === 'missing') return undefined;
    }
    throw new Error(`record ${id} kept changing; status not applied`);
  }

  async delete(id: string): Promise<boolean> {
    const record = await this.get(id);
    if (!record) return false;
    await this.#client
      .multi()
      .del([
        this.#key(id),
        `${this.#prefix}idem:${record.idempotencyKey}`,
        ...record.uniqueKeys.map((key) => `${this.#prefix}uniq:${key}`),
      ])
      .zRem(`${this.#prefix}index:${record.type}`, id)
      .zRem(`${this.#prefix}index:all`, id)
      .exec();
    return true;
  }

  async close(): Promise<void> {
    if (this.#client.isReady) await this.#client.close();
    else if (this.#client.isOpen) this.#client.destroy();
  }

  #key(id: string): string {
    return `${this.#prefix}${id}`;
  }

  async #require(id: string | undefined): Promise<StoredRecord> {
    const record = id ? await this.get(id) : undefined;
    if (!record) throw new Error(`record ${id} vanished`);
    return record;
  }
}
