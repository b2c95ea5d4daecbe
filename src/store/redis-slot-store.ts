/**
 * Verification-slot bookings in Redis, shared by every instance: one set of holders per slot,
 * checked and extended by one Lua script so the capacity can never be exceeded.
 */
import { connectRedis, type TanyaRedis } from './redis-client.js';
import type { SlotStore } from './slots.js';

/** KEYS: slot set. ARGV: holder, capacity, expire-at (ms). */
const BOOK = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 'already' end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 'full' end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 'booked'
`;

/** KEYS: slot sets. Returns their sizes. */
const COUNT = `
local counts = {}
for i = 1, #KEYS do counts[i] = redis.call('SCARD', KEYS[i]) end
return counts
`;

/** A {@link SlotStore} on Redis. */
export class RedisSlotStore implements SlotStore {
  readonly #client: TanyaRedis;
  readonly #prefix: string;
  readonly #owned: boolean;

  /** Uses `client` (closed by {@link close} only when `owned`). */
  constructor(client: TanyaRedis, prefix = 'tanya:', owned = false) {
    this.#client = client;
    this.#prefix = `${prefix}slot:`;
    this.#owned = owned;
  }

  /** Connects its own client to `url`. */
  static async connect(url: string, prefix = 'tanya:'): Promise<RedisSlotStore> {
    return new RedisSlotStore(await connectRedis(url), prefix, true);
  }

  async taken(slotIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!slotIds.length) return counts;
    const reply = (await this.#client.eval(COUNT, { keys: slotIds.map((id) => this.#key(id)) })) as number[];
    slotIds.forEach((id, i) => {
      if (reply[i]) counts.set(id, Number(reply[i]));
    });
    return counts;
  }

  async book(
    slotId: string,
    holder: string,
    capacity: number,
    expiresAt: Date,
  ): Promise<'booked' | 'already' | 'full'> {
    const reply = await this.#client.eval(BOOK, {
      keys: [this.#key(slotId)],
      arguments: [holder, String(capacity), String(expiresAt.getTime())],
    });
    if (reply === 'booked' || reply === 'already' || reply === 'full') return reply;
    throw new Error(`unexpected booking reply ${String(reply)}`);
  }

  async release(slotId: string, holder: string): Promise<boolean> {
    return (await this.#client.sRem(this.#key(slotId), holder)) > 0;
  }

  async close(): Promise<void> {
    if (!this.#owned) return;
    if (this.#client.isReady) await this.#client.close();
    else if (this.#client.isOpen) this.#client.destroy();
  }

  #key(slotId: string): string {
    return `${this.#prefix}${slotId}`;
  }
}
