/**
 * Two instances of the app on one real Redis: they share the queue, the transcripts and the console
 * sign-ins; a user's message on one reaches the console of the other live (pub/sub); an agent on
 * one reaches the user connected to the other; a timeout swept by both is told to the user once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/server.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createLogger } from '../../src/log/logger.js';
import { isWebChannel } from '../../src/channels/web/routes.js';
import { ConsoleEvent } from '../../src/handoff/model.js';
import { CONSOLE_TOPIC } from '../../src/handoff/recorder.js';
import type { Outbound } from '../../src/engine/types.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { FakeClock } from '../helpers/clock.js';
import { MONDAY_10_WIB } from './harness.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';
import { webConversationId } from '../helpers/web.js';

const PASSWORD = 'kata-sandi-rahasia';

interface Instance {
  app: App;
  server: FastifyInstance;
}

let redis: TestRedis;
let a: Instance;
let b: Instance;
const clock = new FakeClock(MONDAY_10_WIB);

function cookieOf(response: LightMyRequestResponse, name: string): string {
  const header = response.headers['set-cookie'];
  const found = [header].flat().find((value) => value?.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie`);
  return found.split(';')[0] as string;
}

async function instance(agentsFile: string): Promise<Instance> {
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-instance-')),
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'two:',
    AGENTS_FILE: agentsFile,
    HANDOFF_TIMEOUT_MINUTES: '30',
  });
  const app = await createApp(config, createLogger('silent'), {
    clock: clock.now,
    passwordCost: TEST_PASSWORD_COST,
  });
  const server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
  return { app, server };
}

/** Resolves with the first value `subscribe` delivers that `accept` takes. */
function nextEvent<T>(
  subscribe: (handler: (value: T) => void) => () => void,
  accept: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const stop = subscribe((value) => {
      if (!accept(value)) return;
      stop();
      resolve(value);
    });
  });
}

async function webUser(on: Instance) {
  const cookie = cookieOf(await on.server.inject('/web/session'), 'tanya_web');
  const conversationId = webConversationId(on.app, cookie);
  return {
    conversationId,
    key: `web:${conversationId}`,
    send: async (text: string) =>
      (
        await on.server.inject({
          method: 'POST',
          url: '/web/messages',
          headers: { cookie },
          payload: { text },
        })
      ).json() as {
        replies: Outbound[];
      },
  };
}

function pushesTo(on: Instance, conversationId: string) {
  const web = on.app.channels.get('web');
  if (!isWebChannel(web)) throw new Error('no web channel');
  return (handler: (outbounds: Outbound[]) => void) => web.listen(conversationId, handler);
}

beforeAll(async () => {
  redis = await startRedis();
  const agentsFile = join(mkdtempSync(join(tmpdir(), 'tanya-agents-')), 'agents.json');
  a = await instance(agentsFile);
  b = await instance(agentsFile);
  await a.app.handoff.agents.add('budi', 'agent', PASSWORD);
});

afterAll(async () => {
  for (const one of [a, b]) {
    await one?.server.close();
    await one?.app.close();
  }
  await redis?.stop();
});

describe('two instances on one Redis', () => {
  it('share the queue, the console sign-in, live events and delivery to the user', async () => {
    const first = await webUser(a);
    const second = await webUser(b);
    expect((await first.send('agen')).replies[0]).toMatchObject({ text: expect.stringContaining('nomor 1') });
    clock.advance(1000);
    expect((await second.send('agen')).replies[0]).toMatchObject({
      text: expect.stringContaining('nomor 2'),
    });

    // Sign in on B; the same cookie works on A (console sessions live in Redis).
    const csrf = await b.server.inject('/console/api/csrf');
    const login = await b.server.inject({
      method: 'POST',
      url: '/console/api/login',
      headers: { cookie: cookieOf(csrf, 'tanya_console'), 'x-csrf-token': csrf.json().token },
      payload: { name: 'budi', password: PASSWORD },
    });
    const cookie = cookieOf(login, 'tanya_console');
    const token = login.json().token as string;
    expect((await a.server.inject({ url: '/console/api/me', headers: { cookie } })).json()).toEqual({
      agent: 'budi',
      role: 'agent',
    });
    const waiting = await b.server.inject({ url: '/console/api/queue', headers: { cookie } });
    expect(waiting.json().entries.map((entry: { key: string }) => entry.key)).toEqual([
      first.key,
      second.key,
    ]);

    // The first user writes on A; B's console hears it.
    const heard = nextEvent<unknown>(
      (handler) => b.app.handoff.hub.subscribe(CONSOLE_TOPIC, handler),
      (data) => ConsoleEvent.parse(data).lines.some(({ line }) => line.text === 'halo, saya tunggu ya'),
    );
    expect((await first.send('halo, saya tunggu ya')).replies).toEqual([]);
    expect(ConsoleEvent.parse(await heard).key).toBe(first.key);

    // The agent on B takes and replies; the user connected to A gets both.
    const joined = nextEvent<Outbound[]>(pushesTo(a, first.conversationId), (outbounds) =>
      outbounds.some((o) => 'text' in o && o.text.includes('terhubung dengan petugas *budi*')),
    );
    const post = (path: string, payload?: object) =>
      b.server.inject({
        method: 'POST',
        url: `/console/api/conversations/${encodeURIComponent(first.key)}/${path}`,
        headers: { cookie, 'x-csrf-token': token },
        ...(payload ? { payload } : {}),
      });
    expect((await post('take')).json()).toMatchObject({ ok: true, agent: 'budi' });
    await joined;
    const answered = nextEvent<Outbound[]>(pushesTo(a, first.conversationId), (outbounds) =>
      outbounds.some((o) => 'text' in o && o.text === 'Baik, saya bantu cek.'),
    );
    expect((await post('messages', { text: 'Baik, saya bantu cek.' })).statusCode).toBe(200);
    await answered;

    // Both instances see the same transcript.
    const onA = await a.app.handoff.transcripts.list(first.key);
    const onB = await b.app.handoff.transcripts.list(first.key);
    expect(onA).toEqual(onB);
    expect(onA.lines.at(-1)).toMatchObject({ from: 'agent', text: 'Baik, saya bantu cek.' });
    expect((await a.app.handoff.index.recentWaits()).length).toBe(1);
  });

  it('a timeout swept by both instances reaches the user once', async () => {
    const waiting = (await a.app.handoff.index.list()).filter((entry) => entry.state === 'queued');
    expect(waiting).toHaveLength(1);
    const key = waiting[0]?.key as string;
    clock.advance(31 * 60_000);
    const results = await Promise.all([a.app.handoff.sweeper.sweep(), b.app.handoff.sweeper.sweep()]);
    expect(results.reduce((sum, result) => sum + result.timedOut, 0)).toBeGreaterThanOrEqual(1);
    const { lines } = await b.app.handoff.transcripts.list(key);
    expect(lines.filter((line) => line.from === 'system' && line.text === 'timeout')).toHaveLength(1);
    expect(lines.filter((line) => line.text?.includes('belum ada petugas yang bisa membalas'))).toHaveLength(
      1,
    );
    expect((await a.app.engine.session(key))?.handoff).toMatchObject({ state: 'bot', offer: 'callback' });
    expect(await b.app.handoff.index.get(key)).toBeUndefined();
  });
});
