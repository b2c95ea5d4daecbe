/**
 * The web chat's page and API: `GET /` (the page), `GET /web/session` (sets the per-browser
 * conversation cookie, a secret the conversation id is derived from: see identity.ts; new ones are
 * limited per client address), `POST /web/messages` (one message in, the bot's replies out; uploads
 * are counted against the rate limit before they are stored), `GET /web/events` (Server-Sent Events
 * with messages pushed later, e.g. an agent's), `GET /web/history` (the conversation so far, after a
 * reload).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.js';
import { InvalidInboundError } from '../../engine/errors.js';
import { conversationKey, Locale, type Address } from '../../engine/types.js';
import { readCookie, setCookie } from '../../http/cookies.js';
import { HttpError, parseOr400 } from '../../http/errors.js';
import { openStream } from '../../http/sse.js';
import { securityHeaders, serveStatic } from '../../http/static.js';
import type { Channel } from '../channel.js';
import type { WebChannel } from './channel.js';
import { webMessageToInbound, WebMessage } from './map.js';

/** The web chat's conversation cookie. */
export const WEB_COOKIE = 'tanya_web';

/** Whether a registered channel is the web chat. */
export function isWebChannel(channel: Channel | undefined): channel is WebChannel {
  return channel?.name === 'web' && 'listen' in channel;
}

/** Registers the web chat on `server`; needs the `web` channel in `app.channels`. */
export function registerWebChatRoutes(server: FastifyInstance, app: App): void {
  const channel = app.channels.get('web');
  if (!isWebChannel(channel)) throw new Error('the web channel is not registered');
  const web = channel;
  const maxBytes = web.uploads.maxBytes;
  const cookieAge = Math.round(app.config.SESSION_TTL_HOURS * 3600);

  function address(request: FastifyRequest): Address {
    const id = web.identity.conversationOf(readCookie(request, WEB_COOKIE));
    if (!id) throw new HttpError(401, 'no conversation: GET /web/session first');
    return { channel: 'web', conversationId: id, userId: id };
  }

  serveStatic(server, {
    '/': 'web/index.html',
    '/web/chat.js': 'web/chat.js',
    '/web/chat.css': 'web/chat.css',
  });

  server.get('/web/i18n/:lang', async (request, reply) => {
    const { lang } = parseOr400(z.object({ lang: Locale }), request.params, 'language');
    const strings = app.translator.i18n.getResourceBundle(lang, 'webchat') ?? {};
    return securityHeaders(reply).send({ strings, uploadMaxMb: app.config.WEB_UPLOAD_MAX_MB });
  });

  server.get('/web/session', async (request, reply) => {
    securityHeaders(reply).header('cache-control', 'no-store');
    if (web.identity.conversationOf(readCookie(request, WEB_COOKIE))) return { ok: true };
    if (!(await web.limits.newConversation(request.ip)))
      throw new HttpError(429, 'too many new conversations from this address; try again later');
    setCookie(request, reply, WEB_COOKIE, web.identity.issue(), { path: '/web', maxAgeSec: cookieAge });
    return { ok: true, created: true };
  });

  server.post(
    '/web/messages',
    // base64 grows a file by 4/3; the JSON around it is small.
    { bodyLimit: Math.ceil((maxBytes * 4) / 3) + 16 * 1024 },
    async (request, reply) => {
      securityHeaders(reply).header('cache-control', 'no-store');
      const to = address(request);
      const message = parseOr400(WebMessage, request.body);
      let file;
      if ('file' in message) {
        const bytes = Buffer.from(message.file.data, 'base64');
        if (bytes.length > maxBytes) throw new HttpError(413, `file larger than ${maxBytes} bytes`);
        if (!(await web.limits.upload(to.conversationId)))
          throw new HttpError(429, 'too many files; wait a minute');
        file = await web.uploads.save(bytes, message.file.name, message.file.mime, to.conversationId);
      }
      const inbound = webMessageToInbound(message, message.id ?? randomUUID(), to, file);
      let kept = false;
      try {
        const outcome = await app.engine.process(inbound);
        // A file whose message was not processed (over the rate limit, a retry) is not kept.
        kept = !outcome.limited && !outcome.duplicate;
        return { replies: outcome.replies, duplicate: outcome.duplicate };
      } catch (error) {
        if (error instanceof InvalidInboundError) throw new HttpError(400, error.message);
        throw error;
      } finally {
        if (file && !kept) await web.uploads.delete(file);
      }
    },
  );

  server.get('/web/events', async (request, reply) => {
    const to = address(request);
    let stop = () => {};
    const stream = openStream(server, reply, { onClose: () => stop() });
    stop = web.listen(to.conversationId, (outbounds) => stream.send('replies', { replies: outbounds }));
    return reply;
  });

  server.get('/web/history', async (request, reply) => {
    securityHeaders(reply).header('cache-control', 'no-store');
    const to = address(request);
    const transcript = await app.handoff.transcripts.list(conversationKey(to));
    return {
      lines: transcript.lines
        .filter((line) => line.from !== 'system' && line.kind !== 'event')
        .map((line) => ({
          from: line.from,
          kind: line.kind,
          text: line.text ?? null,
          choices: line.choices ?? [],
          lat: line.lat ?? null,
          lon: line.lon ?? null,
          file: line.file ? (line.file.ref.name ?? 'file') : null,
        })),
    };
  });
}
