/**
 * End to end in real headless Chromium (playwright-core driving /usr/bin/chromium): a week of
 * conversations runs through the engine (registrations and claims begun, FAQ answers and fallbacks,
 * requests for an agent taken after a wait); a supervisor signs in to the console, opens the
 * dashboard and sees its SVG charts; an agent is refused the dashboard; the back office shows a claim
 * masked, with a hostile-looking name rendered as text, and moves it on. Screenshots
 * (docs/screenshots/dashboard.png, claims.png) are written only with UPDATE_SCREENSHOTS=1.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Inbound } from '../../src/engine/types.js';
import { createLogger } from '../../src/log/logger.js';
import { FakeClock } from '../helpers/clock.js';
import { NIK_MAKASSAR, sampleClaim } from '../helpers/claims.js';
import { RecordingChannel } from '../helpers/recording-channel.js';
import {
  PASSWORD,
  XSS,
  expectVisible,
  forbidDialogs,
  launchChromium,
  screenshotsDir,
  signIn as signInAt,
  startServer,
} from './browser.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';

const SCREENSHOTS = screenshotsDir();
/** Seven days of traffic, the last one being Monday 23 November 2026 (09:00 WIB at the start). */
const FIRST_DAY_09_WIB = '2026-11-17T02:00:00.000Z';
const UNANSWERED = ['harga emas hari ini', 'promo tiket kereta lebaran', 'kapan gajian pns bulan ini'];

let app: App;
let server: FastifyInstance;
let browser: Browser;
let base: string;
let clock: FakeClock;
let messages = 0;
let users = 0;

type Body = string | { kind: 'choice'; choiceId: string };

async function conversation(channel: string, ...bodies: Body[]): Promise<string> {
  const user = `u${++users}`;
  for (const body of bodies) {
    const inbound = {
      id: `m-${++messages}`,
      address: { channel, conversationId: user, userId: user },
      ...(typeof body === 'string' ? { kind: 'text', text: body } : body),
    } as Inbound;
    await app.engine.process(inbound);
    clock.advance(20_000);
  }
  return `${channel}:${user}`;
}
const choose = (choiceId: string): Body => ({ kind: 'choice', choiceId });

/** A day of traffic; `day` (0-6) varies the volumes. */
async function trafficOfDay(day: number): Promise<void> {
  for (let i = 0; i < 2 + (day % 3); i++) await conversation('whatsapp', 'cara cek saldo jht');
  for (let i = 0; i < 1 + (day % 2); i++) await conversation('telegram', 'berapa iuran bpu');
  await conversation('web', 'syarat klaim jkp');
  await conversation(
    'whatsapp',
    choose('start:bpu-registration'),
    '1',
    'ya',
    ...(day % 2 ? [] : ['3171014101900001']),
  );
  if (day % 3 === 0) await conversation('telegram', choose('start:bpu-registration'));
  await conversation('whatsapp', choose('start:claim'), '1', ...(day % 2 ? ['1 oktober 2026'] : []));
  await conversation('web', UNANSWERED[day % UNANSWERED.length] as string);
  if (day % 2 === 0) {
    const key = await conversation('whatsapp', 'agen');
    clock.advance((3 + day * 2) * 60_000);
    await app.handoff.service.take(key, 'budi');
  }
}

beforeAll(async () => {
  clock = new FakeClock(FIRST_DAY_09_WIB);
  app = await createApp(
    loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-e2e-dash-')), OFFICE_HOURS: 'always' }),
    createLogger('silent'),
    { clock: clock.now, passwordCost: TEST_PASSWORD_COST },
  );
  app.channels.register(new RecordingChannel('whatsapp')).register(new RecordingChannel('telegram'));
  await app.handoff.agents.add('budi', 'agent', PASSWORD);
  await app.handoff.agents.add('ketua', 'supervisor', PASSWORD);
  for (let day = 0; day < 7; day++) {
    await trafficOfDay(day);
    if (day < 6)
      clock.advance(24 * 3600_000 - ((clock.millis() - Date.parse(FIRST_DAY_09_WIB)) % (24 * 3600_000)));
  }
  const member = { channel: 'whatsapp', conversationId: 'anggota', userId: 'anggota' };
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(32),
  ]);
  const ktp = await app.services.documents.save(png, { conversation: member, type: 'ktp' });
  await app.records.create(
    sampleClaim(member, {
      name: XSS,
      documents: [{ type: 'ktp', ...ktp }],
      bank: { bank: 'BRI', account: '0123456789', holder: XSS },
    }),
    clock.now(),
  );
  ({ server, base } = await startServer(app));
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

const signIn = (page: Page, name: string): Promise<void> => signInAt(page, base, name);

