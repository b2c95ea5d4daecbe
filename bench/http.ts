/**
 * HTTP channel path benchmark: a Telegram webhook update end to end (HTTP POST → engine turn → reply
 * received by a fake Bot API on loopback) and the webhook request alone, each beside a bare fastify
 * echo route on the same server in the same run; the Bot Framework endpoint likewise. Memory store,
 * one request in flight for latency, 32 in flight for throughput.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createHttpServer } from '../src/http/server.js';
import { createLogger } from '../src/log/logger.js';
import { createTelegramChannel } from '../src/channels/telegram/adapter.js';
import { createBotFrameworkChannel } from '../src/channels/botframework/adapter.js';
import { FakeBotApi, TelegramUser } from '../test/channels/telegram-fake.js';
import { EmulatorUser, FakeConnector } from '../test/channels/botframework-fake.js';
import { elapsedMs, percentile, printTable, row } from './stats.js';
import type { BenchRow } from './types.js';

const SECRET = 'bench-secret';

/** Runs `task` `count` times, `concurrency` at a time; returns latencies and requests per second. */
async function measure(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        await task(i);
        latencies.push(elapsedMs(t0));
      }
    }),
  );
  return {
    perSecond: (count / elapsedMs(start)) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

/** All HTTP rows. */
export async function benchHttp(): Promise<BenchRow[]> {
  const fake = await FakeBotApi.start();
  const connector = await FakeConnector.start();
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-bench-http-')),
    RATE_LIMIT_PER_MINUTE: '0',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  const app = await createApp(config, createLogger('silent'));
  const telegram = createTelegramChannel(app, config, { outbox: { minIntervalMs: 0, jitterMs: 0 } });
  const botframework = createBotFrameworkChannel(app, config);
  app.channels.register(telegram).register(botframework);
  const server = await createHttpServer(app);
  telegram.registerRoutes(server);
  botframework.registerRoutes(server);
  server.post('/bench/echo', async (request) => request.body);
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  await telegram.start();
  const rows: BenchRow[] = [];
  try {
    let userId = 5_000_000;
    const update = () => new TelegramUser(++userId).text('menu');
    const webhook = (body: unknown) =>
      postJson(`${base}/telegram/webhook`, body, { 'x-telegram-bot-api-secret-token': SECRET });
    const echo = () => postJson(`${base}/bench/echo`, update());
    /** POSTs an update and waits until the fake Bot API received the reply. */
    const endToEnd = async () => {
      const body = update();
      const before = fake.calls.length;
      await webhook(body);
      const chat = (body.message as { chat: { id: number } }).chat.id;
      for (let spins = 0; ; spins++) {
        if (fake.calls.slice(before).some((call) => call.payload.chat_id === chat)) return;
        if (spins > 20_000) throw new Error('no reply');
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    let bfUser = 0;
    const activity = () => new EmulatorUser(connector.serviceUrl, `b${++bfUser}`).says('menu');

    // Warm-up: JIT, connection pools, the FAQ and gazetteer indexes.
    await measure(300, 4, () => echo());
    await measure(1000, 4, () => webhook(update()));
    await measure(300, 1, endToEnd);
    await measure(100, 4, () => postJson(`${base}/api/messages`, activity()));

    const baseline = await measure(3000, 1, () => echo());
    const request = await measure(2000, 1, () => webhook(update()));
    const e2e = await measure(1000, 1, endToEnd);
    const bf = await measure(1000, 1, () => postJson(`${base}/api/messages`, activity()));
    const baselineConcurrent = await measure(5000, 32, () => echo());
    const requestConcurrent = await measure(4000, 32, () => webhook(update()));
    const bfConcurrent = await measure(2000, 32, () => postJson(`${base}/api/messages`, activity()));
    const echoP50 = { name: 'fastify echo p50', value: baseline.p50 };
    rows.push(row('Telegram webhook end to end (POST → reply at Bot API): p50', e2e.p50, 'ms', echoP50));
    rows.push(
      row('Telegram webhook end to end: p99', e2e.p99, 'ms', {
        name: 'fastify echo p99',
        value: baseline.p99,
      }),
    );
    rows.push(row('Telegram webhook request (engine turn done): p50', request.p50, 'ms', echoP50));
    rows.push(row('Bot Framework /api/messages (reply posted): p50', bf.p50, 'ms', echoP50));
    rows.push(
      row('Telegram webhook requests/s (32 in flight)', requestConcurrent.perSecond, 'req/s', {
        name: 'fastify echo req/s',
        value: baselineConcurrent.perSecond,
      }),
    );
    rows.push(
      row('Bot Framework requests/s (32 in flight)', bfConcurrent.perSecond, 'req/s', {
        name: 'fastify echo req/s',
        value: baselineConcurrent.perSecond,
      }),
    );
  } finally {
    await telegram.stop();
    await server.close();
    await app.close();
    await fake.close();
    await connector.close();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchHttp());
}
