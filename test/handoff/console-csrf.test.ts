/**
 * Signed-out console visitors cost nothing to keep, over HTTP on the real app with a real
 * redis-server: anonymous `GET /console/api/csrf` store no session (the cookie is signed instead),
 * its token still lets that browser sign in, on another instance too, and a forged, altered or
 * expired signed-out cookie is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { FakeClock } from '../helpers/clock.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';
import { useTestRedis } from '../helpers/redis-fixture.js';
import { anonymous, cookieOf, PASSWORD } from './console-client.js';

const redis = useTestRedis();
const opened: Array<{ app: App; server: FastifyInstance }> = [];

afterEach(async () => {
  for (const { app, server } of opened.splice(0)) {
    await server.close();
    await app.close();
  }
});

async function instance(clock: FakeClock, agentsFile: string) {
  const app = await createApp(
    loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-csrf-')),
      REDIS_URL: redis.url,
      AGENTS_FILE: agentsFile,
    }),
    createLogger('silent'),
    { clock: clock.now, passwordCost: TEST_PASSWORD_COST },
  );
  const server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
  opened.push({ app, server });
  return { app, server };
}

const consoleSessionKeys = async () => (await redis.client.keys('*console:s:*')).length;

const login = (server: FastifyInstance, cookie: string, token: string) =>
  server.inject({
    method: 'POST',
    url: '/console/api/login',
    headers: { cookie, 'x-csrf-token': token },
    payload: { name: 'budi', password: PASSWORD },
  });

describe('signed-out console sessions', () => {
  it('stores nothing for anonymous CSRF requests, and their token signs in on any instance', async () => {
    const clock = new FakeClock();
    const agentsFile = join(mkdtempSync(join(tmpdir(), 'tanya-agents-')), 'agents.json');
    const a = await instance(clock, agentsFile);
    const b = await instance(clock, agentsFile);
    await a.app.handoff.agents.add('budi', 'agent', PASSWORD);
    const before = await consoleSessionKeys();

    const visitors = await Promise.all(Array.from({ length: 300 }, () => anonymous(a.server)));
    expect(new Set(visitors.map((visitor) => visitor.token)).size).toBe(300);
    expect(await consoleSessionKeys()).toBe(before);
    // The same cookie gets the same token back, without a new cookie.
    const visitor = visitors[0] as { cookie: string; token: string };
    const again = await a.server.inject({ url: '/console/api/csrf', headers: { cookie: visitor.cookie } });
    expect(again.json()).toMatchObject({ token: visitor.token, agent: null });
    expect(again.headers['set-cookie']).toBeUndefined();

    const signedIn = await login(b.server, visitor.cookie, visitor.token);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(cookieOf(signedIn, 'tanya_console')).not.toBe(visitor.cookie);
    expect(await consoleSessionKeys()).toBe(before + 1);
  });

  it('refuses a wrong token, an altered or made-up cookie, and an expired one (403)', async () => {
    const clock = new FakeClock();
    const agentsFile = join(mkdtempSync(join(tmpdir(), 'tanya-agents-')), 'agents.json');
    const { app, server } = await instance(clock, agentsFile);
    await app.handoff.agents.add('budi', 'agent', PASSWORD);
    const visitor = await anonymous(server);
    const other = await anonymous(server);
    expect((await login(server, visitor.cookie, other.token)).statusCode).toBe(403);

    const [name, value] = visitor.cookie.split('=') as [string, string];
    const [, expiry, nonce, mac] = value.split('.') as [string, string, string, string];
    const later = (parseInt(expiry, 36) + 86_400).toString(36);
    expect((await login(server, `${name}=a.${later}.${nonce}.${mac}`, visitor.token)).statusCode).toBe(403);
    const madeUp = `${name}=a.${expiry}.${nonce}.${'A'.repeat(43)}`;
    expect((await login(server, madeUp, visitor.token)).statusCode).toBe(403);

    clock.advance(3600_000 + 1000);
    expect((await login(server, visitor.cookie, visitor.token)).statusCode).toBe(403);
    const fresh = await anonymous(server);
    expect((await login(server, fresh.cookie, fresh.token)).statusCode).toBe(200);
  });
});
