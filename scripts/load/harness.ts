/**
 * The load harness: N simulated users run the scripted conversations (scenario.ts) at the same time,
 * half through the Telegram webhook and half through the Bot Framework endpoint, against the real
 * app and fastify server on loopback with the Redis stores, while fake Bot API and connector
 * servers record every reply. A share of updates is delivered twice (at once, or late after the
 * user's next message, as platforms redeliver), and users' messages interleave in random order.
 *
 * It reports throughput and turn latency (send → last reply received), and what must be zero: lost,
 * duplicate and out-of-order replies per chat, internal-error apologies, HTTP errors, and records
 * created versus expected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/adapter.js';
import { createBotFrameworkChannel } from '../../src/channels/botframework/adapter.js';
import type { Inbound } from '../../src/engine/types.js';
import type { TurnOutcome } from '../../src/engine/engine.js';
import { FakeBotApi, TelegramUser } from '../../test/channels/telegram-fake.js';
import { EmulatorUser, FakeConnector } from '../../test/channels/botframework-fake.js';
import { startRedis, type TestRedis } from '../../test/helpers/redis.js';
import { minimalJpeg, minimalPdf } from '../../test/helpers/files.js';
import { percentile } from '../../bench/stats.js';
import { compareSequences, sumChecks } from './compare.js';
import { botFrameworkKeys, pumpReplies, ReplyLog, telegramKeys } from './peers.js';
import { scenariosFor, type Scenario, type ScriptInput } from './scenario.js';

/** Settings of a run. */
export interface LoadOptions {
  users: number;
  /** Share of updates delivered twice (default 0.05). */
  duplicateRate?: number;
  /** Per-chat pause between two Telegram sends (ms; production paces 1000, default 0 here). */
  paceMs?: number;
  /** Messages per user per minute (default 1,000: scripted users type faster than people). */
  rateLimitPerMinute?: number;
  /** How long a turn may wait for its replies before they count as lost (ms, default 60 s). */
  turnTimeoutMs?: number;
  /**
   * Longest pause of a user between two messages (ms; each pause is random up to it). Default 10:
   * users answer at once, so the run measures the most the server sustains (latency then includes
   * queueing); people take seconds, so larger values measure latency at a realistic pace.
   */
  thinkMs?: number;
  /** Seed of the random choices (duplicates, delays). */
  seed?: number;
  /** Progress lines (default: none). */
  progress?: (line: string) => void;
}

/** What a run measured. */
export interface LoadReport {
  users: number;
  thinkMs: number;
  channels: { telegram: number; botframework: number };
  scenarios: string[];
  turns: number;
  duplicatesSent: number;
  durationMs: number;
  turnsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** How late the process's event loop ran (server, fakes and simulated users share it). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** The same percentiles per channel. */
  latencyByChannelMs: Record<string, { p50: number; p95: number; p99: number }>;
  replies: { expected: number; received: number };
  lostReplies: number;
  duplicateReplies: number;
  outOfOrderReplies: number;
  chatsOutOfOrder: number;
  /** Internal-error or "try again" apologies the bot sent. */
  apologies: number;
  httpErrors: number;
  /** Deliveries retried after a transport failure (as the platforms retry), not counted as errors. */
  transportRetries: number;
  /** Turns after which the bot awaited another step than the script expected. */
  divergences: number;
  records: { expected: Record<string, number>; created: Record<string, number>; duplicated: number };
}

/** Whether every count that must be zero is zero and every record was created once. */
export function loadPassed(report: LoadReport): boolean {
  const recordsOk = Object.entries(report.records.expected).every(
    ([type, count]) => report.records.created[type] === count,
  );
  return (
    report.lostReplies === 0 &&
    report.duplicateReplies === 0 &&
    report.outOfOrderReplies === 0 &&
    report.apologies === 0 &&
    report.httpErrors === 0 &&
    report.records.duplicated === 0 &&
    recordsOk
  );
}

