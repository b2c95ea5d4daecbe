/**
 * Storage of human handoff besides the session: the queue index, transcripts, agents' console
 * sessions, the audit log and the event hub. Small interfaces with an in-memory implementation here
 * (one process) and a Redis one in redis-stores.ts (several instances).
 */
import { EventEmitter } from 'node:events';
import { appendFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { QueueEntry, TranscriptEntry, WaitSample } from './model.js';

/** The conversations agents can see, and the recent measured waits. */
export interface HandoffIndex {
  put(entry: QueueEntry): Promise<void>;
  remove(key: string): Promise<void>;
  get(key: string): Promise<QueueEntry | undefined>;
  /** Every entry, oldest `queuedAt` first. */
  list(): Promise<QueueEntry[]>;
  recordWait(sample: WaitSample): Promise<void>;
  /** The latest waits, newest first (at most {@link MAX_WAIT_SAMPLES}). */
  recentWaits(): Promise<WaitSample[]>;
}

/** How many measured waits are kept for estimates. */
export const MAX_WAIT_SAMPLES = 20;
/** How many transcript lines are kept per conversation. */
export const MAX_TRANSCRIPT_LINES = 500;

/** Transcripts per conversation, kept as long as the session. */
export interface TranscriptStore {
  /** Appends lines; returns the index of the first one. */
  append(key: string, lines: readonly TranscriptEntry[]): Promise<number>;
  /** The kept lines; `first` is the index of the first (older lines beyond the cap are dropped). */
  list(key: string): Promise<TranscriptPage>;
  /** Forgets a conversation's transcript (the user asked to delete their data). */
  delete(key: string): Promise<void>;
}

/** Transcript lines with the index of the first one. */
export interface TranscriptPage {
  first: number;
  lines: TranscriptEntry[];
}

/** Who is signed in to the console under one cookie. `agent` is null before sign-in (CSRF only). */
export interface ConsoleSession {
  agent: string | null;
  role: 'agent' | 'supervisor' | null;
  csrf: string;
  createdAt: string;
  /** The account's session generation at sign-in; the session ends when the account's changes. */
  generation?: string;
}

/** Console sessions by secret id. */
export interface ConsoleSessionStore {
  create(session: ConsoleSession, ttlSec: number): Promise<string>;
  get(id: string): Promise<ConsoleSession | undefined>;
  delete(id: string): Promise<void>;
}

/** One audited action. */
export interface AuditEvent {
  at: string;
  agent: string;
  action: string;
  conversation?: string;
  detail?: Record<string, string | number | boolean | null>;
}

/** Append-only log of what agents did. */
export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
}

