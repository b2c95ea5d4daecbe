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

/** Opens the console at `base` and signs in as `name`, waiting until the console greets them. */
export async function signIn(page: Page, base: string, name: string, password = PASSWORD): Promise<void> {
  await page.goto(`${base}/console/`);
  await page.locator('body[data-ready="yes"]').waitFor();
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.locator('#whoami', { hasText: name }).waitFor();
}