/** A small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECRET = 'load-secret';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stack {
  redis: TestRedis;
  telegramApi: FakeBotApi;
  connector: FakeConnector;
  app: App;
  telegram: TelegramChannel;
  server: FastifyInstance;
  base: string;
  dataDir: string;
}

async function startStack(options: LoadOptions): Promise<Stack> {
  const redis = await startRedis();
  const telegramApi = await FakeBotApi.start();
  const connector = await FakeConnector.start();
  telegramApi.files.set('load-pdf', { content: minimalPdf() });
  telegramApi.files.set('load-jpeg', { content: minimalJpeg() });
  connector.attachments.set('load-pdf', minimalPdf());
  connector.attachments.set('load-jpeg', minimalJpeg());
  const dataDir = mkdtempSync(join(tmpdir(), 'tanya-load-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 1000),
    SLOT_CAPACITY: '1000',
    TELEGRAM_BOT_TOKEN: telegramApi.token,
    TELEGRAM_API_ROOT: telegramApi.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  const app = await createApp(config, createLogger('error'));
  const telegram = createTelegramChannel(app, config, {
    outbox: { minIntervalMs: options.paceMs ?? 0, jitterMs: 0 },
  });
  const botframework = createBotFrameworkChannel(app, config);
  app.channels.register(telegram).register(botframework);
  const server = await createHttpServer(app);
  telegram.registerRoutes(server);
  botframework.registerRoutes(server);
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  await telegram.start();
  return { redis, telegramApi, connector, app, telegram, server, base, dataDir };
}

async function stopStack(stack: Stack): Promise<void> {
  await stack.server.close();
  await stack.telegram.stop();
  await stack.app.close();
  await stack.telegramApi.close();
  await stack.connector.close();
  await stack.redis.stop();
  rmSync(stack.dataDir, { recursive: true, force: true });
}

/** Watches the engine's outcomes: expected replies per chat, apologies, awaited steps. */
function observeEngine(app: App, log: ReplyLog) {
  const apologyTexts = new Set(
    (['id', 'en'] as const).flatMap((locale) => [
      app.translator.translate(locale)('engine:error'),
      app.translator.translate(locale)('engine:unavailable'),
    ]),
  );
  const state = { apologies: 0, lastAwaiting: new Map<string, string | null>() };
  const engine = app.engine;
  const process = engine.process.bind(engine);
  engine.process = async (raw: unknown): Promise<TurnOutcome> => {
    const outcome = await process(raw);
    const inbound = raw as Inbound;
    const { channel, conversationId, userId } = inbound.address;
    const chat = `${channel}:${conversationId}`;
    const keys =
      channel === 'telegram'
        ? telegramKeys(Number(conversationId), outcome.replies)
        : botFrameworkKeys(userId, outcome.replies);
    log.expect(chat, keys);
    for (const reply of outcome.replies)
      if ('text' in reply && apologyTexts.has(reply.text)) state.apologies += 1;
    if (!outcome.duplicate) state.lastAwaiting.set(chat, outcome.awaiting?.step ?? null);
    return outcome;
  };
  return state;
}

/** Transport failures (a connection reset) retried like the platforms do: same payload, up to 3 times. */
const transport = { retries: 0 };

async function deliver(
  url: string,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    } catch (error) {
      if (attempt >= 3) throw error;
      transport.retries += 1;
      await sleep(50 * attempt);
    }
  }
}

/** One simulated user on one channel. */
interface SimUser {
  chat: string;
  location: boolean;
  /** The native payload for an input (a fresh update or activity each call). */
  payload(input: ScriptInput): Record<string, unknown>;
  post(body: Record<string, unknown>): Promise<number>;
}

function telegramUser(stack: Stack, id: number): SimUser {
  const user = new TelegramUser(id);
  return {
    chat: `telegram:${id}`,
    location: true,
    payload(input) {
      switch (input.kind) {
        case 'text':
          return user.text(input.text);
        case 'choice':
          return user.tap(input.choiceId, input.label);
        case 'location':
          return user.message({ location: { latitude: input.lat, longitude: input.lon } });
        case 'file':
          return input.file === 'pdf'
            ? user.message({
                document: {
                  file_id: 'load-pdf',
                  file_unique_id: 'u-pdf',
                  file_name: 'dokumen.pdf',
                  mime_type: 'application/pdf',
                  file_size: minimalPdf().length,
                },
              })
            : user.message({
                photo: [
                  {
                    file_id: 'load-jpeg',
                    file_unique_id: 'u-jpeg',
                    width: 1,
                    height: 1,
                    file_size: minimalJpeg().length,
                  },
                ],
              });
      }
    },
    post: (body) =>
      deliver(`${stack.base}/telegram/webhook`, { 'x-telegram-bot-api-secret-token': SECRET }, body),
  };
}

