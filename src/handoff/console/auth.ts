/**
 * Console sign-in: an httpOnly, SameSite=Strict session cookie, a CSRF token per console session
 * (from `GET /console/api/csrf`, sent back in `x-csrf-token` on every state-changing request). A
 * signed-in session holds its account's session generation and is checked against the account on
 * every request, so removing the account, or changing its role or password, signs it out at once.
 * The limit on sign-in attempts is in login-limiter.ts.
 */
import { timingSafeEqual } from 'node:crypto';
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
  constructor(
    private readonly sessions: ConsoleSessionStore,
    private readonly accounts: AccountLookup,
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
