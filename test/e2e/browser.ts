/**
 * Shared setup for the end-to-end tests in real headless Chromium (playwright-core driving
 * /usr/bin/chromium): the browser launch, the HTTP server with the console and web chat, dialog
 * trapping and the console sign-in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { projectPath } from '../../src/paths.js';

export const CHROMIUM = '/usr/bin/chromium';
export const PASSWORD = 'kata-sandi-rahasia';
export const XSS = '<img src=x onerror=alert(1)>';

/**
 * Where screenshots go. The README's screenshots are refreshed only on request
 * (UPDATE_SCREENSHOTS=1 npx vitest run test/e2e), so an ordinary test run leaves the work tree unchanged.
 */
export function screenshotsDir(): string {
  return process.env.UPDATE_SCREENSHOTS
    ? projectPath('docs', 'screenshots')
    : mkdtempSync(join(tmpdir(), 'tanya-screens-'));
}

/** Serves the app with the console and web chat on a free local port. */
export async function startServer(app: App): Promise<{ server: FastifyInstance; base: string }> {
  const server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, base };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** Fails the test if the page ever opens a JavaScript dialog (an executed alert()). */
export function forbidDialogs(page: Page, alerts: string[]): void {
  page.on('dialog', (dialog) => {
    alerts.push(dialog.message());
    void dialog.dismiss();
  });
}

/**
 * Asserts what a person sees: for each selector, `true` = rendered with a box of non-zero size,
 * `false` = not rendered at all (so the `hidden` attribute must win over the page's display rules).
 */
export async function expectVisible(page: Page, expected: Record<string, boolean>): Promise<void> {
  const seen: Record<string, boolean> = {};
  for (const selector of Object.keys(expected)) {
    const element = page.locator(selector);
    const box = await element.boundingBox();
    seen[selector] = (await element.isVisible()) && box !== null && box.width > 0 && box.height > 0;
  }
  expect(seen).toEqual(expected);
}

/** The agent console signed out: only the sign-in card. */
export const SIGNED_OUT = { '#login': true, '#login-form': true, '#app': false, '#logout': false };
/** The agent console signed in: only the app (with its Sign-out button). */
export const SIGNED_IN = { '#login': false, '#login-form': false, '#app': true, '#logout': true };

/**
 * Opens the console at `base` and signs in as `name`, waiting until the console greets them; checks
 * that only the sign-in card shows before, and only the console after.
 */
export async function signIn(page: Page, base: string, name: string, password = PASSWORD): Promise<void> {
  await page.goto(`${base}/console/`);
  await page.locator('body[data-ready="yes"]').waitFor();
  await expectVisible(page, SIGNED_OUT);
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.locator('#whoami', { hasText: name }).waitFor();
  await expectVisible(page, SIGNED_IN);
}
