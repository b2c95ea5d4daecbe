/**
 * The processes of a load run: a private Redis, the fake Bot API and Bot Framework connector (in the
 * harness's process), and the server, forked as a process of its own (server.ts) whose log output is
 * scanned for personal data as it arrives.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeBotApi } from '../../test/channels/telegram-fake.js';
import { FakeConnector } from '../../test/channels/botframework-fake.js';
import { startRedis, type TestRedis } from '../../test/helpers/redis.js';
import { minimalJpeg, minimalPdf } from '../../test/helpers/files.js';
import { LogLeakScanner } from './log-scan.js';
import { FromServer, serverEnvironment, type ServerSettings } from './protocol.js';
import { scriptSecrets } from './scenario.js';

/** What the stack is started with. */
export interface StackOptions {
  /** Users of the run (their personal data is what the log scan looks for). */
  users: number;
  rateLimitPerMinute: number;
  logLevel: ServerSettings['logLevel'];
  paceMs: number;
}

/** The Telegram webhook's secret token in load runs. */
export const SECRET = 'load-secret';

/** What the server process reported when it finished. */
export type Finished = Extract<FromServer, { type: 'finished' }>;
/** One engine turn as the server process reported it. */
export type TurnMessage = Extract<FromServer, { type: 'turn' }>;

export interface Stack {
  redis: TestRedis;
  telegramApi: FakeBotApi;
  connector: FakeConnector;
  server: ChildProcess;
  /** Scans the server's stdout and stderr. */
  logScan: LogLeakScanner;
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
export async function startStack(options: StackOptions, onTurn: (turn: TurnMessage) => void): Promise<Stack> {
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
    rateLimitPerMinute: options.rateLimitPerMinute,
    logLevel: options.logLevel,
    paceMs: options.paceMs,
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
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const logScan = new LogLeakScanner(scriptSecrets(options.users));
  const lastLines: string[] = [];
  for (const stream of [server.stdout, server.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      logScan.feed(chunk);
      lastLines.push(...chunk.split('\n').filter(Boolean));
      lastLines.splice(0, Math.max(0, lastLines.length - 20));
    });
  }
  let finished: ((report: Finished) => void) | undefined;
  const ready = new Promise<Extract<FromServer, { type: 'ready' }>>((resolve, reject) => {
    server.once('exit', (code) =>
      reject(new Error(`the load server exited (code ${String(code)}):\n${lastLines.join('\n')}`)),
    );
    server.on('message', (raw) => {
      const message = FromServer.parse(raw);
      if (message.type === 'turn') onTurn(message);
      else if (message.type === 'ready') resolve(message);
      else finished?.(message);
    });
  });
  const stack = { redis, telegramApi, connector, server, logScan, dataDir };
  try {
    const { url, dialogs } = await ready;
    return {
      ...stack,
      base: url,
      dialogs: new Set(dialogs),
      finish: () =>
        new Promise<Finished>((resolve, reject) => {
          if (server.exitCode !== null || server.signalCode !== null) {
            reject(new Error(`the load server had exited:\n${lastLines.join('\n')}`));
            return;
          }
          finished = resolve;
          server.once('exit', () =>
            reject(new Error(`the load server exited before reporting:\n${lastLines.join('\n')}`)),
          );
          server.send({ type: 'finish' });
        }),
    };
  } catch (error) {
    await stopStack(stack);
    throw error;
  }
}

/** Ends the server process (it has exited by itself after `finish`) and stops the rest. */
export async function stopStack(
  stack: Omit<Stack, 'base' | 'dialogs' | 'finish' | 'logScan'>,
): Promise<void> {
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
