/**
 * WhatsApp pairing in the console over HTTP (fastify inject, the real app in memory): supervisors
 * only, `enabled: false` without the channel, and with a (fake) WhatsApp channel registered its
 * status, pairing code and the QR as SVG; each QR shown is audited once per supervisor.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { qrSvg } from '../../src/channels/whatsapp/qr-svg.js';
import { loadConfig } from '../../src/config.js';
import { CONSOLE_API_ROUTES } from '../../src/handoff/console/routes.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { anonymous, PASSWORD, signIn, type ConsoleSignIn } from './console-client.js';
import { TEST_PASSWORD_COST } from '../helpers/passwords.js';

const URL = '/console/api/whatsapp';
const QR = '2@pairingRef==,bm9pc2VLZXk=,aWRlbnRpdHlLZXk=,YWR2U2VjcmV0';

/** Stands in for the WhatsApp channel: what the console reads from it. */
const fake = {
  name: 'whatsapp',
  status: 'pairing',
  qr: QR as string | undefined,
  code: undefined as string | undefined,
  currentQr() {
    return this.qr;
  },
  currentPairingCode() {
    return this.code;
  },
  async send() {},
};

let app: App;
let server: FastifyInstance;
let dataDir: string;
let budi: ConsoleSignIn;
let ketua: ConsoleSignIn;

const get = (as?: ConsoleSignIn) =>
  server.inject({ method: 'GET', url: URL, ...(as ? { headers: { cookie: as.cookie } } : {}) });

const audited = () =>
  (existsSync(join(dataDir, 'audit.log')) ? readFileSync(join(dataDir, 'audit.log'), 'utf8') : '')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { agent: string; action: string; detail?: { kind?: string } })
    .filter((line) => line.action === 'whatsapp_pairing_shown');
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tanya-console-wa-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, OFFICE_HOURS: 'always' }), createLogger('silent'), {
    passwordCost: TEST_PASSWORD_COST,
  });
  await app.handoff.agents.add('budi', 'agent', PASSWORD);
  await app.handoff.agents.add('ketua', 'supervisor', PASSWORD);
  server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
  budi = await signIn(server, 'budi');
  ketua = await signIn(server, 'ketua');
});

afterAll(async () => {
  await server.close();
  await app.close();
});

describe('GET /console/api/whatsapp', () => {
  it('is a declared supervisor route (so the route-by-route 401 test covers it)', () => {
    expect(CONSOLE_API_ROUTES).toContainEqual({ method: 'GET', url: URL, access: 'supervisor' });
  });

  it('answers 401 without a signed-in agent', async () => {
    expect((await get()).statusCode).toBe(401);
    expect((await get(await anonymous(server))).statusCode).toBe(401);
  });

  it('answers 403 to a plain agent', async () => {
    const response = await get(budi);
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('<svg');
  });

  it('says WhatsApp is off when the channel does not run here', async () => {
    const response = await get(ketua);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ enabled: false, status: null, pairingCode: null, qrSvg: null });
  });

  describe('with the WhatsApp channel registered', () => {
    beforeAll(() => {
      app.channels.register(fake);
    });

    it('gives the status and the QR as our SVG while pairing, audited once', async () => {
      const first = await get(ketua);
      expect(first.statusCode).toBe(200);
      const body = first.json();
      expect(body).toEqual({ enabled: true, status: 'pairing', pairingCode: null, qrSvg: qrSvg(QR) });
      expect(body.qrSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /);
      expect(body.qrSvg).not.toContain(QR);
      await get(ketua); // polling the same QR again
      await vi.waitFor(() =>
        expect(audited()).toEqual([expect.objectContaining({ agent: 'ketua', detail: { kind: 'qr' } })]),
      );
    });

    it('gives the pairing code instead of the QR when pairing by code', async () => {
      fake.code = 'ABCD-1234';
      const body = (await get(ketua)).json();
      expect(body).toEqual({ enabled: true, status: 'pairing', pairingCode: 'ABCD-1234', qrSvg: null });
      await vi.waitFor(() => expect(audited().map((line) => line.detail?.kind)).toEqual(['qr', 'code']));
    });

    it('reports logged out and connected without a QR', async () => {
      fake.code = undefined;
      fake.qr = undefined;
      fake.status = 'logged_out';
      expect((await get(ketua)).json()).toEqual({
        enabled: true,
        status: 'logged_out',
        pairingCode: null,
        qrSvg: null,
      });
      fake.status = 'open';
      expect((await get(ketua)).json()).toMatchObject({ status: 'open', qrSvg: null });
    });

    it('still refuses plain agents', async () => {
      expect((await get(budi)).statusCode).toBe(403);
    });
  });
});

describe('the WhatsApp page', () => {
  it('is served with the console CSP (data: images allowed for the QR)', async () => {
    for (const url of ['/console/whatsapp', '/console/whatsapp.html']) {
      const page = await server.inject(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('/console/whatsapp.js');
      expect(page.headers['content-security-policy']).toContain("img-src 'self' data:");
    }
    const script = await server.inject('/console/whatsapp.js');
    expect(script.statusCode).toBe(200);
    expect(script.body).not.toContain('innerHTML');
    expect(script.body).toContain('data:image/svg+xml;base64,');
  });

  it('has its strings in both languages', () => {
    const strings = (lang: string) =>
      JSON.parse(readFileSync(join('locales', lang, 'agentconsole.json'), 'utf8')) as Record<string, string>;
    const keys = (lang: string) => Object.keys(strings(lang)).filter((key) => /whatsapp/.test(key));
    expect(keys('id').sort()).toEqual(keys('en').sort());
    expect(keys('en')).toContain('whatsapp_logged_out_alert');
  });
});
