/**
 * The web chat's page and API: `GET /` (the page), `GET /web/session` (sets the per-browser
 * conversation cookie), `POST /web/messages` (one message in, the bot's replies out), `GET
 * /web/events` (Server-Sent Events with messages pushed later, e.g. an agent's), `GET /web/history`
 * (the conversation so far, after a reload).
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
import { secretId } from '../../handoff/stores.js';
import type { Channel } from '../channel.js';
import type { WebChannel } from './channel.js';
import { webMessageToInbound, WebMessage } from './map.js';

/** The web chat's conversation cookie. */
export const WEB_COOKIE = 'tanya_web';
const CONVERSATION_ID = /^[A-Za-z0-9_-]{32,64}$/;

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
    const id = readCookie(request, WEB_COOKIE);
    if (!id || !CONVERSATION_ID.test(id)) throw new HttpError(401, 'no conversation: GET /web/session first');
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
    const existing = readCookie(request, WEB_COOKIE);
    if (existing && CONVERSATION_ID.test(existing)) return { ok: true };
    setCookie(request, reply, WEB_COOKIE, secretId(), { path: '/web', maxAgeSec: cookieAge });
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
        file = await web.uploads.save(bytes, message.file.name, message.file.mime);
      }
      const inbound = webMessageToInbound(message, message.id ?? randomUUID(), to, file);
      try {
        const outcome = await app.engine.process(inbound);
        return { replies: outcome.replies, duplicate: outcome.duplicate };
      } catch (error) {
        if (error instanceof InvalidInboundError) throw new HttpError(400, error.message);
        throw error;
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
