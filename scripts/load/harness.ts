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
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTranslator } from '../../src/engine/i18n.js';
import { FakeBotApi, TelegramUser } from '../../test/channels/telegram-fake.js';
import { EmulatorUser, FakeConnector } from '../../test/channels/botframework-fake.js';
import { startRedis, type TestRedis } from '../../test/helpers/redis.js';
import { minimalJpeg, minimalPdf } from '../../test/helpers/files.js';
import { monitorLoopDelay, percentile } from '../../bench/stats.js';
import { compareSequences, sumChecks } from './compare.js';
import { botFrameworkKeys, pumpReplies, ReplyLog, telegramKeys } from './peers.js';
import { FromServer, serverEnvironment, type Percentiles } from './protocol.js';
import { scenariosFor, type Scenario, type ScriptInput } from './scenario.js';

/** Settings of a run. */
export interface LoadOptions {
  users: number;
  /** Share of updates delivered twice (default 0.05). */
  duplicateRate?: number;
  /**
   * Per-chat pause between two Telegram sends once the burst of three is spent (ms). Default 0:
   * the run measures the server; production paces 1000.
   */
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
  /** Keep every measured turn in {@link LoadReport.samples} (default: only the summaries). */
  keepSamples?: boolean;
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
  /** How late the harness's event loop ran (the simulated users and the fake platforms). */
  eventLoopDelayMs: Percentiles;
  /** The server process's own view: its event loop delay and how long the engine took per turn. */
  server: { eventLoopDelayMs: Percentiles; engineMs: Percentiles; gc: Finished['gc'] };
  /**
   * Turn latency per script step (`scenario:input→awaited step`), and the part of it the server's
   * engine took (`engineP50`, `engineP99`).
   */
  latencyByStepMs: Record<
    string,
    { count: number; p50: number; p99: number; engineP50: number; engineP99: number }
  >;
  /** Turn latency per 30 s of the run, by when the turn was sent: where a slow phase is. */
  latencyOverTimeMs: Array<{ fromS: number; turns: number; p50: number; p99: number; engineP99: number }>;
  /** Every measured turn, when asked for with `keepSamples`. */
  samples: TurnSample[];
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

/** One measured turn: when it was sent (ms into the run), its latency, the server's engine time. */
export interface TurnSample {
  atMs: number;
  latencyMs: number;
  engineMs: number;
  /** The script step (`scenario:input→awaited step`). */
  step: string;
}

/** `items` grouped by `keyOf`, groups in order of first appearance. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Latency and engine percentiles per script step. */
function byStep(samples: readonly TurnSample[]): LoadReport['latencyByStepMs'] {
  return Object.fromEntries(
    [...groupBy(samples, (sample) => sample.step)].map(([step, list]) => {
      const latency = list.map((s) => s.latencyMs);
      const engine = list.map((s) => s.engineMs);
      return [
        step,
        {
          count: list.length,
          p50: percentile(latency, 50),
          p99: percentile(latency, 99),
          engineP50: percentile(engine, 50),
          engineP99: percentile(engine, 99),
        },
      ];
    }),
  );
}

/** p50/p99 of the samples in each `windowMs` of the run. */
function overTime(samples: readonly TurnSample[], windowMs: number): LoadReport['latencyOverTimeMs'] {
  return [...groupBy(samples, (sample) => Math.floor(sample.atMs / windowMs))]
    .sort(([a], [b]) => a - b)
    .map(([index, list]) => {
      const latency = list.map((s) => s.latencyMs);
      return {
        fromS: (index * windowMs) / 1000,
        turns: list.length,
        p50: percentile(latency, 50),
        p99: percentile(latency, 99),
        engineP99: percentile(
          list.map((s) => s.engineMs),
          99,
        ),
      };
    });
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

/** What the server process reported when it finished. */
type Finished = Extract<FromServer, { type: 'finished' }>;
/** One engine turn as the server process reported it. */
type TurnMessage = Extract<FromServer, { type: 'turn' }>;

interface Stack {
  redis: TestRedis;
  telegramApi: FakeBotApi;
  connector: FakeConnector;
  server: ChildProcess;
  base: string;
  dataDir: string;
  /** The dialogs the server registered. */
  dialogs: ReadonlySet<string>;
  /** Tells the server to drain and report; resolves with its report. */
  finish(): Promise<Finished>;
}

const SERVER_ENTRY = fileURLToPath(new URL('./server.ts', import.meta.url));

/**
 * Starts Redis, the fake platforms and the server process (the real `serve()`, see server.ts);
 * `onTurn` hears about every engine turn.
 */
async function startStack(options: LoadOptions, onTurn: (turn: TurnMessage) => void): Promise<Stack> {
  const redis = await startRedis();
  const telegramApi = await FakeBotApi.start();
  const connector = await FakeConnector.start();
  telegramApi.files.set('load-pdf', { content: minimalPdf() });
  telegramApi.files.set('load-jpeg', { content: minimalJpeg() });
  connector.attachments.set('load-pdf', minimalPdf());
  connector.attachments.set('load-jpeg', minimalJpeg());
  const dataDir = mkdtempSync(join(tmpdir(), 'tanya-load-'));
  const environment = serverEnvironment({
    redisUrl: redis.url,
    dataDir,
    telegramToken: telegramApi.token,
    telegramApiRoot: telegramApi.apiRoot,
    webhookSecret: SECRET,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
    paceMs: options.paceMs ?? 0,
  });
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'TZ'].flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const server = fork(SERVER_ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...inherited, ...environment },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let finished: ((report: Finished) => void) | undefined;
  const ready = new Promise<Extract<FromServer, { type: 'ready' }>>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`the load server exited (code ${String(code)})`)));
    server.on('message', (raw) => {
      const message = FromServer.parse(raw);
      if (message.type === 'turn') onTurn(message);
      else if (message.type === 'ready') resolve(message);
      else finished?.(message);
    });
  });
  const stack = { redis, telegramApi, connector, server, dataDir };
  try {
    const { url, dialogs } = await ready;
    return {
      ...stack,
      base: url,
      dialogs: new Set(dialogs),
      finish: () =>
        new Promise<Finished>((resolve) => {
          finished = resolve;
          server.send({ type: 'finish' });
        }),
    };
  } catch (error) {
    await stopStack(stack);
    throw error;
  }
}

