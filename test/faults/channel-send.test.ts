/**
 * A channel send that fails is retried with backoff and not repeated once it succeeded: the Telegram
 * channel (webhook mode, real HTTP) against the fake Bot API answering 502 (retried by grammY's
 * auto-retry, 3 s later) and behind a proxy that drops connections (retried by the outbox); a
 * permanent error ("bot was blocked") is not retried.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';
import type { Engine } from '../../src/engine/engine.js';
import { channelTestEngine, serverFor } from '../channels/telegram-botframework-fixtures.js';
import { FakeBotApi, TelegramUser, type RecordedCall } from '../channels/telegram-fake.js';

const SECRET = 'fault-secret';

/** Forwards to the fake Bot API, but drops the connection of the next `drops` sendMessage calls. */
class FlakyProxy {
  drops = 0;
  dropped = 0;
  readonly #server: Server;
  root = '';

  constructor(readonly target: string) {
    this.#server = createServer((req, res) => {
      void (async () => {
        if (req.url?.endsWith('/sendMessage') && this.drops > 0) {
          this.drops -= 1;
          this.dropped += 1;
          req.socket.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const upstream = await fetch(`${this.target}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
          ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
        });
        res.writeHead(upstream.status, { 'content-type': 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })();
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.root = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

let fake: FakeBotApi;
let proxy: FlakyProxy;
let engine: Engine;
let channel: TelegramChannel;
let server: FastifyInstance;
let base: string;
let closeAll: () => Promise<void>;
let nextUser = 930_000;

const sentTo = (user: TelegramUser): RecordedCall[] =>
  fake.callsOf('sendMessage').filter((call) => call.payload.chat_id === user.id);

async function post(update: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${base}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
}

/** Waits until the outbox is idle: nothing more will be sent for what was posted. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 30));
}

beforeAll(async () => {
  fake = await FakeBotApi.start();
  proxy = new FlakyProxy(fake.apiRoot);
  await proxy.start();
  engine = channelTestEngine();
  const harness = await serverFor(engine);
  server = harness.server;
  channel = createTelegramChannel(
    harness.app,
    {
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: proxy.root,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      DEFAULT_LOCALE: 'id',
    },
    { outbox: { minIntervalMs: 0, jitterMs: 0, retryBaseMs: 10, retryMaxMs: 40 } },
  );
  channel.registerRoutes(server);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  await channel.start();
  closeAll = async () => {
    await channel.stop();
    await harness.close();
    await proxy.close();
    await fake.close();
  };
});

afterAll(async () => closeAll?.());

describe('a failing channel send', () => {
  it('is retried after a 502 (with backoff) and delivered once; the next reply is not held back or repeated', async () => {
    const user = new TelegramUser(++nextUser);
    fake.failNext('sendMessage', { code: 502, description: 'Bad Gateway' });
    await post(user.text('/start'));
    await fake.waitFor(() => sentTo(user).length >= 2, 10_000);
    await settle();
    const attempts = sentTo(user);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.payload.text).toBe(attempts[0]?.payload.text);

    await post(user.text('bantuan'));
    await fake.waitFor(() => sentTo(user).length > 2);
    await settle();
    const texts = sentTo(user)
      .slice(2)
      .map((call) => String(call.payload.text));
    // The help text and the menu once more: the retried greeting is not sent again in between.
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Anda bisa mengetik pertanyaan');
    expect(sentTo(user)).toHaveLength(4);
  });

  it('is retried after dropped connections (network failures) and delivered once', async () => {
    const user = new TelegramUser(++nextUser);
    proxy.drops = 2;
    await post(user.text('/start'));
    await fake.waitFor(() => sentTo(user).length >= 1);
    await settle();
    expect(proxy.dropped).toBe(2);
    expect(sentTo(user)).toHaveLength(1);
  });

  it('is not retried after a permanent error (the user blocked the bot)', async () => {
    const user = new TelegramUser(++nextUser);
    fake.failNext('sendMessage', { code: 403, description: 'Forbidden: bot was blocked by the user' });
    await post(user.text('/start'));
    await fake.waitFor(() => sentTo(user).length >= 1);
    await settle();
    expect(sentTo(user)).toHaveLength(1);
    // The chat is not stuck: the next message is delivered normally.
    await post(user.text('bantuan'));
    await fake.waitFor(() => sentTo(user).length >= 2);
  });
});
