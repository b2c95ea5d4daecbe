/**
 * The agent console's HTTP API (`/console/api/...`) and page (`/console/`). Every API route but the
 * CSRF token and sign-in needs a signed-in agent (401 otherwise); every POST needs the CSRF token
 * (403 otherwise); every action is written to the audit log. Routes are declared in
 * {@link CONSOLE_API_ROUTES}, from which they are registered, so the access rules cannot drift.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app.js';
import { MENU_ITEMS } from '../../dialogs/menu.js';
import { FileFetchError } from '../../channels/channel.js';
import { Locale } from '../../engine/types.js';
import { HttpError, parseOr400 } from '../../http/errors.js';
import { securityHeaders, serveStatic } from '../../http/static.js';
import { openStream } from '../../http/sse.js';
import { AgentName } from '../accounts.js';
import { estimateWait } from '../estimate.js';
import { ConsoleEvent, type QueueEntry } from '../model.js';
import { CONSOLE_TOPIC } from '../recorder.js';
import type { ActionResult } from '../service.js';
import { signedIn, type Access, type Audit, type Handler, type RouteIdOf } from './api.js';
import { ConsoleAuth, type SignedIn } from './auth.js';
import { CLAIMS_API_ROUTES, claimsHandlers } from './claims.js';
import { sendUpload } from './file-reply.js';
import { DASHBOARD_API_ROUTES, dashboardHandlers } from './dashboard.js';
import { publicLine, revealNumber, sessionContext } from './views.js';
import { WHATSAPP_API_ROUTES, whatsappHandlers } from './whatsapp.js';

export type { Access } from './api.js';

/** The console API: method, URL and who may call it. */
export const CONSOLE_API_ROUTES = [
  { method: 'GET', url: '/console/api/csrf', access: 'public' },
  { method: 'POST', url: '/console/api/login', access: 'public' },
  { method: 'POST', url: '/console/api/logout', access: 'agent' },
  { method: 'GET', url: '/console/api/me', access: 'agent' },
  { method: 'GET', url: '/console/api/queue', access: 'agent' },
  { method: 'GET', url: '/console/api/events', access: 'agent' },
  { method: 'GET', url: '/console/api/agents', access: 'agent' },
  { method: 'GET', url: '/console/api/stats', access: 'supervisor' },
  { method: 'GET', url: '/console/api/conversations/:key', access: 'agent' },
  { method: 'GET', url: '/console/api/conversations/:key/files/:index', access: 'agent' },
  { method: 'POST', url: '/console/api/conversations/:key/lines/:index/reveal', access: 'agent' },
  { method: 'POST', url: '/console/api/conversations/:key/take', access: 'agent' },
  { method: 'POST', url: '/console/api/conversations/:key/messages', access: 'agent' },
  { method: 'POST', url: '/console/api/conversations/:key/transfer', access: 'agent' },
  { method: 'POST', url: '/console/api/conversations/:key/return', access: 'agent' },
  { method: 'POST', url: '/console/api/conversations/:key/close', access: 'agent' },
  ...CLAIMS_API_ROUTES,
  ...DASHBOARD_API_ROUTES,
  ...WHATSAPP_API_ROUTES,
] as const satisfies ReadonlyArray<{ method: 'GET' | 'POST'; url: string; access: Access }>;

type RouteId = RouteIdOf<typeof CONSOLE_API_ROUTES>;

const KeyParams = z.object({
  key: z
    .string()
    .min(3)
    .max(300)
    .regex(/^[a-z0-9_-]{1,32}:.+$/i, 'not a conversation key'),
});
const FileParams = KeyParams.extend({ index: z.coerce.number().int().nonnegative() });
const RevealBody = z.object({ item: z.number().int().nonnegative().max(1000) }).strict();
const LoginBody = z
  .object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
  .strict();
const MessageBody = z.object({ text: z.string().trim().min(1).max(4096) }).strict();
const TransferBody = z.object({ to: AgentName }).strict();
const ReturnBody = z.object({ dialog: z.string().min(1).max(64) }).strict();
const QueueQuery = z.object({ view: z.enum(['waiting', 'mine', 'all']).default('waiting') });

