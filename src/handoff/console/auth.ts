/**
 * Console sign-in: an httpOnly, SameSite=Strict session cookie, a CSRF token per console session
 * (from `GET /console/api/csrf`, sent back in `x-csrf-token` on every state-changing request). A
 * signed-in session holds its account's session generation and is checked against the account on
 * every request, so removing the account, or changing its role or password, signs it out at once.
 * The limit on sign-in attempts is in login-limiter.ts.
 *
 * A signed-out visitor's CSRF token costs nothing to keep: its cookie is signed by the server
 * (`a.<expiry>.<nonce>.<mac>`, HMAC-SHA256) and the token derived from it, so no session is stored
 * until someone signs in, however many anonymous `GET /console/api/csrf` arrive.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie, setCookie } from '../../http/cookies.js';
import type { AgentAccount } from '../accounts.js';
import { secretId, type ConsoleSession, type ConsoleSessionStore } from '../stores.js';

/** The console's cookie. */
export const CONSOLE_COOKIE = 'tanya_console';
/** The header carrying the CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
/** How long a signed-out console session (a CSRF token only) lasts. */
const ANONYMOUS_TTL_SEC = 3600;
/** A signed-out session's cookie: expiry (seconds, base 36), nonce, MAC; never a stored session's id. */
const ANONYMOUS_COOKIE = /^a\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

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

/** Where {@link ConsoleAuth} looks accounts up (the AgentDirectory of accounts.ts). */
export interface AccountLookup {
  find(name: string): Promise<AgentAccount | undefined>;
}

/** Console session handling over a store. */
export class ConsoleAuth {
  /**
   * `anonymousKey` signs signed-out cookies and derives their CSRF tokens; instances sharing
   * sessions must share it.
   */
  constructor(
    private readonly sessions: ConsoleSessionStore,
    private readonly accounts: AccountLookup,
    private readonly ttlSec: number,
    private readonly clock: () => Date,
    private readonly anonymousKey: Buffer,
  ) {}

  #mac(purpose: 'cookie' | 'csrf', body: string): string {
    return createHmac('sha256', this.anonymousKey).update(`${purpose}:${body}`).digest('base64url');
  }

  /** The CSRF token of a signed-out cookie this server signed and that has not expired. */
  #anonymousToken(cookie: string | undefined): string | undefined {
    const match = cookie ? ANONYMOUS_COOKIE.exec(cookie) : null;
    if (!match) return undefined;
    const [, expiry = '', nonce = '', mac = ''] = match;
    const body = `a.${expiry}.${nonce}`;
    if (!sameSecret(mac, this.#mac('cookie', body))) return undefined;
    if (parseInt(expiry, 36) * 1000 <= this.clock().getTime()) return undefined;
    return this.#mac('csrf', body);
  }

  /** The console session of the request's cookie, signed in or not (signed-out ones are not stored). */
  async current(request: FastifyRequest): Promise<{ id: string; session: ConsoleSession } | undefined> {
    const id = readCookie(request, CONSOLE_COOKIE);
    if (!id || id.length > 100 || ANONYMOUS_COOKIE.test(id)) return undefined;
    const session = await this.sessions.get(id);
    return session ? { id, session } : undefined;
  }

  /**
   * The signed-in agent, or undefined: also when the account was removed or changed since the
   * sign-in (its session generation differs). The role is the account's current one.
   */
  async signedIn(request: FastifyRequest): Promise<SignedIn | undefined> {
    const found = await this.current(request);
    if (!found?.session.agent || !found.session.role || found.session.generation === undefined)
      return undefined;
    const account = await this.accounts.find(found.session.agent);
    if (!account || account.sessionGeneration !== found.session.generation) return undefined;
    return { id: found.id, agent: account.name, role: account.role, csrf: found.session.csrf };
  }

  /**
   * The CSRF token of the request's console session; without one, a signed (not stored) signed-out
   * cookie is set and its token returned.
   */
  async csrf(request: FastifyRequest, reply: FastifyReply): Promise<{ token: string }> {
    const found = await this.current(request);
    if (found) return { token: found.session.csrf };
    const anonymous = this.#anonymousToken(readCookie(request, CONSOLE_COOKIE));
    if (anonymous) return { token: anonymous };
    const expiry = Math.ceil(this.clock().getTime() / 1000 + ANONYMOUS_TTL_SEC).toString(36);
    const body = `a.${expiry}.${randomBytes(16).toString('base64url')}`;
    const cookie = `${body}.${this.#mac('cookie', body)}`;
    setCookie(request, reply, CONSOLE_COOKIE, cookie, { path: '/console', maxAgeSec: ANONYMOUS_TTL_SEC });
    return { token: this.#mac('csrf', body) };
  }

  /** Whether the request carries its console session's CSRF token (signed in or not). */
  async checkCsrf(request: FastifyRequest): Promise<boolean> {
    const given = request.headers[CSRF_HEADER];
    if (typeof given !== 'string') return false;
    const found = await this.current(request);
    const expected = found?.session.csrf ?? this.#anonymousToken(readCookie(request, CONSOLE_COOKIE));
    return expected !== undefined && sameSecret(given, expected);
  }

  /** Replaces the request's console session by a signed-in one (a new id: no session fixation). */
  async signIn(request: FastifyRequest, reply: FastifyReply, account: AgentAccount): Promise<SignedIn> {
    const previous = await this.current(request);
    if (previous) await this.sessions.delete(previous.id);
    const csrf = secretId();
    const { name: agent, role, sessionGeneration: generation } = account;
    const id = await this.sessions.create(
      { agent, role, csrf, createdAt: this.clock().toISOString(), generation },
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
