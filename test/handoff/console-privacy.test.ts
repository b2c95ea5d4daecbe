/**
 * What an agent's browser gets from a conversation (issue 16), over HTTP (fastify inject, the real
 * app in memory) from a web chat user to a signed-in agent: files from the transcript are served as
 * attachments typed by their bytes (a PDF never inline; HTML or SVG never as text/html or
 * image/svg+xml), and the transcript masks NIK, phone and bank account numbers, which an agent may
 * reveal one at a time, each reveal written to the audit log.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { uploadHeaders } from '../../src/handoff/console/file-reply.js';
import { loadConfig } from '../../src/config.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { cookieOf, PASSWORD, signIn, type ConsoleSignIn } from './console-client.js';
import { webConversationId } from '../helpers/web.js';

const NIK = '3171014101900001';
const PHONE = '081234567890';
const ACCOUNT = '0123456789';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj');
const HTML = Buffer.from('<!doctype html><script>fetch("/console/api/queue")</script>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

let app: App;
let server: FastifyInstance;
let dataDir: string;
let budi: ConsoleSignIn;
let key: string;

type Line = { index: number; kind: string; text?: string; masked?: string[]; file?: { name: string } };

async function send(cookie: string, payload: object): Promise<LightMyRequestResponse> {
  const response = await server.inject({
    method: 'POST',
    url: '/web/messages',
    headers: { cookie },
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

const upload = (name: string, mime: string, bytes: Buffer) => ({
  file: { name, mime, data: bytes.toString('base64') },
});

async function transcript(): Promise<{ body: string; lines: Line[] }> {
  const view = await server.inject({
    url: `/console/api/conversations/${encodeURIComponent(key)}`,
    headers: { cookie: budi.cookie },
  });
  expect(view.statusCode, view.body).toBe(200);
  return { body: view.body, lines: view.json().transcript as Line[] };
}

function reveal(index: number, item: number, as: Partial<ConsoleSignIn> = budi) {
  return server.inject({
    method: 'POST',
    url: `/console/api/conversations/${encodeURIComponent(key)}/lines/${index}/reveal`,
    headers: {
      ...(as.cookie ? { cookie: as.cookie } : {}),
      ...(as.token ? { 'x-csrf-token': as.token } : {}),
    },
    payload: { item },
  });
}

function auditLines(): Array<{ agent: string; action: string; conversation?: string; detail?: object }> {
  return readFileSync(join(dataDir, 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tanya-console-privacy-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, OFFICE_HOURS: 'always' }), createLogger('silent'));
  await app.handoff.agents.add('budi', 'agent', PASSWORD);
  server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();

  const session = await server.inject('/web/session');
  const cookie = cookieOf(session, 'tanya_web');
  key = `web:${webConversationId(app, cookie)}`;
  await send(cookie, { text: 'agen' });
  await send(cookie, { text: `NIK saya ${NIK}, hp ${PHONE}, rekening BRI ${ACCOUNT}` });
  await send(cookie, upload('surat.pdf', 'application/pdf', PDF));
  await send(cookie, upload('foto.png', 'image/png', HTML));
  await send(cookie, upload('foto.svg', 'image/png', SVG));
  await send(cookie, upload('ktp.png', 'image/png', PNG));
  budi = await signIn(server, 'budi');
});

afterAll(async () => {
  await server?.close();
  await app?.close();
});

describe('files of a transcript', () => {
  async function download(name: string): Promise<LightMyRequestResponse> {
    const line = (await transcript()).lines.find((candidate) => candidate.file?.name === name);
    expect(line, name).toBeDefined();
    return server.inject({
      url: `/console/api/conversations/${encodeURIComponent(key)}/files/${line?.index}`,
      headers: { cookie: budi.cookie },
    });
  }

  it('serves a PDF as an attachment, never inline', async () => {
    const pdf = await download('surat.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="surat.pdf"');
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves HTML and SVG uploaded as images as opaque attachments, typed by their bytes', async () => {
    for (const name of ['foto.png', 'foto.svg']) {
      const file = await download(name);
      expect(file.statusCode, name).toBe(200);
      expect(file.headers['content-type'], name).toBe('application/octet-stream');
      expect(file.headers['content-disposition'], name).toBe('attachment; filename="foto.bin"');
      expect(file.headers['x-content-type-options'], name).toBe('nosniff');
      expect(file.headers['content-security-policy'], name).toBe('sandbox');
    }
    const png = await download('ktp.png');
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toBe('attachment; filename="ktp.png"');
  });

  it('lets only JPEG and PNG bytes be previewed inline', () => {
    expect(uploadHeaders(PNG, { baseName: 'ktp', preview: true })['content-disposition']).toBe(
      'inline; filename="ktp.png"',
    );
    for (const bytes of [PDF, HTML, SVG]) {
      const headers = uploadHeaders(bytes, { baseName: '../x"y', preview: true });
      expect(headers['content-disposition']).toMatch(/^attachment; filename="_x_y\.(pdf|bin)"$/);
      expect(headers['content-type']).not.toMatch(/html|svg|xml|text/);
    }
  });
});

describe('personal numbers in a transcript', () => {
  it('are masked in the transcript the console gets', async () => {
    const { body, lines } = await transcript();
    for (const secret of [NIK, PHONE, ACCOUNT]) expect(body).not.toContain(secret);
    const line = lines.find((candidate) => candidate.text?.startsWith('NIK saya'));
    expect(line?.text).toBe('NIK saya ************0001, hp 081******890, rekening BRI ******6789');
    expect(line?.masked).toEqual(['************0001', '081******890', '******6789']);
  });

  it('reveals one value to a signed-in agent and audits it', async () => {
    const { lines } = await transcript();
    const line = lines.find((candidate) => candidate.text?.startsWith('NIK saya')) as Line;
    expect((await reveal(line.index, 0, {})).statusCode).toBe(401);
    expect((await reveal(line.index, 0, { cookie: budi.cookie })).statusCode).toBe(403);
    expect((await reveal(line.index, 3)).statusCode).toBe(404);

    const shown = await reveal(line.index, 0);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ value: NIK });
    expect((await reveal(line.index, 2)).json()).toEqual({ value: ACCOUNT });

    const reveals = auditLines().filter((event) => event.action === 'reveal');
    expect(reveals).toEqual([
      expect.objectContaining({ agent: 'budi', conversation: key, detail: { index: line.index, item: 0 } }),
      expect.objectContaining({ agent: 'budi', conversation: key, detail: { index: line.index, item: 2 } }),
    ]);
    expect(readFileSync(join(dataDir, 'audit.log'), 'utf8')).not.toContain(NIK);
  });
});
