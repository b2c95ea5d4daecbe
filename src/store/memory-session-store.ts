/**
 * In-process session store: the embedded default (no Redis needed) and the reference for tests.
 * Values are kept serialised, so nothing a turn mutates leaks into the store before `commit`.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_STORE_OPTIONS,
  decodeSession,
  encodeSession,
  type BeginResult,
  type CommitResult,
  type SessionStore,
  type SessionStoreOptions,
  type StoredSession,
} from './session-store.js';
import type { Session } from '../engine/session.js';

interface Entry {
  raw: string;
  rev: number;
  expiresAt: number;
}

/** A {@link SessionStore} in memory, with TTLs checked against an injectable clock. */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory' as const;
  readonly #sessions = new Map<string, Entry>();
  readonly #locks = new Map<string, { token: string; expiresAt: number }>();
  readonly #seen = new Map<string, number>();
  readonly #options: SessionStoreOptions;
  readonly #now: () => number;
  #lastSweep = 0;

  constructor(options: Partial<SessionStoreOptions> = {}, now: () => number = Date.now) {
    this.#options = { ...DEFAULT_STORE_OPTIONS, ...options };
    this.#now = now;
  }

  async begin(key: string, messageId: string | undefined): Promise<BeginResult> {
    const now = this.#now();
    this.#sweep(now);
    const lock = this.#locks.get(key);
    if (lock && lock.expiresAt > now) return { status: 'busy' };
    if (messageId !== undefined && (this.#seen.get(messageId) ?? 0) > now) return { status: 'duplicate' };
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
    return 'ok';
  }

  async release(key: string, lock: string): Promise<void> {
    if (this.#locks.get(key)?.token === lock) this.#locks.delete(key);
  }

  async get(key: string): Promise<StoredSession | undefined> {
    return this.#load(key, this.#now());
  }

  async delete(key: string): Promise<void> {
    this.#sessions.delete(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#sessions.clear();
    this.#locks.clear();
    this.#seen.clear();
  }

  /** Number of live sessions (metrics, memory benchmarks). */
  get size(): number {
    return this.#sessions.size;
  }

  #load(key: string, now: number): StoredSession | undefined {
    const entry = this.#sessions.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#sessions.delete(key);
      return undefined;
    }
    return { session: decodeSession(entry.raw), rev: entry.rev };
  }

  /** Drops expired entries at most once a minute, so memory stays bounded without a timer. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, entry] of this.#sessions) if (entry.expiresAt <= now) this.#sessions.delete(key);
    for (const [id, expiresAt] of this.#seen) if (expiresAt <= now) this.#seen.delete(id);
    for (const [key, lock] of this.#locks) if (lock.expiresAt <= now) this.#locks.delete(key);
  }
}
