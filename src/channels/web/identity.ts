/**
 * Who a web chat browser is. The `tanya_web` cookie holds a random secret with a tag only the server
 * can make (`<secret>.<tag>`), and the conversation id is derived from the secret one way
 * (HMAC-SHA256 under a server key). Agents, logs, queue keys and the audit log see the conversation
 * id, from which the cookie cannot be recovered; a cookie the server did not issue (a made-up one, or
 * a conversation id sent as a cookie) is refused, so new conversations start only where they are
 * counted (`GET /web/session`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerKey } from '../../privacy/server-key.js';

const COOKIE = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/;

/** Issues web chat cookies and maps them to conversation ids. */
export class WebIdentity {
  readonly #conversationKey: Buffer;
  readonly #tagKey: Buffer;

  constructor(key: ServerKey) {
    this.#conversationKey = key.derive('web-conversation');
    this.#tagKey = key.derive('web-cookie');
  }

  /** A new cookie value (a new conversation). */
  issue(): string {
    const secret = randomBytes(32).toString('base64url');
    return `${secret}.${this.#tag(secret)}`;
  }

  /** The conversation id of a cookie value; undefined when the server did not issue it. */
  conversationOf(cookie: string | undefined): string | undefined {
    const match = cookie ? COOKIE.exec(cookie) : null;
    if (!match) return undefined;
    const [, secret = '', tag = ''] = match;
    const expected = Buffer.from(this.#tag(secret));
    const given = Buffer.from(tag);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return createHmac('sha256', this.#conversationKey).update(secret).digest('base64url');
  }

  #tag(secret: string): string {
    return createHmac('sha256', this.#tagKey).update(secret).digest('base64url').slice(0, 22);
  }
}
