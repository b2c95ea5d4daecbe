/**
 * Console sign-in: an httpOnly, SameSite=Strict session cookie, a CSRF token per console session
 * (from `GET /console/api/csrf`, sent back in `x-csrf-token` on every state-changing request), and a
 * limit on failed sign-ins per name and per address.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, setCookie } from '../../http/cookies.js';
import { secretId, type ConsoleSession, type ConsoleSessionStore } from '../stores.js';

/** The console's cookie. */
export const CONSOLE_COOKIE = 'tanya_console';
/** The header carrying the CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
/** How long a signed-out console session (a CSRF token only) lasts. */
const ANONYMOUS_TTL_SEC = 3600;

/** A signed-in agent. */
export interface SignedIn {
  id: string;
  agent: string;
  role: 'agent' | 'supervisor';
  csrf: string;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Failed sign-ins within a window, per key: `name:<agent>` (5 by default) and `ip:<address>` (30 by
 * default, higher because several agents may share an office's address).
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly maxPerName = 5,
    private readonly maxPerAddress = 30,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether any of `keys` is over its limit. */
  blocked(keys: string[]): boolean {
    const since = this.now() - this.windowMs;
    return keys.some((key) => {
      const max = key.startsWith('ip:') ? this.maxPerAddress : this.maxPerName;
      return (this.#failures.get(key) ?? []).filter((at) => at > since).length >= max;
    });
  }

  /** Counts a failure against each key. */
  fail(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const recent = (this.#failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
      this.#failures.set(key, [...recent, now]);
    }
    if (this.#failures.size > 10_000) this.#failures.clear();
  }

  /** Forgets the failures of `keys` (after a successful sign-in). */
  clear(keys: string[]): void {
    for (const key of keys) this.#failures.delete(key);
  }
}

/** Console session handling over a store. */
export class ConsoleAuth {
  constructor(
    private readonly sessions: ConsoleSessionStore,
    private readonly ttlSec: number,
    private readonly clock: () => Date,
  ) {}

  /** The console session of the request's cookie, signed in or not. */
  async current(request: FastifyRequest): Promise<{ id: string; session: ConsoleSession } | undefined> {
    const id = readCookie(request, CONSOLE_COOKIE);
    if (!id || id.length > 100) return undefined;
    const session = await this.sessions.get(id);
    return session ? { id, session } : undefined;
  }

  /** The signed-in agent, or undefined. */
  async signedIn(request: FastifyRequest): Promise<SignedIn | undefined> {
    const found = await this.current(request);
    if (!found?.session.agent || !found.session.role) return undefined;
    return { id: found.id, agent: found.session.agent, role: found.session.role, csrf: found.session.csrf };
  }

  /** The CSRF token of the request's console session, creating a signed-out session when there is none. */
  async csrf(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ token: string; session: ConsoleSession }> {
    const found = await this.current(request);
    if (found) return { token: found.session.csrf, session: found.session };
    const session: ConsoleSession = {
      agent: null,
      role: null,
      csrf: secretId(),
      createdAt: this.clock().toISOString(),
    };
    const id = await this.sessions.create(session, ANONYMOUS_TTL_SEC);
    setCookie(request, reply, CONSOLE_COOKIE, id, { path: '/console', maxAgeSec: ANONYMOUS_TTL_SEC });
    return { token: session.csrf, session };
  }

  /** Whether the request carries its console session's CSRF token. */
  async checkCsrf(request: FastifyRequest): Promise<boolean> {
    const found = await this.current(request);
    const given = request.headers[CSRF_HEADER];
    return Boolean(found && typeof given === 'string' && sameSecret(given, found.session.csrf));
  }

  /** Replaces the request's console session by a signed-in one (a new id: no session fixation). */
  async signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    agent: string,
    role: 'agent' | 'supervisor',
  ): Promise<SignedIn> {
    const previous = await this.current(request);
    if (previous) await this.sessions.delete(previous.id);
    const csrf = secretId();
    const id = await this.sessions.create(
      { agent, role, csrf, createdAt: this.clock().toISOString() },
      this.ttlSec,
    );
    setCookie(request, reply, CONSOLE_COOKIE, id, { path: '/console', maxAgeSec: this.ttlSec });
    return { id, agent, role, csrf };
  }

  /** Ends the console session and clears the cookie. */
  async signOut(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
    await this.sessions.delete(id);
    setCookie(request, reply, CONSOLE_COOKIE, '', { path: '/console', maxAgeSec: 0 });
  }
}
