/**
 * End to end in real headless Chromium (playwright-core driving /usr/bin/chromium): a user in the web
 * chat asks for an agent; an agent signs in to the console, takes the conversation, sees the
 * transcript (with an `<img onerror>` rendered as text), replies; the user sees the reply; the agent
 * closes and the bot greets the user again. Screenshots go to docs/screenshots/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log/logger.js';
import {
  PASSWORD,
  SIGNED_IN,
  SIGNED_OUT,
  XSS,
  expectVisible,
  forbidDialogs,
  launchChromium,
  screenshotsDir,
  startServer,
} from './browser.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';

// The README's screenshots are refreshed only on request (UPDATE_SCREENSHOTS=1 npx vitest run test/e2e),
// so an ordinary test run leaves the work tree unchanged.
const SCREENSHOTS = screenshotsDir();

let app: App;
let server: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await createApp(
    loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-e2e-')), OFFICE_HOURS: 'always' }),
    createLogger('silent'),
    { passwordCost: TEST_PASSWORD_COST },
  );
  await app.handoff.agents.add('budi', 'agent', PASSWORD);
  ({ server, base } = await startServer(app));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

describe('web chat and agent console in Chromium', () => {
  it('hands a web chat user to an agent and back, rendering user input as text', async () => {
    const alerts: string[] = [];
    const userContext = await browser.newContext({
      locale: 'id-ID',
      viewport: { width: 440, height: 760 },
      geolocation: { latitude: -6.2297, longitude: 106.8295 },
      permissions: ['geolocation'],
    });
    const agentContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1200, height: 720 },
    });
    const user = await userContext.newPage();
    const agent = await agentContext.newPage();
    forbidDialogs(user, alerts);
    forbidDialogs(agent, alerts);

    // The user greets the bot and asks for an agent.
    await user.goto(`${base}/`);
    await user.locator('body[data-ready="yes"]').waitFor();
    await user.fill('#text', 'halo');
    await user.click('#send');
    await user.locator('.msg.bot', { hasText: 'Saya Tanya' }).first().waitFor();
    await user.fill('#text', 'agen');
    await user.click('#send');
    await user.locator('.msg.bot', { hasText: 'Posisi Anda: nomor 1' }).waitFor();

    // While waiting: a hostile-looking text, a location and a file go to the agent, not the bot.
    await user.fill('#text', XSS);
    await user.click('#send');
    await user.locator('.msg.user', { hasText: XSS }).waitFor();
    await user.click('#location');
    await user.locator('.msg.user', { hasText: 'Lokasi dikirim' }).waitFor();
    await user.setInputFiles('#file-input', {
      name: 'kartu-peserta.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 kartu peserta'),
    });
    await user.locator('.msg.user', { hasText: 'kartu-peserta.pdf' }).waitFor();
    expect(await user.locator('#messages img').count()).toBe(0);

    // The agent signs in, sees the request arrive and takes it.
    await agent.goto(`${base}/console/`);
    await agent.locator('body[data-ready="yes"]').waitFor();
    // Signed out, only the sign-in card shows (no console, no Sign-out button under it).
    await expectVisible(agent, SIGNED_OUT);
    await agent.fill('#login-name', 'budi');
    await agent.fill('#login-password', 'wrong-password-1');
    await agent.click('#login-submit');
    await agent.locator('#login-error', { hasText: 'Wrong name or password' }).waitFor();
    await expectVisible(agent, SIGNED_OUT);
    await agent.fill('#login-password', PASSWORD);
    await agent.click('#login-submit');
    await agent.locator('#whoami', { hasText: 'budi' }).waitFor();
    // Signed in, only the console shows: the sign-in card is gone, not left above it.
    await expectVisible(agent, SIGNED_IN);
    const topbar = await agent.locator('.topbar').boundingBox();
    expect(topbar?.y).toBe(0);
    await agent.locator('#queue-list li[data-key]').first().click();
    await agent.locator('#transcript .line.user', { hasText: 'agen' }).waitFor();
    await agent.click('#take');
    await agent.locator('#conv-title', { hasText: 'with an agent · budi' }).waitFor();

    // The transcript shows the user's input literally: no element is created from it.
    const hostile = agent.locator('#transcript .line.user', { hasText: XSS });
    await hostile.waitFor();
    expect(await hostile.locator('.text').textContent()).toBe(XSS);
    expect(await agent.locator('#transcript img').count()).toBe(0);
    const map = agent.locator('#transcript .line.user a', { hasText: 'open map' });
    expect(await map.getAttribute('href')).toBe(
      'https://www.google.com/maps/search/?api=1&query=-6.2297,106.8295',
    );
    expect(
      await agent
        .locator('#transcript .line.user', { hasText: 'kartu-peserta.pdf' })
        .locator('a')
        .getAttribute('href'),
    ).toMatch(/^\/console\/api\/conversations\/web%3A[\w-]+\/files\/\d+$/);
    await agent.locator('#context', { hasText: 'web' }).waitFor();

    // The agent replies (a canned reply, edited); the user sees it live.
    await agent.selectOption('#canned', { index: 1 });
    await agent.fill('#reply-text', 'Halo, saya Budi dari BPJAMSOSTEK. <b>Ada</b> yang bisa dibantu?');
    await agent.click('#reply-send');
    await agent.locator('#transcript .line.agent', { hasText: 'saya Budi' }).waitFor();
    const reply = user.locator('.msg', { hasText: 'saya Budi dari BPJAMSOSTEK' });
    await reply.waitFor();
    expect(await reply.textContent()).toContain('<b>Ada</b>');
    await user.locator('.msg', { hasText: 'terhubung dengan petugas' }).waitFor();

    await agent.click('.tabs button[data-view="mine"]');
    await agent.locator('#queue-list li[data-key]', { hasText: 'budi' }).waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await agent.screenshot({ path: join(SCREENSHOTS, 'console.png') });
    await user.screenshot({ path: join(SCREENSHOTS, 'webchat.png') });

    // The agent ends the conversation; the bot greets the user again.
    await agent.click('#close');
    await user.locator('.msg', { hasText: 'telah mengakhiri percakapan' }).waitFor();
    await user.locator('.msg', { hasText: 'Saya Tanya' }).nth(1).waitFor();
    await user.fill('#text', 'menu');
    await user.click('#send');
    await user.locator('.msg.bot', { hasText: 'Saya Tanya' }).nth(1).waitFor();
    await agent.locator('#queue-list', { hasText: 'No conversations.' }).waitFor();

    // Signing out brings back the sign-in card alone.
    await agent.click('#logout');
    await agent.locator('#login').waitFor({ state: 'visible' });
    await expectVisible(agent, SIGNED_OUT);

    expect(alerts).toEqual([]);
    await userContext.close();
    await agentContext.close();
  }, 90_000);
});
