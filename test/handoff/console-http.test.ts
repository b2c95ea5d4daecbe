/**
 * The console API and the web chat API over HTTP (fastify inject, the real app in memory):
 * authentication route by route, CSRF, sign-in failures, roles, the take/reply/close flow from the
 * web chat's side, files, and the audit log.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/server.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createLogger } from '../../src/log/logger.js';
import { CONSOLE_API_ROUTES } from '../../src/handoff/console/routes.js';
import { isWebChannel } from '../../src/channels/web/routes.js';
import type { Outbound } from '../../src/engine/types.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';
import { webConversationId } from '../helpers/web.js';

const PASSWORD = 'kata-sandi-rahasia';
const XSS = '<img src=x onerror=alert(1)>';

let app: App;
let server: FastifyInstance;
let dataDir: string;
const registered: string[] = [];

/** The cookie a response set, as a `Cookie` header value. */
function cookieOf(response: LightMyRequestResponse, name: string): string {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const found = all.find((value) => value.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie set`);
  return found.split(';')[0] as string;
}

async function signIn(name: string, password = PASSWORD): Promise<{ cookie: string; token: string }> {
  const csrf = await server.inject('/console/api/csrf');
  const anonymous = cookieOf(csrf, 'tanya_console');
  const login = await server.inject({
    method: 'POST',
    url: '/console/api/login',
    headers: { cookie: anonymous, 'x-csrf-token': csrf.json().token },
    payload: { name, password },
  });
  expect(login.statusCode, login.body).toBe(200);
  const cookie = cookieOf(login, 'tanya_console');
  expect(cookie).not.toBe(anonymous);
  return { cookie, token: login.json().token };
}

async function webUser(): Promise<{ cookie: string; send(body: object): Promise<LightMyRequestResponse> }> {
  const session = await server.inject('/web/session');
  const cookie = cookieOf(session, 'tanya_web');
  return {
    cookie,
    send: (payload) => server.inject({ method: 'POST', url: '/web/messages', headers: { cookie }, payload }),
  };
}

const fill = (url: string) =>
  url.replace(':key', encodeURIComponent('web:abcdefabcdefabcdefabcdefabcdefabcdef')).replace(':index', '0');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tanya-console-'));
  app = await createApp(
    loadConfig({ DATA_DIR: dataDir, OFFICE_HOURS: 'always', WEB_UPLOAD_MAX_MB: '0.05' }),
    createLogger('silent'),
    { passwordCost: TEST_PASSWORD_COST },
  );
  await app.handoff.agents.add('budi', 'agent', PASSWORD);
  await app.handoff.agents.add('sari', 'agent', PASSWORD);
  await app.handoff.agents.add('dewi', 'agent', PASSWORD);
  await app.handoff.agents.add('ketua', 'supervisor', PASSWORD);
  server = await createHttpServer(app);
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push(`${method} ${route.url}`);
  });
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
});

afterAll(async () => {
  await server.close();
  await app.close();
});

describe('console authentication', () => {
  it('declares every console API route it registers', () => {
    const api = registered.filter((route) => route.includes('/console/api/') && !route.startsWith('HEAD '));
    expect(api.sort()).toEqual(CONSOLE_API_ROUTES.map((route) => `${route.method} ${route.url}`).sort());
  });

  for (const route of CONSOLE_API_ROUTES.filter((r) => r.access !== 'public')) {
    it(`${route.method} ${route.url} answers 401 without a signed-in agent`, async () => {
      const bare = await server.inject({ method: route.method, url: fill(route.url) });
      expect(bare.statusCode).toBe(401);
      // A console session that only holds a CSRF token is not signed in either.
      const csrf = await server.inject('/console/api/csrf');
      const cookie = cookieOf(csrf, 'tanya_console');
      const anonymous = await server.inject({
        method: route.method,
        url: fill(route.url),
        headers: { cookie, 'x-csrf-token': csrf.json().token },
        ...(route.method === 'POST' ? { payload: {} } : {}),
      });
      expect(anonymous.statusCode).toBe(401);
    });
  }

  it('refuses every POST without the CSRF token (403), sign-in included', async () => {
    const csrf = await server.inject('/console/api/csrf');
    const anonymous = cookieOf(csrf, 'tanya_console');
    const login = await server.inject({
      method: 'POST',
      url: '/console/api/login',
      headers: { cookie: anonymous },
      payload: { name: 'budi', password: PASSWORD },
    });
    expect(login.statusCode).toBe(403);
    const { cookie } = await signIn('budi');
    for (const route of CONSOLE_API_ROUTES.filter((r) => r.method === 'POST')) {
      const missing = await server.inject({
        method: 'POST',
        url: fill(route.url),
        headers: { cookie },
        payload: {},
      });
      expect(missing.statusCode, route.url).toBe(403);
      const wrong = await server.inject({
        method: 'POST',
        url: fill(route.url),
        headers: { cookie, 'x-csrf-token': 'not-the-token' },
        payload: {},
      });
      expect(wrong.statusCode, route.url).toBe(403);
    }
  });

  it('refuses a wrong password or an unknown name with 401, then limits attempts (429)', async () => {
    const csrf = await server.inject('/console/api/csrf');
    const headers = { cookie: cookieOf(csrf, 'tanya_console'), 'x-csrf-token': csrf.json().token };
    const attempt = (name: string, password: string) =>
      server.inject({ method: 'POST', url: '/console/api/login', headers, payload: { name, password } });
    const wrong = await attempt('sari', 'salah-sandi-nya');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'wrong name or password' });
    expect((await attempt('tidakada', PASSWORD)).statusCode).toBe(401);
    expect((await attempt('sari', '')).statusCode).toBe(400);
    for (let i = 0; i < 4; i++) await attempt('sari', `salah-${i}-sandi`);
    expect((await attempt('sari', PASSWORD)).statusCode).toBe(429);
  });

  it('sets an httpOnly, SameSite=Strict cookie scoped to /console, and signs out', async () => {
    const csrf = await server.inject('/console/api/csrf');
    const setCookie = String(csrf.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/console/);
    const { cookie, token } = await signIn('budi');
    expect((await server.inject({ url: '/console/api/me', headers: { cookie } })).json()).toEqual({
      agent: 'budi',
      role: 'agent',
    });
    const out = await server.inject({
      method: 'POST',
      url: '/console/api/logout',
      headers: { cookie, 'x-csrf-token': token },
    });
    expect(out.statusCode).toBe(200);
    expect((await server.inject({ url: '/console/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('shows the supervisor overview to supervisors only', async () => {
    const agent = await signIn('budi');
    expect(
      (await server.inject({ url: '/console/api/stats', headers: { cookie: agent.cookie } })).statusCode,
    ).toBe(403);
    const boss = await signIn('ketua');
    const stats = await server.inject({ url: '/console/api/stats', headers: { cookie: boss.cookie } });
    expect(stats.statusCode).toBe(200);
    expect(stats.json()).toMatchObject({
      waiting: expect.any(Number),
      assigned: expect.any(Number),
      officeOpen: true,
    });
  });
});

describe('web chat API', () => {
  it('needs its conversation cookie and a valid body', async () => {
    expect(
      (await server.inject({ method: 'POST', url: '/web/messages', payload: { text: 'halo' } })).statusCode,
    ).toBe(401);
    const user = await webUser();
    expect((await user.send({ sticker: 'x' })).statusCode).toBe(400);
    expect((await user.send({ text: '' })).statusCode).toBe(400);
    const big = Buffer.alloc(60 * 1024, 1).toString('base64');
    expect(
      (await user.send({ file: { name: 'a.pdf', mime: 'application/pdf', data: big } })).statusCode,
    ).toBe(413);
    expect(
      (await user.send({ file: { name: 'a.exe', mime: 'application/x-msdownload', data: 'AAAA' } }))
        .statusCode,
    ).toBe(400);
    const reply = await user.send({ text: 'halo', lang: 'en-US' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().replies[0].text).toContain("I'm *Tanya*");
    const history = await server.inject({ url: '/web/history', headers: { cookie: user.cookie } });
    expect(history.json().lines.map((line: { from: string }) => line.from)).toEqual(['user', 'bot']);
  });

  it('serves the pages with a strict Content-Security-Policy', async () => {
    for (const url of ['/', '/web/chat.js', '/console/', '/console/console.js']) {
      const page = await server.inject(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    }
  });
});

describe('a conversation from the web chat to an agent and back', () => {
  it('queues, takes, shows the transcript as data, replies, serves files to agents only, closes', async () => {
    const user = await webUser();
    const conversationId = webConversationId(app, user.cookie);
    const key = `web:${conversationId}`;
    const pushed: Outbound[] = [];
    const web = app.channels.get('web');
    if (!isWebChannel(web)) throw new Error('no web channel');
    const stop = web.listen(conversationId, (outbounds) => pushed.push(...outbounds));

    expect((await user.send({ text: 'agen' })).json().replies[0].text).toContain('Posisi Anda: nomor 1');
    expect((await user.send({ text: XSS })).json().replies).toEqual([]);
    const pdf = Buffer.from('%PDF-1.4 test document');
    expect(
      (
        await user.send({ file: { name: 'ktp.pdf', mime: 'application/pdf', data: pdf.toString('base64') } })
      ).json().replies,
    ).toEqual([]);

    const budi = await signIn('budi');
    const post = (path: string, payload?: object, as = budi) =>
      server.inject({
        method: 'POST',
        url: `/console/api/conversations/${encodeURIComponent(key)}/${path}`,
        headers: { cookie: as.cookie, 'x-csrf-token': as.token },
        ...(payload ? { payload } : {}),
      });
    const queue = await server.inject({
      url: '/console/api/queue?view=waiting',
      headers: { cookie: budi.cookie },
    });
    expect(queue.json().entries).toEqual([
      expect.objectContaining({ key, state: 'queued', preview: XSS, channel: 'web' }),
    ]);
    expect(JSON.stringify(queue.json())).not.toContain('ticket');

    expect((await post('take')).json()).toEqual({ ok: true, state: 'assigned', agent: 'budi' });
    // "sari" is locked out by the sign-in limit test above: another agent tries to take it.
    const dewi = await signIn('dewi');
    expect((await post('take', undefined, dewi)).statusCode).toBe(409);
    expect((await post('messages', { text: 'bukan punya saya' }, dewi)).statusCode).toBe(409);
    expect((await post('messages', { text: '   ' })).statusCode).toBe(400);
    expect((await post('messages', { text: 'Halo, saya Budi.' })).json()).toMatchObject({ ok: true });
    expect(pushed.map((outbound) => ('text' in outbound ? outbound.text : ''))).toEqual([
      expect.stringContaining('terhubung dengan petugas *budi*'),
      'Halo, saya Budi.',
    ]);

    const view = await server.inject({
      url: `/console/api/conversations/${encodeURIComponent(key)}`,
      headers: { cookie: budi.cookie },
    });
    const conversation = view.json();
    expect(conversation.context).toMatchObject({ channel: 'web', locale: 'id' });
    expect(conversation.canned.length).toBeGreaterThan(3);
    expect(conversation.dialogs[0]).toEqual({ id: 'menu', title: 'Menu utama' });
    const lines = conversation.transcript as Array<{
      index: number;
      from: string;
      kind: string;
      text?: string;
      file?: object;
    }>;
    expect(lines.find((line) => line.text === XSS)).toMatchObject({ from: 'user', kind: 'text' });
    const file = lines.find((line) => line.kind === 'file');
    expect(file?.file).toEqual({ name: 'ktp.pdf', mime: 'application/pdf', size: pdf.length });
    expect(view.body).not.toContain(app.dataDir);
    expect(lines.at(-1)).toMatchObject({ from: 'agent', agent: 'budi', text: 'Halo, saya Budi.' });

    const fileUrl = `/console/api/conversations/${encodeURIComponent(key)}/files/${file?.index}`;
    expect((await server.inject(fileUrl)).statusCode).toBe(401);
    const download = await server.inject({ url: fileUrl, headers: { cookie: budi.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toBe('attachment; filename="ktp.pdf"');
    expect(
      (await server.inject({ url: fileUrl.replace(/\d+$/, '0'), headers: { cookie: budi.cookie } }))
        .statusCode,
    ).toBe(404);

    expect((await post('transfer', { to: 'nobody' })).statusCode).toBe(400);
    expect((await post('return', { dialog: 'no-such-dialog' })).statusCode).toBe(400);
    expect((await post('close')).json()).toEqual({ ok: true, state: 'closed', agent: 'budi' });
    const greeting = pushed.slice(-2).map((outbound) => ('text' in outbound ? outbound.text : ''));
    expect(greeting[0]).toContain('telah mengakhiri percakapan');
    expect(greeting[1]).toContain('Halo! Saya *Tanya*');
    expect((await user.send({ text: 'menu' })).json().replies[0].text).toContain('Halo! Saya *Tanya*');
    expect(
      (await server.inject({ url: '/console/api/queue?view=all', headers: { cookie: budi.cookie } })).json()
        .entries,
    ).toEqual([]);
    // After the close an agent no longer sees the conversation; a supervisor still may.
    expect(
      (
        await server.inject({
          url: `/console/api/conversations/${encodeURIComponent(key)}`,
          headers: { cookie: budi.cookie },
        })
      ).statusCode,
    ).toBe(404);
    const boss = await signIn('ketua');
    expect(
      (
        await server.inject({
          url: `/console/api/conversations/${encodeURIComponent(key)}`,
          headers: { cookie: boss.cookie },
        })
      ).statusCode,
    ).toBe(200);
    stop();

    const audit = readFileSync(join(dataDir, 'audit.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { agent: string; action: string; conversation?: string });
    const mine = audit
      .filter((event) => event.conversation === key)
      .map((event) => `${event.agent}:${event.action}`);
    expect(mine).toEqual(
      expect.arrayContaining([
        'budi:take',
        'dewi:take',
        'budi:message',
        'budi:view',
        'budi:file',
        'budi:close',
      ]),
    );
    expect(audit.some((event) => event.action === 'login_failed')).toBe(true);
    expect(readFileSync(join(dataDir, 'audit.log'), 'utf8')).not.toContain('Halo, saya Budi.');
  });
});