/** Largest file an agent may download from a transcript. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

function entryView(entry: QueueEntry) {
  const { address, ticket: _ticket, ...rest } = entry;
  return { ...rest, channel: address.channel };
}

/** Registers the console's page and API on `server`. */
export function registerConsoleRoutes(server: FastifyInstance, app: App): void {
  const handoff = app.handoff;
  const auth = new ConsoleAuth(
    handoff.consoleSessions,
    handoff.agents,
    Math.round(app.config.CONSOLE_SESSION_HOURS * 3600),
    handoff.clock,
    app.serverKey.derive('console-csrf'),
  );
  const now = () => handoff.clock();

  const audit: Audit = (agent, action, conversation, detail) =>
    handoff.audit
      .append({
        at: now().toISOString(),
        agent,
        action,
        ...(conversation ? { conversation } : {}),
        ...(detail ? { detail } : {}),
      })
      .catch((error: unknown) => app.log.warn({ err: (error as Error).message }, 'audit log write failed'));

  const returnable = () => [
    { id: 'menu', titleKey: 'menu:title' },
    ...MENU_ITEMS.flatMap((item) => {
      const dialog = item.dialog ? handoff.dialogs.get(item.dialog) : undefined;
      return dialog ? [{ id: dialog.id, titleKey: dialog.titleKey }] : [];
    }),
  ];

  /** The queue entry of a conversation the agent may see (any queue entry; any session for supervisors). */
  async function visible(key: string, agent: SignedIn): Promise<QueueEntry | undefined> {
    const entry = await handoff.index.get(key);
    if (!entry && agent.role !== 'supervisor') throw new HttpError(404, 'no such conversation in the queue');
    return entry;
  }

  function result(reply: FastifyReply, outcome: ActionResult) {
    if (!outcome.ok) throw new HttpError(outcome.status, outcome.why);
    return reply.send({
      ok: true,
      state: outcome.handoff?.state ?? null,
      agent: outcome.handoff?.agent ?? null,
    });
  }

  const handlers: Record<RouteId, Handler> = {
    ...claimsHandlers({ app, audit, now }),
    ...dashboardHandlers({ app, audit, now }),
    ...whatsappHandlers({ app, audit, now }),

    'GET /console/api/csrf': async (request, reply) => {
      const { token } = await auth.csrf(request, reply);
      const me = await auth.signedIn(request);
      return { token, agent: me?.agent ?? null, role: me?.role ?? null };
    },

    'POST /console/api/login': async (request, reply) => {
      const body = parseOr400(LoginBody, request.body);
      // Reserved before the (slow) password check, so parallel guesses count as they arrive; when
      // the limiter's store fails this throws and the sign-in is refused (500).
      const attempt = await handoff.loginLimiter.reserve(body.name, request.ip);
      if (!attempt) throw new HttpError(429, 'too many sign-in attempts; try again later');
      const account = await handoff.agents.authenticate(body.name, body.password);
      if (!account) {
        void audit(body.name.slice(0, 64), 'login_failed');
        throw new HttpError(401, 'wrong name or password');
      }
      await attempt.succeeded();
      const session = await auth.signIn(request, reply, account);
      void audit(account.name, 'login');
      return { agent: session.agent, role: session.role, token: session.csrf };
    },

    'POST /console/api/logout': async (request, reply, agent) => {
      const me = signedIn(agent);
      await auth.signOut(request, reply, me.id);
      void audit(me.agent, 'logout');
      return { ok: true };
    },

    'GET /console/api/me': async (_request, _reply, agent) => {
      const me = signedIn(agent);
      return { agent: me.agent, role: me.role };
    },

    'GET /console/api/queue': async (request, _reply, agent) => {
      const me = signedIn(agent);
      const { view } = parseOr400(QueueQuery, request.query, 'query');
      const entries = await handoff.index.list();
      const shown = entries.filter((entry) =>
        view === 'waiting'
          ? entry.state !== 'assigned'
          : view === 'mine'
            ? entry.state === 'assigned' && entry.agent === me.agent
            : true,
      );
      return { view, entries: shown.map(entryView) };
    },

    'GET /console/api/events': async (request, reply, agent) => {
      const me = signedIn(agent);
      let unsubscribe = () => {};
      const stream = openStream(server, reply, {
        onClose: () => unsubscribe(),
        async onTick(open) {
          if (!(await auth.signedIn(request))) open.close();
        },
      });
      unsubscribe = handoff.hub.subscribe(CONSOLE_TOPIC, (data) => {
        const event = ConsoleEvent.safeParse(data);
        if (!event.success) return;
        stream.send('conversation', {
          key: event.data.key,
          entry: event.data.entry && entryView(event.data.entry),
          lines: event.data.lines.map(({ index, line }) => publicLine(line, index)),
        });
      });
      stream.send('hello', { agent: me.agent });
      return reply;
    },

    'GET /console/api/agents': async (_request, _reply, agent) => {
      signedIn(agent);
      const agents = await handoff.agents.list();
      return { agents: agents.map((account) => ({ name: account.name, role: account.role })) };
    },

    'GET /console/api/stats': async () => {
      const entries = await handoff.index.list();
      const perAgent: Record<string, number> = {};
      for (const entry of entries) if (entry.agent) perAgent[entry.agent] = (perAgent[entry.agent] ?? 0) + 1;
      const turns = (await app.engine.metrics.turns.get()).values.reduce(
        (sum, value) => sum + value.value,
        0,
      );
      const wait = estimateWait(await handoff.index.recentWaits(), now());
      return {
        waiting: entries.filter((entry) => entry.state === 'queued').length,
        assigned: entries.filter((entry) => entry.state === 'assigned').length,
        callbacks: entries.filter((entry) => entry.state === 'callback').length,
        perAgent,
        medianWaitMinutes: wait?.minutes ?? null,
        waitSamples: wait?.samples ?? 0,
        turns,
        officeOpen: handoff.schedule.isOpen(now()),
      };
    },

    'GET /console/api/conversations/:key': async (request, _reply, agent) => {
      const me = signedIn(agent);
      const { key } = parseOr400(KeyParams, request.params, 'conversation');
      const entry = await visible(key, me);
      const session = await app.engine.session(key);
      if (!session) throw new HttpError(404, 'no such conversation');
      const locale = Locale.parse(session.locale);
      const t = app.translator.translate(locale);
      const transcript = await handoff.transcripts.list(key);
      const canned = (
        app.translator.i18n.getResourceBundle(locale, 'handoff') as { canned?: Record<string, string> }
      )?.canned;
      void audit(me.agent, 'view', key);
      const h = session.handoff;
      return {
        key,
        entry: entry ? entryView(entry) : null,
        handoff: h
          ? {
              state: h.state,
              reason: h.reason,
              note: h.note ?? null,
              agent: h.agent ?? null,
              requestedAt: h.requestedAt,
              queuedAt: h.queuedAt ?? null,
              assignedAt: h.assignedAt ?? null,
            }
          : null,
        context: sessionContext(session, h?.address.channel ?? key.split(':')[0] ?? '', handoff.dialogs, t),
        transcript: transcript.lines.map((line, i) => publicLine(line, transcript.first + i)),
        canned: Object.entries(canned ?? {}).map(([id, text]) => ({ id, text })),
        dialogs: returnable().map((dialog) => ({ id: dialog.id, title: t(dialog.titleKey) })),
      };
    },

    'GET /console/api/conversations/:key/files/:index': async (request, reply, agent) => {
      const me = signedIn(agent);
      const { key, index } = parseOr400(FileParams, request.params, 'file');
      await visible(key, me);
      const transcript = await handoff.transcripts.list(key);
      const line = transcript.lines[index - transcript.first];
      if (!line?.file) throw new HttpError(404, 'no such file');
      let bytes: Buffer;
      try {
        bytes = await app.channels.fetchFile(line.file.channel, line.file.ref, MAX_FILE_BYTES);
      } catch (error) {
        if (error instanceof FileFetchError)
          throw new HttpError(error.reason === 'too_large' ? 413 : 404, error.message);
        throw error;
      }
      void audit(me.agent, 'file', key, { index });
      const baseName = (line.file.ref.name ?? 'file').replace(/\.[^.]*$/, '');
      return sendUpload(reply, bytes, { baseName, preview: false });
    },

    'POST /console/api/conversations/:key/lines/:index/reveal': async (request, _reply, agent) => {
      const me = signedIn(agent);
      const { key, index } = parseOr400(FileParams, request.params, 'line');
      const { item } = parseOr400(RevealBody, request.body);
      await visible(key, me);
      const transcript = await handoff.transcripts.list(key);
      const line = transcript.lines[index - transcript.first];
      const value = line && revealNumber(line, item);
      if (value === undefined) throw new HttpError(404, 'no such masked value');
      await audit(me.agent, 'reveal', key, { index, item });
      return { value };
    },

    'POST /console/api/conversations/:key/take': async (request, reply, agent) => {
      const me = signedIn(agent);
      const { key } = parseOr400(KeyParams, request.params, 'conversation');
      const outcome = await handoff.service.take(key, me.agent);
      void audit(me.agent, 'take', key, { ok: outcome.ok });
      return result(reply, outcome);
    },

    'POST /console/api/conversations/:key/messages': async (request, reply, agent) => {
      const me = signedIn(agent);
      const { key } = parseOr400(KeyParams, request.params, 'conversation');
      const { text } = parseOr400(MessageBody, request.body);
      const outcome = await handoff.service.reply(key, me.agent, text);
      void audit(me.agent, 'message', key, { ok: outcome.ok, length: text.length });
      return result(reply, outcome);
    },

    'POST /console/api/conversations/:key/transfer': async (request, reply, agent) => {
      const me = signedIn(agent);
      const { key } = parseOr400(KeyParams, request.params, 'conversation');
      const { to } = parseOr400(TransferBody, request.body);
      const target = (await handoff.agents.list()).find(
        (account) => account.name.toLowerCase() === to.toLowerCase(),
      );
      if (!target) throw new HttpError(400, `no agent named ${to}`);
      const outcome = await handoff.service.transfer(key, me.agent, target.name, me.role === 'supervisor');
      void audit(me.agent, 'transfer', key, { ok: outcome.ok, to: target.name });
      return result(reply, outcome);
    },

    'POST /console/api/conversations/:key/return': async (request, reply, agent) => {
      const me = signedIn(agent);
      const { key } = parseOr400(KeyParams, request.params, 'conversation');
      const { dialog } = parseOr400(ReturnBody, request.body);
      if (!returnable().some((candidate) => candidate.id === dialog))
        throw new HttpError(400, `cannot return to ${dialog}`);
      const outcome = await handoff.service.close(key, me.agent, me.role === 'supervisor', dialog);
      void audit(me.agent, 'return', key, { ok: outcome.ok, dialog });
      return result(reply, outcome);
    },

    'POST /console/api/conversations/:key/close': async (request, reply, agent) => {
      const me = signedIn(agent);
      const { key } = parseOr400(KeyParams, request.params, 'conversation');
      const outcome = await handoff.service.close(key, me.agent, me.role === 'supervisor');
      void audit(me.agent, 'close', key, { ok: outcome.ok });
      return result(reply, outcome);
    },
  };

  for (const route of CONSOLE_API_ROUTES) {
    const handler = handlers[`${route.method} ${route.url}` as RouteId];
    server.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        securityHeaders(reply).header('cache-control', 'no-store');
        let agent: SignedIn | undefined;
        if (route.access !== 'public') {
          agent = await auth.signedIn(request);
          if (!agent) return reply.code(401).send({ error: 'sign in first' });
          if (route.access === 'supervisor' && agent.role !== 'supervisor') {
            return reply.code(403).send({ error: 'supervisors only' });
          }
        }
        if (route.method === 'POST' && !(await auth.checkCsrf(request))) {
          return reply.code(403).send({ error: 'missing or wrong CSRF token (GET /console/api/csrf)' });
        }
        return handler(request, reply, agent);
      },
    });
  }

  serveStatic(server, {
    '/console/': 'console/index.html',
    '/console/common.js': 'console/common.js',
    '/console/console.js': 'console/console.js',
    '/console/console.css': 'console/console.css',
    '/console/claims': 'console/claims.html',
    '/console/claims.js': 'console/claims.js',
    '/console/dashboard': 'console/dashboard.html',
    '/console/dashboard.js': 'console/dashboard.js',
    '/console/whatsapp': 'console/whatsapp.html',
    '/console/whatsapp.html': 'console/whatsapp.html',
    '/console/whatsapp.js': 'console/whatsapp.js',
    '/console/backoffice.js': 'console/backoffice.js',
    '/console/backoffice.css': 'console/backoffice.css',
  });
  server.get('/console', async (_request, reply) => reply.redirect('/console/'));
  server.get('/console/i18n/:lang', async (request, reply) => {
    const { lang } = parseOr400(z.object({ lang: Locale }), request.params, 'language');
    return securityHeaders(reply).send(app.translator.i18n.getResourceBundle(lang, 'agentconsole') ?? {});
  });
}
