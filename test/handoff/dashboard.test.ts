/**
 * The supervisor dashboard's data over HTTP, fed by real conversations through the engine (the
 * turn observer counts conversations, funnel steps and handoff requests; the FAQ dialog counts its
 * outcomes and unanswered questions): supervisors only, typed answers, masked questions.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import {
  ConversationsData,
  DASHBOARD_API_ROUTES,
  FaqData,
  FunnelsData,
  HandoffData,
  UnansweredData,
} from '../../src/handoff/console/dashboard.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import type { Inbound } from '../../src/engine/types.js';
import { FakeClock } from '../helpers/clock.js';
import { RecordingChannel } from '../helpers/recording-channel.js';
import { PASSWORD, signIn, type ConsoleSignIn } from './console-client.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';

type Body = { kind: 'text'; text: string } | { kind: 'choice'; choiceId: string };

/** Sunday 22 November 2026, 10:00 in Jakarta. */
const SUNDAY_10_WIB = '2026-11-22T03:00:00.000Z';
const NIK = '3175024506900001';

let app: App;
let server: FastifyInstance;
let clock: FakeClock;
let boss: ConsoleSignIn;
let agent: ConsoleSignIn;
let messages = 0;

async function say(channel: string, user: string, ...bodies: Array<Body | string>): Promise<void> {
  for (const body of bodies) {
    const inbound = {
      id: `m-${++messages}`,
      address: { channel, conversationId: user, userId: user },
      ...(typeof body === 'string' ? { kind: 'text', text: body } : body),
    } as Inbound;
    await app.engine.process(inbound);
  }
}

const choose = (choiceId: string): Body => ({ kind: 'choice', choiceId });

async function get(path: string, as: ConsoleSignIn = boss) {
  return server.inject({ url: `/console/api/dashboard/${path}`, headers: { cookie: as.cookie } });
}

beforeAll(async () => {
  clock = new FakeClock(SUNDAY_10_WIB);
  app = await createApp(
    loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-dashboard-')), OFFICE_HOURS: 'always' }),
    createLogger('silent'),
    { clock: clock.now, passwordCost: TEST_PASSWORD_COST },
  );
  app.channels.register(new RecordingChannel('rec'));
  await app.handoff.agents.add('budi', 'agent', PASSWORD);
  await app.handoff.agents.add('ketua', 'supervisor', PASSWORD);

  // Sunday: one conversation.
  await say('rec', 'r0', 'halo');
  clock.advance(24 * 3600_000);
  // Monday: two registrations begun (one reaches the NIK), a claim begun on another channel…
  await say('rec', 'r1', choose('start:bpu-registration'), '1', 'ya');
  await say('rec', 'r2', choose('start:bpu-registration'));
  await say('cli', 'c1', choose('start:claim'), '1');
  // …a FAQ answer, then two questions it cannot answer (after the second the user takes the agent)…
  await say(
    'rec',
    'r3',
    'bagaimana cara klaim jht',
    `qwerty plorkt ${NIK} wibble`,
    'zork blarg 0812-3456-7890 fnord',
    choose('handoff:request:fallbacks'),
  );
  // …and a user asking for an agent, taken five minutes later.
  await say('rec', 'r4', 'agen');
  clock.advance(5 * 60_000);
  expect((await app.handoff.service.take('rec:r4', 'budi')).ok).toBe(true);

  server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
  boss = await signIn(server, 'ketua');
  agent = await signIn(server, 'budi');
});

afterAll(async () => {
  await server.close();
  await app.close();
});

describe('supervisor dashboard data', () => {
  for (const route of DASHBOARD_API_ROUTES) {
    it(`${route.url} is for supervisors only (403 for agents)`, async () => {
      const response = await server.inject({ url: route.url, headers: { cookie: agent.cookie } });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual({ error: 'supervisors only' });
      expect((await server.inject({ url: route.url, headers: { cookie: boss.cookie } })).statusCode).toBe(
        200,
      );
    });
  }

  it('validates the range', async () => {
    expect((await get('conversations?days=0')).statusCode).toBe(400);
    expect((await get('faq?days=99')).statusCode).toBe(400);
    expect((await get('unanswered?limit=x')).statusCode).toBe(400);
  });

  it('counts distinct conversations per channel per day (office time zone)', async () => {
    const data = ConversationsData.parse((await get('conversations?days=3')).json());
    expect(data.days).toEqual(['2026-11-21', '2026-11-22', '2026-11-23']);
    expect(data.channels).toEqual([
      { channel: 'cli', counts: [0, 0, 1] },
      { channel: 'rec', counts: [0, 1, 4] },
    ]);
    expect(data.totals).toEqual([0, 1, 5]);
  });

  it('counts FAQ outcomes and lists unanswered questions without their numbers', async () => {
    const faq = FaqData.parse((await get('faq?days=2')).json());
    expect(faq.answer).toEqual([0, 1]);
    expect(faq.fallback).toEqual([0, 2]);
    expect(faq.totals).toEqual({ asked: 3, answer: 1, clarify: 0, fallback: 2 });
    expect(faq.rates.answer).toBeCloseTo(1 / 3);
    expect(faq.rates.fallback).toBeCloseTo(2 / 3);

    const response = await get('unanswered');
    const unanswered = UnansweredData.parse(response.json());
    expect(unanswered.questions).toEqual([
      { question: 'qwerty plorkt # wibble', count: 1 },
      { question: 'zork blarg # fnord', count: 1 },
    ]);
    expect(response.body).not.toMatch(/\d{4}/);
  });

  it('reports handoff requests per conversation and the measured queue waits', async () => {
    const data = HandoffData.parse((await get('handoff?days=2')).json());
    expect(data.requests).toEqual([0, 2]);
    expect(data.conversations).toEqual([1, 5]);
    expect(data.rates).toEqual([0, 0.4]);
    expect(data.rate).toBeCloseTo(2 / 6);
    expect(data.waits).toEqual([{ at: expect.any(String), minutes: 5 }]);
    expect(data.medianWaitMinutes).toBe(5);
    // The FAQ's handoff (r3) still waits; r4 is with an agent.
    expect(data.queue).toEqual([{ state: 'queued', minutes: 5 }]);
  });

  it('draws the registration and claim funnels from the steps conversations reached', async () => {
    const data = FunnelsData.parse((await get('funnels?days=7')).json());
    const registration = data.funnels.find((funnel) => funnel.dialog === 'bpu-registration');
    const steps = Object.fromEntries(registration?.steps.map((s) => [s.step, s.count]) ?? []);
    expect(registration?.steps.slice(0, 2).map((s) => s.step)).toEqual(['mode', 'consent']);
    expect(steps).toMatchObject({ mode: 2, consent: 1, nik: 1, name: 0, confirm: 0 });
    const claim = data.funnels.find((funnel) => funnel.dialog === 'claim');
    expect(claim?.steps[0]).toEqual({ step: 'reason', count: 1 });
    expect(claim?.steps[1]).toEqual({ step: 'exit_date', count: 1 });
    expect(claim?.steps.find((s) => s.step === 'confirm')).toEqual({ step: 'confirm', count: 0 });
  });

  it('serves the dashboard page with the strict CSP; its data stays behind sign-in', async () => {
    for (const url of ['/console/dashboard', '/console/dashboard.js', '/console/backoffice.css']) {
      const page = await server.inject(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    }
    expect((await server.inject('/console/api/dashboard/funnels')).statusCode).toBe(401);
  });
});
