/**
 * HTTP endpoints under hostile requests, over real loopback HTTP against the real server (the app,
 * the Telegram webhook, the Bot Framework endpoint, the web chat and the agent console): malformed
 * JSON, arbitrary JSON, wrong content types, binary garbage and oversized bodies get a 4xx (or a
 * 2xx when the body happens to be acceptable), never a 5xx, and the server keeps serving. Also:
 * uploaded file names never choose where a file is stored (path traversal).
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/server.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createLogger } from '../../src/log/logger.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { createBotFrameworkChannel } from '../../src/channels/botframework/adapter.js';
import { DocumentStore } from '../../src/store/documents.js';
import { WebUploads } from '../../src/channels/web/uploads.js';
import { FileFetchError } from '../../src/channels/channel.js';
import { FakeBotApi } from '../channels/telegram-fake.js';
import { FakeConnector } from '../channels/botframework-fake.js';
import { minimalPdf } from '../helpers/files.js';
import { anyText } from './arbitraries.js';

const SECRET = 'fuzz-secret';
let app: App;
let server: FastifyInstance;
let telegram: TelegramChannel;
let fakeApi: FakeBotApi;
let connector: FakeConnector;
let base: string;
let cookie: string;
let dataDir: string;

beforeAll(async () => {
  fakeApi = await FakeBotApi.start();
  connector = await FakeConnector.start();
  dataDir = mkdtempSync(join(tmpdir(), 'tanya-http-fuzz-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: '100000',
    TELEGRAM_BOT_TOKEN: fakeApi.token,
    TELEGRAM_API_ROOT: fakeApi.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  app = await createApp(config, createLogger('silent'));
  telegram = createTelegramChannel(app, config, { outbox: { minIntervalMs: 0, jitterMs: 0 } });
  const botframework = createBotFrameworkChannel(app, config);
  app.channels.register(telegram).register(botframework);
  server = await createHttpServer(app);
  telegram.registerRoutes(server);
  botframework.registerRoutes(server);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  await telegram.start();
  const session = await fetch(`${base}/web/session`);
  cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^tanya_web=/);
}, 30_000);

afterAll(async () => {
  await telegram?.stop();
  await server?.close();
  await app?.close();
  await fakeApi?.close();
  await connector?.close();
});

interface Target {
  name: string;
  method: 'POST' | 'GET';
  path: () => string;
  headers: () => Record<string, string>;
}

const TARGETS: Target[] = [
  {
    name: 'telegram webhook',
    method: 'POST',
    path: () => '/telegram/webhook',
    headers: () => ({ 'x-telegram-bot-api-secret-token': SECRET }),
  },
  { name: 'bot framework', method: 'POST', path: () => '/api/messages', headers: () => ({}) },
  { name: 'web chat message', method: 'POST', path: () => '/web/messages', headers: () => ({ cookie }) },
  { name: 'console login', method: 'POST', path: () => '/console/api/login', headers: () => ({}) },
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=latin1',
  '',
];

/** A body: broken JSON, arbitrary JSON, binary garbage, or something shaped like the real thing. */
const body = fc.oneof(
  anyText,
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
  fc.record({ update_id: fc.integer(), message: fc.jsonValue() }).map((value) => JSON.stringify(value)),
  fc
    .record({ type: fc.constantFrom('message', 'conversationUpdate'), text: anyText, value: fc.jsonValue() })
    .map((value) =>
      JSON.stringify({
        ...value,
        channelId: 'emulator',
        serviceUrl: connector.serviceUrl,
        conversation: { id: 'fuzz' },
        from: { id: 'fuzz-user' },
      }),
    ),
  fc
    .record({ text: anyText, choice: fc.string(), id: fc.string() }, { requiredKeys: [] })
    .map((value) => JSON.stringify(value)),
  fc.constantFrom('', '{', 'null', '[]', '"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'),
);

async function send(target: Target, payload: string | Buffer, contentType: string): Promise<number> {
  const headers: Record<string, string> = { ...target.headers() };
  if (contentType) headers['content-type'] = contentType;
  const response = await fetch(`${base}${target.path()}`, {
    method: target.method,
    headers,
    body: target.method === 'POST' ? payload : undefined,
  });
  await response.arrayBuffer();
  return response.status;
}

