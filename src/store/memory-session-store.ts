/**
 * In-process session store: the embedded default (no Redis needed) and the reference for tests.
 * Values are kept serialised, so nothing a turn mutates leaks into the store before `commit`.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
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

const SnapshotEntry = z.object({
  key: z.string(),
  raw: z.string(),
  rev: z.number().int(),
  expiresAt: z.number(),
});
const Snapshot = z.object({ v: z.literal(1), sessions: z.array(SnapshotEntry) });
type Entry = Omit<z.infer<typeof SnapshotEntry>, 'key'>;

/** How often a snapshot is written while sessions change (ms). */
const SNAPSHOT_INTERVAL_MS = 5_000;

/** A {@link SessionStore} in memory, with TTLs checked against an injectable clock. */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory' as const;
  readonly #sessions = new Map<string, Entry>();
  readonly #locks = new Map<string, { token: string; expiresAt: number }>();
  readonly #seen = new Map<string, number>();
  /** Per-user message counters: key → count and expiry (ms). */
  readonly #rates = new Map<string, { count: number; expiresAt: number }>();
  readonly #options: SessionStoreOptions;
  readonly #now: () => number;
  #lastSweep = 0;
  #snapshotPath: string | undefined;
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: Partial<SessionStoreOptions> = {}, now: () => number = Date.now) {
    this.#options = { ...DEFAULT_STORE_OPTIONS, ...options };
    this.#now = now;
  }

  /**
   * A store that survives restarts of the embedded default: sessions are written to `snapshotPath`
   * (0600) a few seconds after they change and on close, and read back here. A corrupt snapshot is
   * reported, not silently dropped.
   */
  static async open(
    snapshotPath: string,
    options: Partial<SessionStoreOptions> = {},
  ): Promise<MemorySessionStore> {
    const store = new MemorySessionStore(options);
    store.#snapshotPath = snapshotPath;
    let raw: string | undefined;
    try {
      raw = await readFile(snapshotPath, 'utf8');
    } catch {
      return store;
    }
    const parsed = Snapshot.safeParse(JSON.parse(raw));
    if (!parsed.success)
      throw new Error(`${snapshotPath}: not a session snapshot: ${parsed.error.issues[0]?.message}`);
    const now = Date.now();
    for (const { key, ...entry } of parsed.data.sessions) {
      if (entry.expiresAt <= now) continue;
      try {
        decodeSession(entry.raw);
      } catch (error) {
        throw new Error(`${snapshotPath}: session ${key}: ${(error as Error).message.slice(0, 200)}`);
      }
      store.#sessions.set(key, entry);
    }
    return store;
  }

  /** Writes the snapshot now (no-op without a snapshot path or changes). */
  async flush(): Promise<void> {
    if (!this.#snapshotPath || !this.#dirty) return;
    this.#dirty = false;
    const now = this.#now();
    const sessions = [...this.#sessions]
      .filter(([, e]) => e.expiresAt > now)
      .map(([key, e]) => ({ key, ...e }));
    await writeFileAtomic(this.#snapshotPath, JSON.stringify({ v: 1, sessions }));
  }

  #changed(): void {
    if (!this.#snapshotPath) return;
    this.#dirty = true;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.flush().catch(() => {
        this.#dirty = true;
      });
    }, SNAPSHOT_INTERVAL_MS).unref();
  }

  async begin(key: string, messageId: string | undefined, rate?: RateCheck): Promise<BeginResult> {
    const now = this.#now();
    this.#sweep(now);
    const lock = this.#locks.get(key);
    if (lock && lock.expiresAt > now) return { status: 'busy' };
    if (messageId !== undefined && (this.#seen.get(messageId) ?? 0) > now) return { status: 'duplicate' };
    if (rate) {
      const count = this.#count(rate, now);
      if (count > rate.limit) {
        return count === rate.limit + 1
          ? { status: 'limited', count, stored: this.#load(key, now) }
          : { status: 'limited', count };
      }
    }
    const token = randomUUID();
    this.#locks.set(key, { token, expiresAt: now + this.#options.lockTtlMs });
    return { status: 'ok', lock: token, stored: this.#load(key, now) };
  }

  async commit(
    key: string,
    lock: string,
    session: Session,
    expectedRev: number,
    messageId?: string,
  ): Promise<CommitResult> {
    const now = this.#now();
    const current = this.#load(key, now)?.rev ?? 0;
    if (current !== expectedRev) return 'conflict';
    this.#sessions.set(key, {
      raw: encodeSession(session),
      rev: current + 1,
      expiresAt: now + this.#options.sessionTtlSec * 1000,
    });
    if (messageId !== undefined) this.#seen.set(messageId, now + this.#options.dedupeTtlSec * 1000);
    if (this.#locks.get(key)?.token === lock) this.#locks.delete(key);
    this.#changed();
    return 'ok';
  }

  async release(key: string, lock: string): Promise<void> {
    if (this.#locks.get(key)?.token === lock) this.#locks.delete(key);
  }

  async get(key: string): Promise<StoredSession | undefined> {
    return this.#load(key, this.#now());
  }

  async delete(key: string): Promise<void> {
    if (this.#sessions.delete(key)) this.#changed();
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
    this.#sessions.clear();
    this.#locks.clear();
    this.#seen.clear();
    this.#rates.clear();
  }

  /** Number of live sessions (metrics, memory benchmarks). */
  get size(): number {
    return this.#sessions.size;
  }

  /** Adds one to a rate counter (a new one when it expired) and returns the new count. */
  #count(rate: RateCheck, now: number): number {
    const current = this.#rates.get(rate.key);
    const entry = current && current.expiresAt > now ? current : { count: 0, expiresAt: now + rate.ttlMs };
    entry.count += 1;
    this.#rates.set(rate.key, entry);
    return entry.count;
  }

  #load(key: string, now: number): StoredSession | undefined {
    const entry = this.#sessions.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#sessions.delete(key);
      return undefined;
    }
    // Only this process wrote `raw` (snapshots are validated once, when opened): parse, don't re-validate.
    return { session: JSON.parse(entry.raw) as Session, rev: entry.rev };
  }

  /** Drops expired entries at most once a minute, so memory stays bounded without a timer. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, entry] of this.#sessions) if (entry.expiresAt <= now) this.#sessions.delete(key);
    for (const [id, expiresAt] of this.#seen) if (expiresAt <= now) this.#seen.delete(id);
    for (const [key, lock] of this.#locks) if (lock.expiresAt <= now) this.#locks.delete(key);
    for (const [key, rate] of this.#rates) if (rate.expiresAt <= now) this.#rates.delete(key);
  }
}
