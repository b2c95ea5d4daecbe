/**
 * The web chat's side of tests: the conversation id the server derives from a `tanya_web` cookie
 * (the cookie itself is a secret that never names the conversation).
 */
import type { App } from '../../src/app.js';
import { isWebChannel } from '../../src/channels/web/routes.js';

/** The conversation id of a `tanya_web=<value>` cookie (as sent in a `Cookie` header). */
export function webConversationId(app: App, cookie: string): string {
  const web = app.channels.get('web');
  if (!isWebChannel(web)) throw new Error('no web channel');
  const value = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1).split(';')[0] ?? '');
  const id = web.identity.conversationOf(value);
  if (!id) throw new Error('not a web chat cookie this server issued');
  return id;
}