describe('supervisor dashboard and back office in Chromium', () => {
  it('draws the dashboard for a supervisor, refuses it to an agent, and moves a claim on', async () => {
    const alerts: string[] = [];
    mkdirSync(SCREENSHOTS, { recursive: true });
    const bossContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const boss = await bossContext.newPage();
    forbidDialogs(boss, alerts);

    await signIn(boss, 'ketua');
    await boss.click('#nav-dashboard');
    await boss.locator('body[data-charts="yes"]').waitFor();
    await expectVisible(boss, { '#app': true, '#signed-out': false, '#forbidden': false });
    for (const chart of [
      'conversations',
      'faq',
      'unanswered',
      'handoff',
      'waits',
      'funnel-bpu-registration',
      'funnel-claim',
    ]) {
      const bars = boss.locator(`#chart-${chart} svg rect.bo-bar`);
      expect(await bars.count(), chart).toBeGreaterThan(0);
    }
    // One bar per channel per day with traffic (stacked), seven days.
    expect(await boss.locator('#chart-conversations svg rect.bo-bar').count()).toBeGreaterThanOrEqual(7 * 3);
    await boss.locator('#chart-unanswered svg text', { hasText: UNANSWERED[0] as string }).waitFor();
    expect(await boss.locator('#chart-funnel-claim svg text', { hasText: 'exit_date' }).count()).toBe(1);
    await boss.locator('#tile-conversations .bo-tile-value').waitFor();
    expect(await boss.locator('.bo-legend li', { hasText: 'whatsapp' }).count()).toBe(1);
    await boss.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

    // Another period redraws from the API.
    await boss.selectOption('#range', '7');
    await boss.locator('#chart-conversations svg').waitFor();

    // The back office: the claim is masked, its hostile-looking name is text, its status moves on.
    await boss.goto(`${base}/console/claims`);
    await boss.locator('body[data-ready="yes"]').waitFor();
    await boss.selectOption('#filter-type', 'claim');
    await boss.locator('#records tr[data-id]').first().click();
    await boss.locator('#detail-data dd', { hasText: `************${NIK_MAKASSAR.slice(-4)}` }).waitFor();
    expect(await boss.locator('#detail-data dd', { hasText: XSS }).count()).toBe(2);
    expect(await boss.locator('#detail img').count()).toBe(0);
    expect(await boss.content()).not.toContain(NIK_MAKASSAR);
    expect(await boss.locator('#detail-documents a').first().getAttribute('href')).toMatch(
      /^\/console\/api\/records\/LA-\d{8}-[0-9A-Z]{6}\/documents\/[0-9a-f]{32}$/,
    );
    await boss.selectOption('#status-to', 'needs_documents');
    await boss.locator('#status-note-label', { hasText: 'required' }).waitFor();
    await boss.click('#status-submit');
    await boss.locator('#status-error', { hasText: 'Write a note' }).waitFor();
    await boss.selectOption('#status-to', 'verifying');
    await boss.click('#status-submit');
    await boss.locator('#status-result', { hasText: 'submitted → verifying' }).waitFor();
    await boss.locator('#detail-history li', { hasText: 'ketua' }).waitFor();
    await boss.screenshot({ path: join(SCREENSHOTS, 'claims.png') });
    expect((await app.services.outbox.pending()).map((n) => n.topic)).toEqual([
      expect.stringMatching(/^claim:LA-.*:verifying$/),
    ]);

    // An agent gets the console and the back office, not the dashboard.
    const agentContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1000, height: 700 },
    });
    const agent = await agentContext.newPage();
    forbidDialogs(agent, alerts);
    await signIn(agent, 'budi');
    expect(await agent.locator('#nav-dashboard').isHidden()).toBe(true);
    await agent.goto(`${base}/console/dashboard`);
    await agent.locator('body[data-ready="yes"]').waitFor();
    await agent.locator('#forbidden', { hasText: 'supervisors only' }).waitFor();
    await expectVisible(agent, { '#forbidden': true, '#signed-out': false, '#app': false });

    // Signed out, each back-office page shows only its "signed out" notice.
    const strangerContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1000, height: 700 },
    });
    const stranger = await strangerContext.newPage();
    forbidDialogs(stranger, alerts);
    for (const path of ['dashboard', 'claims', 'whatsapp']) {
      await stranger.goto(`${base}/console/${path}`);
      await stranger.locator('#signed-out').waitFor({ state: 'visible' });
      await expectVisible(stranger, { '#signed-out': true, '#forbidden': false, '#app': false });
    }
    await strangerContext.close();

    expect(alerts).toEqual([]);
    await bossContext.close();
    await agentContext.close();
  }, 120_000);
});