describe('fuzz: HTTP endpoints answer bad requests with 4xx, never 5xx', () => {
  for (const target of TARGETS) {
    it(`${target.name}: arbitrary bodies and content types`, async () => {
      await fc.assert(
        fc.asyncProperty(body, fc.constantFrom(...CONTENT_TYPES), async (payload, contentType) => {
          const status = await send(target, payload, contentType);
          expect(status, `${target.name} ${contentType} ${String(payload).slice(0, 200)}`).toBeLessThan(500);
        }),
        { numRuns: 120 },
      );
    });
  }

  it('oversized bodies get 413 on every endpoint', async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(12 * 1024 * 1024) });
    for (const target of TARGETS) {
      expect(await send(target, huge, 'application/json'), target.name).toBe(413);
    }
  });

  it('malformed JSON with a JSON content type is a 400', async () => {
    for (const target of TARGETS) {
      expect(await send(target, '{"text": "halo"', 'application/json'), target.name).toBe(400);
    }
  });

  it('odd URLs and parameters are 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (segment) => {
        const encoded = encodeURIComponent(segment);
        for (const path of [
          `/web/i18n/${encoded}`,
          `/console/i18n/${encoded}`,
          `/console/api/conversations/${encoded}`,
          `/console/api/conversations/${encoded}/files/${encoded}`,
          `/web/history?x=${encoded}`,
        ]) {
          const response = await fetch(`${base}${path}`);
          await response.arrayBuffer();
          expect(response.status, path).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is still healthy and answering after the fuzzing', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const response = await fetch(`${base}/web/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'halo' }),
    });
    expect(response.status).toBe(200);
    const json = (await response.json()) as { replies: unknown[] };
    expect(json.replies.length).toBeGreaterThan(0);
  });
});

describe('uploaded file names never choose a path', () => {
  const hostileName = fc.oneof(
    anyText,
    fc.constantFrom(
      '../../../../etc/passwd',
      '..\\..\\windows\\system32\\config',
      '/etc/shadow',
      'a/../../b.pdf',
      '\u0000.pdf',
      '....//....//x.pdf',
      '%2e%2e%2fx.pdf',
      'C:\\x.pdf',
      '.',
      '..',
    ),
  );

  it('the document store names files randomly inside its folder and keeps only a clean base name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-traversal-'));
    const documents = DocumentStore.openSync(dir);
    const conversation = { channel: 'test', conversationId: 'c', userId: 'u' };
    await fc.assert(
      fc.asyncProperty(hostileName, async (originalName) => {
        const saved = await documents.save(minimalPdf(), { conversation, type: 'ktp', originalName });
        expect(saved.id).toMatch(/^[0-9a-f]{32}$/);
        const meta = await documents.meta(saved.id);
        const kept = meta?.originalName ?? '';
        expect(kept.includes('/') || kept.includes('\\') || kept.includes('\u0000')).toBe(false);
      }),
      { numRuns: 100 },
    );
    // Nothing was written anywhere but documents/, and only random names are there.
    expect(readdirSync(dir)).toEqual(['documents']);
    for (const name of readdirSync(join(dir, 'documents')))
      expect(name).toMatch(/^[0-9a-f]{32}\.(bin|json)$/);
  });

  it('web chat uploads get random names, and a traversal ref is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-web-uploads-'));
    const uploads = new WebUploads(join(dir, 'web'), 1024 * 1024);
    await fc.assert(
      fc.asyncProperty(hostileName, async (name) => {
        const ref = await uploads.save(minimalPdf(), name, 'application/pdf');
        expect(ref.ref).toMatch(/^[A-Za-z0-9_-]{32}$/);
      }),
      { numRuns: 50 },
    );
    expect(readdirSync(dir)).toEqual(['web']);
    for (const ref of ['../../etc/passwd', '..', '/etc/passwd', 'web/../x', '%2e%2e']) {
      await expect(uploads.read({ ref }, 1024)).rejects.toBeInstanceOf(FileFetchError);
    }
  });

  it('the web chat stores an upload with a hostile name under a random name', async () => {
    const folder = join(dataDir, 'uploads', 'web');
    const before = new Set(existsSync(folder) ? readdirSync(folder) : []);
    const response = await fetch(`${base}/web/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        file: {
          name: '../../../etc/cron.d/evil',
          mime: 'application/pdf',
          data: minimalPdf().toString('base64'),
        },
      }),
    });
    expect(response.status).toBe(200);
    const added = readdirSync(folder).filter((name) => !before.has(name));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