async function stopStack(stack: Omit<Stack, 'base' | 'dialogs' | 'finish'>): Promise<void> {
  if (stack.server.exitCode === null && stack.server.signalCode === null) {
    // After `finish` it exits by itself; otherwise (a failed run) it is killed after a grace period.
    const exited = new Promise((resolve) => stack.server.once('exit', resolve));
    const kill = setTimeout(() => stack.server.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(kill);
  }
  await stack.telegramApi.close();
  await stack.connector.close();
  await stack.redis.stop();
  rmSync(stack.dataDir, { recursive: true, force: true });
}

/** Follows the engine's turns: expected replies per chat, apologies, awaited steps. */
function engineWatcher(log: ReplyLog) {
  const translator = createTranslator();
  const apologyTexts = new Set(
    (['id', 'en'] as const).flatMap((locale) => [
      translator.translate(locale)('engine:error'),
      translator.translate(locale)('engine:unavailable'),
    ]),
  );
  const state = { apologies: 0, lastAwaiting: new Map<string, string | null>() };
  const onTurn = (turn: TurnMessage) => {
    const chat = `${turn.channel}:${turn.conversationId}`;
    if (turn.duplicate) return;
    const keys =
      turn.channel === 'telegram'
        ? telegramKeys(Number(turn.conversationId), turn.replies)
        : botFrameworkKeys(turn.userId, turn.replies);
    log.turn(chat, keys, turn.engineMs);
    for (const reply of turn.replies)
      if ('text' in reply && apologyTexts.has(reply.text)) state.apologies += 1;
    state.lastAwaiting.set(chat, turn.awaiting);
  };
  return { state, onTurn };
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
  transport.retries = 0;
  const log = new ReplyLog();
  const watcher = engineWatcher(log);
  const engineState = watcher.state;
  const stack = await startStack(options, watcher.onTurn);
  const stopPump = pumpReplies(log, stack.telegramApi, stack.connector);
  const has = (dialog: string) => stack.dialogs.has(dialog);
  const latencies: number[] = [];
  const byChannel: Record<string, number[]> = { telegram: [], botframework: [] };
  const samples: TurnSample[] = [];
  let runStarted = performance.now();
  const counters = { turns: 0, duplicatesSent: 0, httpErrors: 0, divergences: 0, done: 0 };
  const expectedRecords: Record<string, number> = {};
  const scenarioNames = new Set<string>();
  const late: Array<Promise<void>> = [];

  const runUser = async (n: number) => {
    const user = n % 2 === 0 ? telegramUser(stack, 7_000_000 + n) : botFrameworkUser(stack, n);
    const scenarios: Scenario[] = scenariosFor({ has, user: n, location: user.location });
    let pendingLate: Record<string, unknown> | undefined;
    let sent = 0;
    for (const scenario of scenarios) {
      scenarioNames.add(scenario.name);
      for (const step of scenario.steps) {
        await sleep(Math.floor(rand() * thinkMs));
        const body = user.payload(step.input);
        const started = performance.now();
        const duplicate = rand() < duplicateRate;
        const now = rand() < 0.5;
        sent += 1;
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
        const ok = await log.waitForTurn(user.chat, sent, timeoutMs);
        if (ok) {
          const latency = performance.now() - started;
          latencies.push(latency);
          byChannel[user.chat.startsWith('telegram:') ? 'telegram' : 'botframework']?.push(latency);
          const label = `${scenario.name}:${step.input.kind}→${step.expect ?? 'end'}`;
          samples.push({
            atMs: started - runStarted,
            latencyMs: latency,
            engineMs: log.lastEngineMs(user.chat) ?? NaN,
            step: label,
          });
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
  const stopLoopMonitor = monitorLoopDelay();
  const started = performance.now();
  runStarted = started;
  try {
    await Promise.all(Array.from({ length: options.users }, (_, i) => runUser(i + 1)));
    await Promise.all(late);
    const durationMs = performance.now() - started;
    const harnessLoopDelay = stopLoopMonitor();
    clearInterval(ticker);
    // The server drains (the last sends leave the outboxes) and reports; then compare everything.
    const server = await stack.finish();
    await sleep(20);
    stopPump();
    const total = sumChecks(
      log.chats().map(({ expected, received }) => compareSequences(expected, received)),
    );
    const created: Record<string, number> = {};
    const perConversation = new Map<string, number>();
    for (const record of server.records) {
      created[record.type] = (created[record.type] ?? 0) + 1;
      const key = `${record.type}:${record.conversation}`;
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
      eventLoopDelayMs: harnessLoopDelay,
      server: { eventLoopDelayMs: server.eventLoopDelayMs, engineMs: server.engineMs, gc: server.gc },
      latencyByStepMs: byStep(samples),
      latencyOverTimeMs: overTime(samples, 30_000),
      samples: options.keepSamples ? samples : [],
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
    stopLoopMonitor();
    clearInterval(ticker);
    stopPump();
    await stopStack(stack);
  }
}

/** The `count` script steps with the highest p99 turn latency. */
function slowestSteps(report: LoadReport, count: number) {
  return Object.entries(report.latencyByStepMs)
    .sort(([, a], [, b]) => b.p99 - a.p99)
    .slice(0, count);
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
    `slowest steps by p99: ${slowestSteps(report, 5)
      .map(([label, l]) => `${label} ${fmt(l.p99)} ms (engine ${fmt(l.engineP99)} ms)`)
      .join('; ')}`,
    `p99 by 30 s of the run: ${report.latencyOverTimeMs.map((w) => `${w.fromS}s ${fmt(w.p99)}`).join(', ')} ms`,
    `server process: engine turn p50 ${fmt(report.server.engineMs.p50)} ms, p99 ${fmt(report.server.engineMs.p99)} ms, max ${fmt(report.server.engineMs.max)} ms; event loop delay p50 ${fmt(report.server.eventLoopDelayMs.p50)} ms, p99 ${fmt(report.server.eventLoopDelayMs.p99)} ms, max ${fmt(report.server.eventLoopDelayMs.max)} ms`,
    `server garbage collection: ${report.server.gc.count} pauses, ${fmt(report.server.gc.totalMs)} ms in all, longest ${fmt(report.server.gc.maxMs)} ms (major ${fmt(report.server.gc.majorMaxMs)} ms)`,
    `harness process (users, fake platforms): event loop delay p50 ${fmt(report.eventLoopDelayMs.p50)} ms, p99 ${fmt(report.eventLoopDelayMs.p99)} ms, max ${fmt(report.eventLoopDelayMs.max)} ms`,
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
