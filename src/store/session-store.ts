/**
 * The session store contract. A turn is `begin` (dedupe check + lock + load, atomically) then
 * `commit` (revision-checked save + dedupe mark + unlock, atomically): two round trips on Redis.
 */
import { Session } from '../engine/session.js';

/** A session as stored, with its revision (0 = never saved). */
export interface StoredSession {
  session: Session;
  rev: number;
}

/** Outcome of {@link SessionStore.begin}. */
export type BeginResult =
  /** This message id was already processed: no second answer. */
  | { status: 'duplicate' }
  /** Another turn of this conversation holds the lock: wait and try again. */
  | { status: 'busy' }
  /**
   * The user sent more messages in this window than {@link RateCheck.limit}: nothing was locked or
   * loaded. `count` is the window's count including this message; on the first message over the
   * limit (`count === limit + 1`) `stored` carries the session, so the one notice can be worded in
   * the user's language.
   */
  | { status: 'limited'; count: number; stored?: StoredSession | undefined }
  /** The lock is ours; `stored` is undefined for a new conversation. */
  | { status: 'ok'; lock: string; stored: StoredSession | undefined };

/**
 * A per-user message counter checked by {@link SessionStore.begin} in the same round trip (after the
 * lock and dedupe checks, so a retried or redelivered message is not counted twice).
 */
export interface RateCheck {
  /** The counter's key: the user and the window it counts (see src/engine/rate-limit.ts). */
  key: string;
  /** Messages allowed in the window. */
  limit: number;
  /** How long the counter is kept once created (ms): at least the window's length. */
  ttlMs: number;
}

/** Outcome of {@link SessionStore.commit}. */
export type CommitResult = 'ok' | 'conflict';

/** Timing settings shared by the stores. */
export interface SessionStoreOptions {
  /** How long an idle session is kept (seconds). */
  sessionTtlSec: number;
  /** How long a processed message id is remembered (seconds). */
  dedupeTtlSec: number;
  /** How long a turn may hold a conversation's lock before it expires (milliseconds). */
  lockTtlMs: number;
}

/** Where sessions live: memory for the embedded default and tests, Redis for production. */
export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  /**
   * Fails with `duplicate` if `messageId` was processed; with `limited` if `rate` is given and its
   * counter went over the limit; otherwise takes the lock and loads.
   */
  begin(key: string, messageId: string | undefined, rate?: RateCheck): Promise<BeginResult>;
  /**
   * Saves `session` if the stored revision is still `expectedRev`, marks `messageId` processed and
   * releases the lock. On `conflict` nothing is written and the lock is kept for the retry.
   */
  commit(
    key: string,
    lock: string,
    session: Session,
    expectedRev: number,
    messageId?: string,
  ): Promise<CommitResult>;
  /** Releases a lock without saving (the turn failed). */
  release(key: string, lock: string): Promise<void>;
  /** Loads a session without locking (console views, retries after a conflict). */
  get(key: string): Promise<StoredSession | undefined>;
  /** Deletes a session (privacy requests, tests). */
  delete(key: string): Promise<void>;
  /** Throws when the backend is unreachable (readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Default timings: sessions for 48 hours, message ids for 24 hours, locks for 15 seconds. */
export const DEFAULT_STORE_OPTIONS: SessionStoreOptions = {
  sessionTtlSec: 48 * 3600,
  dedupeTtlSec: 24 * 3600,
  lockTtlMs: 15_000,
};

/** Serialises a session for storage. */
export function encodeSession(session: Session): string {
  return JSON.stringify(session);
}

/** Parses and validates a stored session; a corrupt value is reported, not crashed on. */
export function decodeSession(raw: string): Session {
  return Session.parse(JSON.parse(raw));
}
