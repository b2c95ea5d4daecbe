/**
 * Security of the console sign-in, over HTTP on the real app (fastify inject): the attempt limit
 * holds against parallel guesses and is shared by instances on one real redis-server; behind a
 * trusted proxy the cookie is Secure and the limit keys on the client's address; sessions end when
 * the account is removed or changed; weak password hashes are replaced at sign-in.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { AgentDirectory } from '../../src/handoff/accounts.js';
import { hashPassword, verifyPassword } from '../../src/handoff/passwords.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { projectPath } from '../../src/paths.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';
import { useTestRedis } from '../helpers/redis-fixture.js';

const PASSWORD = 'kata-sandi-rahasia';

interface Instance {
  app: App;
  server: FastifyInstance;
}

const opened: Instance[] = [];

/** An app with the console on an inject-only server; closed after each test. */
async function instance(env: Record<string, string> = {}, cheapHashes = true): Promise<Instance> {
  const app = await createApp(
    loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-login-')), ...env }),
    createLogger('silent'),
    cheapHashes ? { passwordCost: TEST_PASSWORD_COST } : {},
  );
  const server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
  const made = { app, server };
  opened.push(made);
  return made;
}

afterEach(async () => {
  for (const { app, server } of opened.splice(0)) {
    await server.close();
    await app.close();
  }
});

