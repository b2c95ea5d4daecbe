/**
 * The web chat's cookie and bounds, over HTTP on the real app (fastify inject): the cookie is a
 * secret the conversation id is derived from (agents, the queue and the audit log never see it; the
 * conversation id sent as a cookie reads nothing); the server key behind it is kept in DATA_DIR
 * (0600) across restarts, or in Redis where instances agree; new conversations are limited per
 * client address; uploads over the rate limit are refused before anything is written.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { SERVER_KEY_FILE } from '../../src/privacy/server-key.js';
import type { WebLimitSettings } from '../../src/channels/web/limits.js';
import { FakeClock } from '../helpers/clock.js';
import { minimalPdf } from '../helpers/files.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';
import { useTestRedis } from '../helpers/redis-fixture.js';
import { webConversationId } from '../helpers/web.js';
import { cookieOf, PASSWORD, signIn } from '../handoff/console-client.js';

const NIK = '3201234567890001';

interface Instance {
  app: App;
  server: FastifyInstance;
  dataDir: string;
}

const opened: Instance[] = [];

afterEach(async () => {
  for (const { app, server } of opened.splice(0)) {
    await server.close();
    await app.close();
  }
});

async function instance(
  env: Record<string, string> = {},
  options: { dataDir?: string; clock?: FakeClock; webLimits?: Partial<WebLimitSettings> } = {},
): Promise<Instance> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tanya-web-security-'));
  const app = await createApp(
    loadConfig({ DATA_DIR: dataDir, OFFICE_HOURS: 'always', ...env }),
    createLogger('silent'),
    {
      passwordCost: TEST_PASSWORD_COST,
      ...(options.clock ? { clock: options.clock.now } : {}),
      ...(options.webLimits ? { webLimits: options.webLimits } : {}),
    },
  );
  await app.handoff.agents.add('budi', 'agent', PASSWORD).catch(() => undefined);
  const server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
  const made = { app, server, dataDir };
  opened.push(made);
  return made;
}

/** A browser of the web chat: its `tanya_web=...` cookie and the value alone. */
async function browser(server: FastifyInstance, remoteAddress = '127.0.0.1') {
  const session = await server.inject({ url: '/web/session', remoteAddress });
  expect(session.statusCode, session.body).toBe(200);
  const cookie = cookieOf(session, 'tanya_web');
  return { cookie, secret: decodeURIComponent(cookie.slice('tanya_web='.length)) };
}

const send = (server: FastifyInstance, cookie: string, payload: object) =>
  server.inject({ method: 'POST', url: '/web/messages', headers: { cookie }, payload });

const history = (server: FastifyInstance, cookie: string) =>
  server.inject({ url: '/web/history', headers: { cookie } });

const upload = (data: Buffer) => ({
  file: { name: 'ktp.pdf', mime: 'application/pdf', data: data.toString('base64') },
});

function uploadsIn(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'uploads', 'web'));
  } catch {
    return [];
  }
}