function botFrameworkUser(stack: Stack, id: number): SimUser {
  const user = new EmulatorUser(stack.connector.serviceUrl, `load${id}`);
  return {
    chat: `botframework:emulator:${user.conversation.id}`,
    location: false,
    payload(input) {
      switch (input.kind) {
        case 'text':
          return user.says(input.text);
        case 'choice':
          return user.submits({ choiceId: input.choiceId }, input.label);
        case 'location':
          throw new Error('Bot Framework users cannot share a location');
        case 'file':
          return user.says('', {
            attachments: [
              input.file === 'pdf'
                ? {
                    contentType: 'application/pdf',
                    contentUrl: `${stack.connector.serviceUrl}attachments/load-pdf`,
                    name: 'dokumen.pdf',
                  }
                : {
                    contentType: 'image/jpeg',
                    contentUrl: `${stack.connector.serviceUrl}attachments/load-jpeg`,
                    name: 'foto.jpg',
                  },
            ],
          });
      }
    },
    post: (body) => deliver(`${stack.base}/api/messages`, {}, body),
  };
}

/** Runs the load and returns what it measured. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  if (!Number.isInteger(options.users) || options.users < 1 || options.users > 9999) {
    throw new RangeError('users must be 1-9999');
  }
  const rand = random(options.seed ?? 20_261_121);
  const duplicateRate = options.duplicateRate ?? 0.05;
  const timeoutMs = options.turnTimeoutMs ?? 60_000;
  const thinkMs = options.thinkMs ?? 10;
  const stack = await startStack(options);
  transport.retries = 0;
  const log = new ReplyLog();
  const engineState = observeEngine(stack.app, log);
  const stopPump = pumpReplies(log, stack.telegramApi, stack.connector);
  const has = (dialog: string) => stack.app.handoff.dialogs.has(dialog);
  const latencies: number[] = [];
  const byChannel: Record<string, number[]> = { telegram: [], botframework: [] };
  const counters = { turns: 0, duplicatesSent: 0, httpErrors: 0, divergences: 0, done: 0 };
  const expectedRecords: Record<string, number> = {};
  const scenarioNames = new Set<string>();
  const late: Array<Promise<void>> = [];

  const runUser = async (n: number) => {
    const user = n % 2 === 0 ? telegramUser(stack, 7_000_000 + n) : botFrameworkUser(stack, n);
    const scenarios: Scenario[] = scenariosFor({ has, user: n, location: user.location });
    let pendingLate: Record<string, unknown> | undefined;
    for (const scenario of scenarios) {
      scenarioNames.add(scenario.name);
      for (const step of scenario.steps) {
        await sleep(Math.floor(rand() * thinkMs));
        const body = user.payload(step.input);
        const started = performance.now();
        const duplicate = rand() < duplicateRate;
        const now = rand() < 0.5;
        const sends = [user.post(body)];
        if (duplicate && now) sends.push(user.post(body));
        // A late redelivery of the previous update arrives together with this one.
        if (pendingLate) {
          const old = pendingLate;
          pendingLate = undefined;
          // Caught here: an unawaited rejection would end the process before the stack is stopped.
          late.push(
            user.post(old).then(
              (status) => void (status >= 400 && counters.httpErrors++),
              () => void counters.httpErrors++,
            ),
          );
        }
        if (duplicate && !now) pendingLate = body;
        if (duplicate) counters.duplicatesSent += 1;
        const statuses = await Promise.all(sends);
        counters.httpErrors += statuses.filter((status) => status >= 400).length;
        counters.turns += 1;
        const ok = await log.waitFor(user.chat, log.expectedCount(user.chat), timeoutMs);
        if (ok) {
          const latency = performance.now() - started;
          latencies.push(latency);
          byChannel[user.chat.startsWith('telegram:') ? 'telegram' : 'botframework']?.push(latency);
        }
        if (engineState.lastAwaiting.get(user.chat) !== step.expect) counters.divergences += 1;
      }
      if (scenario.creates) expectedRecords[scenario.creates] = (expectedRecords[scenario.creates] ?? 0) + 1;
    }
    if (pendingLate) {
      const status = await user.post(pendingLate);
      if (status >= 400) counters.httpErrors += 1;
    }
    counters.done += 1;
  };

  const progress = options.progress;
  const ticker = progress
    ? setInterval(
        () => progress(`  ${counters.done}/${options.users} users done, ${counters.turns} turns`),
        5_000,
      )
    : undefined;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: options.users }, (_, i) => runUser(i + 1)));
    await Promise.all(late);
    const durationMs = performance.now() - started;
    clearInterval(ticker);
    // Let the last sends leave the outboxes, then compare everything.
    await stack.telegram.stop();
    await sleep(20);
    stopPump();
    const total = sumChecks(
      log.chats().map(({ expected, received }) => compareSequences(expected, received)),
    );
    const records = await stack.app.records.list();
    const created: Record<string, number> = {};
    const perConversation = new Map<string, number>();
    for (const record of records) {
      created[record.type] = (created[record.type] ?? 0) + 1;
      const key = `${record.type}:${record.conversation.channel}:${record.conversation.conversationId}`;
      perConversation.set(key, (perConversation.get(key) ?? 0) + 1);
    }
    const duplicated = [...perConversation.values()].filter((count) => count > 1).length;
    return {
      users: options.users,
      thinkMs,
      channels: { telegram: Math.floor(options.users / 2), botframework: Math.ceil(options.users / 2) },
      scenarios: [...scenarioNames],
      turns: counters.turns,
      duplicatesSent: counters.duplicatesSent,
      durationMs,
      turnsPerSecond: (counters.turns / durationMs) * 1000,
      latencyMs: {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: percentile(latencies, 100),
      },
      eventLoopDelayMs: {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      },
      latencyByChannelMs: Object.fromEntries(
        Object.entries(byChannel).map(([channel, samples]) => [
          channel,
          { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) },
        ]),
      ),
      replies: { expected: total.expected, received: total.received },
      lostReplies: total.lost,
      duplicateReplies: total.duplicates,
      outOfOrderReplies: total.outOfOrder,
      chatsOutOfOrder: total.chatsOutOfOrder,
      apologies: engineState.apologies,
      httpErrors: counters.httpErrors,
      transportRetries: transport.retries,
      divergences: counters.divergences,
      records: { expected: expectedRecords, created, duplicated },
    };
  } finally {
    loopDelay.disable();
    clearInterval(ticker);
    stopPump();
    await stopStack(stack);
  }
}

/** The report as the lines `npm run load` prints. */
export function formatReport(report: LoadReport): string {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : 'n/a');
  const records = Object.keys(report.records.expected)
    .map((type) => `${type} ${report.records.created[type] ?? 0}/${report.records.expected[type]}`)
    .join(', ');
  return [
    `users: ${report.users} (Telegram webhook ${report.channels.telegram}, Bot Framework ${report.channels.botframework}), pause between messages: random up to ${report.thinkMs} ms`,
    `scenarios run: ${report.scenarios.join(', ')}`,
    `turns: ${report.turns} (+${report.duplicatesSent} duplicate deliveries) in ${fmt(report.durationMs / 1000)} s = ${fmt(report.turnsPerSecond)} turns/s`,
    `turn latency (send → last reply received): p50 ${fmt(report.latencyMs.p50)} ms, p95 ${fmt(report.latencyMs.p95)} ms, p99 ${fmt(report.latencyMs.p99)} ms, max ${fmt(report.latencyMs.max)} ms`,
    ...Object.entries(report.latencyByChannelMs).map(
      ([channel, l]) => `  ${channel}: p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms, p99 ${fmt(l.p99)} ms`,
    ),
    `event loop delay: p50 ${fmt(report.eventLoopDelayMs.p50)} ms, p99 ${fmt(report.eventLoopDelayMs.p99)} ms, max ${fmt(report.eventLoopDelayMs.max)} ms`,
    `replies: ${report.replies.received} received / ${report.replies.expected} sent by the bot`,
    `lost replies: ${report.lostReplies}`,
    `duplicate replies: ${report.duplicateReplies}`,
    `out-of-order replies: ${report.outOfOrderReplies} (in ${report.chatsOutOfOrder} chats)`,
    `apologies (internal error / store unavailable): ${report.apologies}`,
    `HTTP errors: ${report.httpErrors} (deliveries retried after a connection failure: ${report.transportRetries})`,
    `script divergences (bot awaited another step): ${report.divergences}`,
    `records created / expected: ${records || 'none expected'}; conversations with a duplicated record: ${report.records.duplicated}`,
  ].join('\n');
}