function cookieOf(response: LightMyRequestResponse, name: string): string {
  const header = response.headers['set-cookie'];
  const found = [header].flat().find((value) => value?.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie set`);
  return found;
}

/** Where a request comes from: the socket's address and any proxy headers. */
interface From {
  remoteAddress?: string;
  headers?: Record<string, string>;
}

/** A signed-out console session (cookie and CSRF token) to send sign-ins from. */
async function consoleSession(server: FastifyInstance, from: From = {}) {
  const csrf = await server.inject({ url: '/console/api/csrf', ...from });
  const cookie = cookieOf(csrf, 'tanya_console').split(';')[0] as string;
  const token = csrf.json<{ token: string }>().token;
  return {
    login: (name: string, password: string, via: From = from) =>
      server.inject({
        method: 'POST',
        url: '/console/api/login',
        ...(via.remoteAddress ? { remoteAddress: via.remoteAddress } : {}),
        headers: { ...via.headers, cookie, 'x-csrf-token': token },
        payload: { name, password },
      }),
  };
}

/** Signs in and returns the signed-in cookie. */
async function signIn(server: FastifyInstance, name: string, password = PASSWORD): Promise<string> {
  const response = await (await consoleSession(server)).login(name, password);
  expect(response.statusCode, response.body).toBe(200);
  return cookieOf(response, 'tanya_console').split(';')[0] as string;
}

const me = (server: FastifyInstance, cookie: string) =>
  server.inject({ url: '/console/api/me', headers: { cookie } });

const count = (responses: LightMyRequestResponse[], status: number) =>
  responses.filter((response) => response.statusCode === status).length;

describe('console sign-in limit', () => {
  it('refuses most of 200 parallel wrong sign-ins for one name (429): at most 5 are checked', async () => {
    const { app, server } = await instance();
    await app.handoff.agents.add('sari', 'agent', PASSWORD);
    const session = await consoleSession(server, { remoteAddress: '198.51.100.1' });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => session.login('sari', `salah-sandi-${i}`)),
    );
    expect(count(responses, 401) + count(responses, 429)).toBe(200);
    expect(count(responses, 401)).toBeLessThanOrEqual(5);
    expect(count(responses, 429)).toBeGreaterThanOrEqual(195);
    expect((await session.login('sari', PASSWORD)).statusCode).toBe(429);
  });

  it('refuses the right password sent in a burst once the limit is reached', async () => {
    const { app, server } = await instance();
    await app.handoff.agents.add('sari', 'agent', PASSWORD);
    const session = await consoleSession(server, { remoteAddress: '198.51.100.2' });
    const burst = [
      ...Array.from({ length: 24 }, (_, i) => session.login('sari', `salah-sandi-${i}`)),
      session.login('sari', PASSWORD),
    ];
    const responses = await Promise.all(burst);
    const right = responses[24] as LightMyRequestResponse;
    expect(right.statusCode).toBe(429);
    expect(right.headers['set-cookie'] ?? '').not.toMatch(/tanya_console=[^;]/);
    expect(count(responses, 401)).toBeLessThanOrEqual(5);
  });

  it('limits each address across names, and forgives a name after its right password', async () => {
    const { app, server } = await instance();
    await app.handoff.agents.add('budi', 'agent', PASSWORD);
    const office = { remoteAddress: '198.51.100.3' };
    let session = await consoleSession(server, office);
    // A right password clears the name's count: four more wrong ones are allowed after it.
    for (let i = 0; i < 4; i++)
      expect((await session.login('budi', `salah-${i}-sandi`)).statusCode).toBe(401);
    expect((await session.login('budi', PASSWORD)).statusCode).toBe(200);
    session = await consoleSession(server, office);
    for (let i = 0; i < 4; i++)
      expect((await session.login('budi', `salah-${i}-sandi`)).statusCode).toBe(401);
    // 8 failures so far from this address; 22 more (on other names) reach its limit of 30.
    const spray = await Promise.all(
      Array.from({ length: 22 }, (_, i) => session.login(`tamu${i}`, 'salah-sandi-nya')),
    );
    expect(count(spray, 401)).toBe(22);
    expect((await session.login('tamu-lain', 'salah-sandi-nya')).statusCode).toBe(429);
    expect((await session.login('budi', PASSWORD)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await session.login('budi', PASSWORD, { remoteAddress: '198.51.100.4' })).statusCode).toBe(200);
  });
});

describe('console sign-in limit shared through Redis', () => {
  const redis = useTestRedis();

  it('counts attempts made on two instances together', async () => {
    const agentsFile = join(mkdtempSync(join(tmpdir(), 'tanya-login-agents-')), 'agents.json');
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'limit:', AGENTS_FILE: agentsFile };
    const a = await instance(env);
    const b = await instance(env);
    await a.app.handoff.agents.add('dewi', 'agent', PASSWORD);
    const onA = await consoleSession(a.server, { remoteAddress: '198.51.100.5' });
    const onB = await consoleSession(b.server, { remoteAddress: '198.51.100.6' });
    for (let i = 0; i < 3; i++) expect((await onA.login('dewi', `salah-${i}-sandi`)).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect((await onB.login('dewi', `salah-${i}-sandi`)).statusCode).toBe(401);
    // Five attempts in all: the right password is refused on both instances.
    expect((await onB.login('dewi', PASSWORD)).statusCode).toBe(429);
    expect((await onA.login('dewi', PASSWORD)).statusCode).toBe(429);
    expect(await redis.client.get('limit:console:login-name:dewi')).not.toBeNull();
  });

  it('holds against a parallel burst split over two instances', async () => {
    const agentsFile = join(mkdtempSync(join(tmpdir(), 'tanya-login-agents-')), 'agents.json');
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'burst:', AGENTS_FILE: agentsFile };
    const a = await instance(env);
    const b = await instance(env);
    await a.app.handoff.agents.add('sari', 'agent', PASSWORD);
    const onA = await consoleSession(a.server, { remoteAddress: '198.51.100.7' });
    const onB = await consoleSession(b.server, { remoteAddress: '198.51.100.7' });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? onA : onB).login('sari', `salah-sandi-${i}`)),
    );
    expect(count(responses, 401)).toBeLessThanOrEqual(5);
    expect(count(responses, 429)).toBeGreaterThanOrEqual(95);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const viaProxy = (client: string, proto = 'https'): From => ({
    remoteAddress: '10.0.0.2',
    headers: { 'x-forwarded-for': client, 'x-forwarded-proto': proto },
  });

  it('makes the cookie Secure for X-Forwarded-Proto: https from a trusted proxy only', async () => {
    const trusting = await instance({ TRUST_PROXY: '10.0.0.0/8' });
    const secure = await trusting.server.inject({ url: '/console/api/csrf', ...viaProxy('203.0.113.7') });
    expect(cookieOf(secure, 'tanya_console')).toMatch(/; Secure/);
    const plain = await trusting.server.inject({
      url: '/console/api/csrf',
      ...viaProxy('203.0.113.7', 'http'),
    });
    expect(cookieOf(plain, 'tanya_console')).not.toMatch(/Secure/);
    // The header from an address outside the list is not believed.
    const spoofed = await trusting.server.inject({
      url: '/console/api/csrf',
      remoteAddress: '192.0.2.9',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(cookieOf(spoofed, 'tanya_console')).not.toMatch(/Secure/);
    // Off by default: the header is ignored.
    const off = await instance();
    const ignored = await off.server.inject({ url: '/console/api/csrf', ...viaProxy('203.0.113.7') });
    expect(cookieOf(ignored, 'tanya_console')).not.toMatch(/Secure/);
  });

  it('makes the signed-in cookie Secure with a hop count too', async () => {
    const { app, server } = await instance({ TRUST_PROXY: '1' });
    await app.handoff.agents.add('budi', 'agent', PASSWORD);
    const session = await consoleSession(server, viaProxy('203.0.113.7'));
    const login = await session.login('budi', PASSWORD);
    expect(login.statusCode).toBe(200);
    expect(cookieOf(login, 'tanya_console')).toMatch(/; Secure/);
  });

  it('limits sign-ins per client address, not per proxy', async () => {
    const { app, server } = await instance({ TRUST_PROXY: '10.0.0.2' });
    await app.handoff.agents.add('budi', 'agent', PASSWORD);
    const attacker = viaProxy('203.0.113.66');
    const session = await consoleSession(server, attacker);
    const spray = await Promise.all(
      Array.from({ length: 30 }, (_, i) => session.login(`tamu${i}`, 'salah-sandi-nya')),
    );
    expect(count(spray, 401)).toBe(30);
    expect((await session.login('budi', PASSWORD)).statusCode).toBe(429);
    // Another client behind the same proxy signs in.
    expect((await session.login('budi', PASSWORD, viaProxy('203.0.113.7'))).statusCode).toBe(200);
  });
});

describe('console sessions end when the account changes', () => {
  it('signs an agent out after a new password, a role change, removal or re-creation', async () => {
    const { app, server } = await instance();
    const agents = app.handoff.agents;
    await agents.add('budi', 'agent', PASSWORD);

    let cookie = await signIn(server, 'budi');
    expect((await me(server, cookie)).json()).toEqual({ agent: 'budi', role: 'agent' });
    await agents.add('budi', 'agent', 'sandi-yang-baru-1');
    expect((await me(server, cookie)).statusCode).toBe(401);

    cookie = await signIn(server, 'budi', 'sandi-yang-baru-1');
    await agents.add('budi', 'supervisor', 'sandi-yang-baru-1');
    expect((await me(server, cookie)).statusCode).toBe(401);
    expect((await server.inject({ url: '/console/api/stats', headers: { cookie } })).statusCode).toBe(401);

    cookie = await signIn(server, 'budi', 'sandi-yang-baru-1');
    expect((await me(server, cookie)).json()).toEqual({ agent: 'budi', role: 'supervisor' });
    await agents.remove('budi');
    expect((await me(server, cookie)).statusCode).toBe(401);
    // Re-creating the name (same password) does not bring the old session back.
    await agents.add('budi', 'agent', 'sandi-yang-baru-1');
    expect((await me(server, cookie)).statusCode).toBe(401);
    const csrf = await server.inject({ url: '/console/api/csrf', headers: { cookie } });
    expect(csrf.json()).toMatchObject({ agent: null, role: null });
  });

  it('keeps other accounts signed in', async () => {
    const { app, server } = await instance();
    await app.handoff.agents.add('budi', 'agent', PASSWORD);
    await app.handoff.agents.add('sari', 'agent', PASSWORD);
    const budi = await signIn(server, 'budi');
    const sari = await signIn(server, 'sari');
    await app.handoff.agents.remove('budi');
    expect((await me(server, budi)).statusCode).toBe(401);
    expect((await me(server, sari)).statusCode).toBe(200);
  });

  describe('across instances', () => {
    const redis = useTestRedis();

    it('ends the session on every instance after `tanya agents remove`', async () => {
      const agentsFile = join(mkdtempSync(join(tmpdir(), 'tanya-login-agents-')), 'agents.json');
      const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'revoke:', AGENTS_FILE: agentsFile };
      const a = await instance(env);
      const b = await instance(env);
      await a.app.handoff.agents.add('dewi', 'supervisor', PASSWORD);
      const cookie = await signIn(a.server, 'dewi');
      expect((await me(b.server, cookie)).statusCode).toBe(200);
      const removed = spawnSync(
        process.execPath,
        [projectPath('bin', 'tanya.js'), 'agents', 'remove', 'dewi'],
        {
          encoding: 'utf8',
          env: { ...process.env, AGENTS_FILE: agentsFile, LOG_LEVEL: 'silent' },
        },
      );
      expect(removed.status, removed.stderr).toBe(0);
      expect((await me(a.server, cookie)).statusCode).toBe(401);
      expect((await me(b.server, cookie)).statusCode).toBe(401);
    }, 60_000);
  });
});

describe('password hashes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tanya-hashes-'));
  });

  it('replaces an old N=2^14 hash by an N=2^17 one at the next sign-in, keeping sessions', async () => {
    const agentsFile = join(dir, 'agents.json');
    const oldHash = await hashPassword(PASSWORD, { N: 2 ** 14, r: 8, p: 1 });
    writeFileSync(
      agentsFile,
      JSON.stringify({
        agents: [{ name: 'lama', role: 'agent', password: oldHash, createdAt: '2025-01-01T00:00:00.000Z' }],
      }),
      { mode: 0o600 },
    );
    // The production cost, not the tests' cheap one.
    const { server } = await instance({ AGENTS_FILE: agentsFile }, false);
    const cookie = await signIn(server, 'lama');
    const stored = JSON.parse(readFileSync(agentsFile, 'utf8')).agents[0];
    expect(stored.password).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, stored.password)).toBe(true);
    expect(stored.sessionGeneration).toBe('');
    // Same password, same generation: the session that caused the rehash stays valid.
    expect((await me(server, cookie)).statusCode).toBe(200);
    expect(await new AgentDirectory(agentsFile).authenticate('lama', PASSWORD)).toMatchObject({
      password: stored.password,
    });
  }, 30_000);

  it('leaves a hash at the current cost alone', async () => {
    const agentsFile = join(dir, 'current.json');
    const agents = new AgentDirectory(agentsFile, { cost: TEST_PASSWORD_COST });
    await agents.add('budi', 'agent', PASSWORD);
    const before = readFileSync(agentsFile, 'utf8');
    expect(await agents.authenticate('budi', PASSWORD)).toBeDefined();
    expect(readFileSync(agentsFile, 'utf8')).toBe(before);
  });
});