describe('the web chat cookie is a secret, not the conversation id', () => {
  it('agents see a conversation key that does not contain the cookie, in the queue and the audit log', async () => {
    const { server, dataDir } = await instance();
    const user = await browser(server);
    await send(server, user.cookie, { text: 'agen' });
    await send(server, user.cookie, { text: `NIK saya ${NIK}` });

    const agent = await signIn(server, 'budi');
    const queue = await server.inject({ url: '/console/api/queue', headers: { cookie: agent.cookie } });
    const entries = queue.json<{ entries: Array<{ key: string }> }>().entries;
    expect(entries).toHaveLength(1);
    const key = entries[0]?.key as string;
    expect(key).toMatch(/^web:/);
    const [secret, tag] = user.secret.split('.') as [string, string];
    expect(key).not.toContain(secret);
    expect(key).not.toContain(tag);

    const view = await server.inject({
      url: `/console/api/conversations/${encodeURIComponent(key)}`,
      headers: { cookie: agent.cookie },
    });
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain(secret);
    const audit = await vi.waitFor(() => {
      const written = readFileSync(join(dataDir, 'audit.log'), 'utf8');
      expect(written).toContain(key);
      return written;
    });
    expect(audit).not.toContain(secret);
  });

  it('does not read or write a conversation for a request carrying its id as the cookie', async () => {
    const { server } = await instance();
    const user = await browser(server);
    await send(server, user.cookie, { text: 'agen' });
    await send(server, user.cookie, { text: `NIK saya ${NIK}` });
    expect((await history(server, user.cookie)).body).toContain(NIK);

    const agent = await signIn(server, 'budi');
    const queue = await server.inject({ url: '/console/api/queue', headers: { cookie: agent.cookie } });
    const key = queue.json<{ entries: Array<{ key: string }> }>().entries[0]?.key as string;
    const forged = `tanya_web=${encodeURIComponent(key.slice('web:'.length))}`;

    const read = await history(server, forged);
    expect(read.statusCode).toBe(401);
    expect(read.body).not.toContain(NIK);
    expect((await send(server, forged, { text: 'saya pemiliknya' })).statusCode).toBe(401);
    // A made-up cookie of the right shape does not start a conversation either.
    const madeUp = `tanya_web=${'A'.repeat(43)}.${'B'.repeat(22)}`;
    expect((await send(server, madeUp, { text: 'halo' })).statusCode).toBe(401);
    // The user's own history is unchanged.
    const mine = (await history(server, user.cookie)).json<{ lines: Array<{ text: string | null }> }>();
    expect(mine.lines.map((line) => line.text)).not.toContain('saya pemiliknya');
  });

  it('keeps the key in DATA_DIR (0600), so a cookie names the same conversation after a restart', async () => {
    const first = await instance();
    const user = await browser(first.server);
    await send(first.server, user.cookie, { text: `NIK saya ${NIK}` });
    const id = webConversationId(first.app, user.cookie);
    const keyFile = join(first.dataDir, SERVER_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    await first.server.close();
    await first.app.close();
    opened.splice(opened.indexOf(first), 1);

    const second = await instance({}, { dataDir: first.dataDir });
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(key);
    expect(webConversationId(second.app, user.cookie)).toBe(id);
    // The session (saved in DATA_DIR) goes on under that cookie: the user is not greeted anew.
    expect(await second.app.engine.session(`web:${id}`)).toBeDefined();
    expect((await history(second.server, user.cookie)).statusCode).toBe(200);
  });
});

describe('the server key in Redis', () => {
  const redis = useTestRedis();

  it('is the same on every instance, so a cookie from one works on another', async () => {
    const a = await instance({ REDIS_URL: redis.url });
    const b = await instance({ REDIS_URL: redis.url });
    const user = await browser(a.server);
    await send(a.server, user.cookie, { text: `NIK saya ${NIK}` });
    const onB = await history(b.server, user.cookie);
    expect(onB.statusCode).toBe(200);
    expect(onB.body).toContain(NIK);
    // The key is in Redis, not in DATA_DIR; no Redis key names the cookie.
    expect(await redis.client.exists(`${a.app.config.REDIS_PREFIX}server-key`)).toBe(1);
    expect(readdirSync(a.dataDir)).not.toContain(SERVER_KEY_FILE);
    const secret = user.secret.split('.')[0] as string;
    expect((await redis.client.keys('*')).filter((key) => key.includes(secret))).toEqual([]);
  });
});

describe('bounds of the embedded web chat', () => {
  it('limits new conversations per client address (429 after 20 in 10 minutes)', async () => {
    const { server } = await instance();
    const answers: LightMyRequestResponse[] = [];
    for (let i = 0; i < 25; i++)
      answers.push(await server.inject({ url: '/web/session', remoteAddress: '203.0.113.9' }));
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(20);
    expect(answers.slice(20).map((answer) => answer.statusCode)).toEqual([429, 429, 429, 429, 429]);
    expect(answers.slice(20).every((answer) => !answer.headers['set-cookie'])).toBe(true);
    // Another address still gets one, and a browser with a cookie keeps it.
    const other = await browser(server, '198.51.100.4');
    const again = await server.inject({
      url: '/web/session',
      remoteAddress: '203.0.113.9',
      headers: { cookie: cookieOf(answers[0] as LightMyRequestResponse, 'tanya_web') },
    });
    expect(again.statusCode).toBe(200);
    expect(other.secret).toBeTruthy();
  });

  it('refuses uploads over the rate limit before storing them (parallel burst)', async () => {
    const clock = new FakeClock('2026-11-23T03:00:10.000Z');
    const { server, dataDir } = await instance({ RATE_LIMIT_PER_MINUTE: '5' }, { clock });
    const user = await browser(server);
    const pdf = minimalPdf();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => send(server, user.cookie, upload(pdf))),
    );
    const codes = answers.map((answer) => answer.statusCode).sort();
    expect(codes.filter((code) => code === 200)).toHaveLength(5);
    expect(codes.filter((code) => code === 429)).toHaveLength(7);
    expect(uploadsIn(dataDir)).toHaveLength(5);
  });

  it('does not keep a file whose message the engine refused over the rate limit', async () => {
    const clock = new FakeClock('2026-11-23T03:00:10.000Z');
    const { server, dataDir } = await instance(
      { RATE_LIMIT_PER_MINUTE: '3' },
      { clock, webLimits: { uploadsPerMinute: 10 } },
    );
    const user = await browser(server);
    for (const text of ['halo', 'menu', 'halo']) await send(server, user.cookie, { text });
    const limited = await send(server, user.cookie, upload(minimalPdf()));
    expect(limited.statusCode).toBe(200);
    expect(limited.json<{ replies: Array<{ text?: string }> }>().replies[0]?.text).toBeTruthy();
    expect(uploadsIn(dataDir)).toEqual([]);
  });
});