/** Events between the parts of one process or, with Redis, between instances. */
export interface EventHub {
  /** True when events reach other instances too. */
  readonly distributed: boolean;
  publish(topic: string, data: unknown): Promise<void>;
  /** Handles every event of `topic` (this instance's own included); returns an unsubscribe function. */
  subscribe(topic: string, handler: (data: unknown) => void): () => void;
  /** True for exactly one caller per id across instances (within `ttlMs`). */
  claim(id: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A new random id for cookies and tokens (256 bits, base64url). */
export function secretId(): string {
  return randomBytes(32).toString('base64url');
}

/** {@link HandoffIndex} in memory. */
export class MemoryHandoffIndex implements HandoffIndex {
  readonly #entries = new Map<string, QueueEntry>();
  #waits: WaitSample[] = [];

  async put(entry: QueueEntry): Promise<void> {
    this.#entries.set(entry.key, structuredClone(entry));
  }
  async remove(key: string): Promise<void> {
    this.#entries.delete(key);
  }
  async get(key: string): Promise<QueueEntry | undefined> {
    const entry = this.#entries.get(key);
    return entry && structuredClone(entry);
  }
  async list(): Promise<QueueEntry[]> {
    return sortEntries([...this.#entries.values()].map((entry) => structuredClone(entry)));
  }
  async recordWait(sample: WaitSample): Promise<void> {
    this.#waits = [sample, ...this.#waits].slice(0, MAX_WAIT_SAMPLES);
  }
  async recentWaits(): Promise<WaitSample[]> {
    return [...this.#waits];
  }
}

/** Entries oldest first. */
export function sortEntries(entries: QueueEntry[]): QueueEntry[] {
  return entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.key.localeCompare(b.key));
}

/** {@link TranscriptStore} in memory, expiring with an injectable clock. */
export class MemoryTranscriptStore implements TranscriptStore {
  readonly #lines = new Map<string, { lines: TranscriptEntry[]; expiresAt: number; dropped: number }>();
  #lastSweep = 0;

  constructor(
    private readonly ttlSec: number,
    private readonly now: () => number = Date.now,
  ) {}

  async append(key: string, lines: readonly TranscriptEntry[]): Promise<number> {
    const now = this.now();
    this.#sweep(now);
    let record = this.#lines.get(key);
    if (!record || record.expiresAt <= now) record = { lines: [], expiresAt: 0, dropped: 0 };
    const first = record.dropped + record.lines.length;
    record.lines.push(...lines.map((line) => structuredClone(line)));
    const excess = record.lines.length - MAX_TRANSCRIPT_LINES;
    if (excess > 0) {
      record.lines.splice(0, excess);
      record.dropped += excess;
    }
    record.expiresAt = now + this.ttlSec * 1000;
    this.#lines.set(key, record);
    return first;
  }

  /** Drops expired transcripts at most once a minute, so memory stays bounded without a timer. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, record] of this.#lines) if (record.expiresAt <= now) this.#lines.delete(key);
  }

  async list(key: string): Promise<TranscriptPage> {
    const record = this.#lines.get(key);
    if (!record || record.expiresAt <= this.now()) return { first: 0, lines: [] };
    return { first: record.dropped, lines: record.lines.map((line) => structuredClone(line)) };
  }

  async delete(key: string): Promise<void> {
    this.#lines.delete(key);
  }
}

/** {@link ConsoleSessionStore} in memory. */
export class MemoryConsoleSessionStore implements ConsoleSessionStore {
  readonly #sessions = new Map<string, { session: ConsoleSession; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async create(session: ConsoleSession, ttlSec: number): Promise<string> {
    const id = secretId();
    this.#sessions.set(id, { session: { ...session }, expiresAt: this.now() + ttlSec * 1000 });
    if (this.#sessions.size > 10_000) this.#sweep();
    return id;
  }
  async get(id: string): Promise<ConsoleSession | undefined> {
    const found = this.#sessions.get(id);
    if (!found) return undefined;
    if (found.expiresAt <= this.now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return { ...found.session };
  }
  async delete(id: string): Promise<void> {
    this.#sessions.delete(id);
  }
  #sweep(): void {
    const now = this.now();
    for (const [id, found] of this.#sessions) if (found.expiresAt <= now) this.#sessions.delete(id);
  }
}

/** {@link AuditLog} as JSON lines in a file (mode 0600). */
export class FileAuditLog implements AuditLog {
  #tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async append(event: AuditEvent): Promise<void> {
    const line = `${JSON.stringify(event)}\n`;
    this.#tail = this.#tail.then(() => appendFile(this.path, line, { mode: 0o600 }));
    await this.#tail;
  }
}

/** {@link EventHub} inside one process. */
export class LocalEventHub implements EventHub {
  readonly distributed = false;
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  readonly #claims = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async publish(topic: string, data: unknown): Promise<void> {
    this.#emitter.emit(topic, structuredClone(data));
  }
  subscribe(topic: string, handler: (data: unknown) => void): () => void {
    this.#emitter.on(topic, handler);
    return () => this.#emitter.off(topic, handler);
  }
  async claim(id: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    if ((this.#claims.get(id) ?? 0) > now) return false;
    this.#claims.set(id, now + ttlMs);
    if (this.#claims.size > 10_000) {
      for (const [key, until] of this.#claims) if (until <= now) this.#claims.delete(key);
    }
    return true;
  }
  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}
