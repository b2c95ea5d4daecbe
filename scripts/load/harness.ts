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
import { createTranslator } from '../../src/engine/i18n.js';
import { TelegramUser } from '../../test/channels/telegram-fake.js';
import { EmulatorUser } from '../../test/channels/botframework-fake.js';
import { minimalJpeg, minimalPdf } from '../../test/helpers/files.js';
import { monitorLoopDelay, percentile, seededRandom } from '../../bench/stats.js';
import { compareSequences, sumChecks } from './compare.js';
import { botFrameworkKeys, pumpReplies, ReplyLog, telegramKeys } from './peers.js';
import { byStep, overTime, type LoadReport, type TurnSample } from './report.js';
import { scenariosFor, type Scenario, type ScriptInput } from './scenario.js';
import { SECRET, startStack, stopStack, type Stack, type TurnMessage } from './stack.js';

export { formatReport, loadPassed, type LoadReport } from './report.js';

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
  /**
   * The server's log level (default `info`): its whole output is scanned for the NIKs, phone
   * numbers, names and file bytes the users sent.
   */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Keep every measured turn in {@link LoadReport.samples} (default: only the summaries). */
  keepSamples?: boolean;
  /** Seed of the random choices (duplicates, delays). */
  seed?: number;
  /** Progress lines (default: none). */
  progress?: (line: string) => void;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const rand = seededRandom(options.seed ?? 20_261_121);
  const duplicateRate = options.duplicateRate ?? 0.05;
  const timeoutMs = options.turnTimeoutMs ?? 60_000;
  const thinkMs = options.thinkMs ?? 10;
  transport.retries = 0;
  const log = new ReplyLog();
  const watcher = engineWatcher(log);
  const engineState = watcher.state;
  const stack = await startStack(
    {
      users: options.users,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
      logLevel: options.logLevel ?? 'info',
      paceMs: options.paceMs ?? 0,
    },
    watcher.onTurn,
  );
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
    await new Promise((resolve) => {
      if (stack.server.exitCode !== null || stack.server.signalCode !== null) resolve(undefined);
      else stack.server.once('close', resolve);
    });
    stack.logScan.end();
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
      log: {
        lines: stack.logScan.lines,
        leaks: stack.logScan.leakCount,
        firstLeaks: [...stack.logScan.leaks],
      },
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
