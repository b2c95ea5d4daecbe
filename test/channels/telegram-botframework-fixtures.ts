/**
 * Shared pieces of the channel tests: an engine over the real dialogs plus small fixture dialogs,
 * and a real app + fastify server whose engine is that engine, optionally serving a channel.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { Channel } from '../../src/channels/channel.js';
import { loadConfig } from '../../src/config.js';
import { createDialogRegistry } from '../../src/dialogs/index.js';
import { defineDialog, say, step, type Dialog } from '../../src/engine/dialog.js';
import type { Engine } from '../../src/engine/engine.js';
import type { Inbound } from '../../src/engine/types.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { createTestEngine } from '../helpers/engine.js';
import { createFormDialog } from '../helpers/fixture-dialogs.js';

/** A text longer than two Telegram messages, in paragraphs. */
export const LONG_TEXT = Array.from(
  { length: 30 },
  (_, i) => `Paragraf ${i + 1}: ${'Informasi program jaminan sosial ketenagakerjaan. '.repeat(6).trim()}`,
).join('\n\n');

/** `start:test-long`: one very long reply. */
const longDialog = defineDialog<Record<string, never>>({
  id: 'test-long',
  version: 1,
  titleKey: 'test:long',
  firstStep: 'say',
  start: () => ({}),
  steps: {
    say: {
      prompt: () => [say.text(LONG_TEXT)],
      receive: () => step.end([say.text('ok')]),
    },
  },
});

/** `start:test-where`: asks for a location, answers with a venue near it. */
const whereDialog = defineDialog<Record<string, never>>({
  id: 'test-where',
  version: 1,
  titleKey: 'test:where',
  firstStep: 'ask',
  start: () => ({}),
  steps: {
    ask: {
      prompt: () => [{ kind: 'request_location', text: 'Bagikan lokasi Anda.' }],
      receive: (_ctx, _state, input) =>
        input.kind === 'location'
          ? step.end([
              {
                kind: 'venue',
                lat: input.lat + 0.01,
                lon: input.lon,
                title: 'Kantor Cabang Jakarta <Selatan> & Co',
                address: 'Jl. Gatot Subroto No. 79',
              },
              say.text('Itu kantor terdekat.'),
            ])
          : step.retry('Kirim lokasi ya.'),
    },
  },
});

/** `start:test-echo`: replies to each input with its JSON (without id and address). */
const echoDialog = defineDialog<Record<string, never>>({
  id: 'test-echo',
  version: 1,
  titleKey: 'test:echo',
  firstStep: 'listen',
  start: () => ({}),
  steps: {
    listen: {
      prompt: () => [say.text('echo on')],
      receive: (_ctx, state, input: Inbound) => {
        const { id: _id, address: _address, at: _at, ...body } = input;
        return step.wait(state, [say.text(`echo:${JSON.stringify(body)}`)]);
      },
    },
  },
});

/** A stand-in FAQ, only registered while the product has no FAQ dialog of its own. */
const fixtureFaq = defineDialog<Record<string, never>>({
  id: 'faq',
  version: 1,
  titleKey: 'test:faq',
  firstStep: 'answer',
  start: () => ({}),
  steps: {
    answer: {
      prompt: () => [],
      receive: (_ctx, state, input) =>
        step.wait(state, [
          say.text(
            input.kind === 'text' && /jht/i.test(input.text)
              ? 'JHT (Jaminan Hari Tua) adalah tabungan hari tua peserta.'
              : 'Maaf, saya belum tahu.',
          ),
        ]),
    },
  },
});

/** The fixture dialogs channel tests use. */
export function channelFixtureDialogs(): Dialog[] {
  const dialogs = [createFormDialog(), longDialog, whereDialog, echoDialog];
  if (!createDialogRegistry().has('faq')) dialogs.push(fixtureFaq);
  return dialogs;
}

/** A test engine over the real dialogs plus {@link channelFixtureDialogs}. */
export function channelTestEngine(): Engine {
  return createTestEngine({ extraDialogs: channelFixtureDialogs(), clock: () => new Date() }).engine;
}

/**
 * A real app (temporary DATA_DIR) whose engine is swapped for `engine` (so fixture dialogs can be
 * registered), with the real fastify server (1 MB body limit, error handler) and captured log lines.
 */
export async function serverFor(engine: Engine, lines: string[] = []) {
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
  const real = await createApp(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'tanya-channel-')) }), log);
  const app: App = { ...real, engine };
  const server = await createHttpServer(app);
  return {
    app,
    server,
    log,
    lines,
    async close() {
      await server.close();
      await engine.drain();
      await real.close();
    },
  };
}

/** A channel behind the real app and fastify server, listening on a loopback port (see {@link serveChannel}). */
export interface ServedChannel<C extends Channel> {
  readonly channel: C;
  /** The engine behind the channel. */
  readonly engine: Engine;
  /** The server's root URL, `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** POSTs `body` to `path` as JSON; a string is sent as it is (for malformed bodies). */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Stops the channel, then closes the server and the app. */
  close(): Promise<void>;
}

/** Options of {@link serveChannel}. */
export interface ServeChannelOptions {
  /** The engine to serve (default: a new {@link channelTestEngine}). */
  engine?: Engine;
  /** Where the server's log lines are collected. */
  lines?: string[];
}

/**
 * Serves the channel `create` makes for the app (see {@link serverFor}): its routes registered, the
 * server listening on a free loopback port, the channel started.
 */
export async function serveChannel<C extends Channel>(
  create: (app: App) => C,
  options: ServeChannelOptions = {},
): Promise<ServedChannel<C>> {
  const engine = options.engine ?? channelTestEngine();
  const harness = await serverFor(engine, options.lines);
  const channel = create(harness.app);
  await channel.registerRoutes?.(harness.server);
  const base = await harness.server.listen({ port: 0, host: '127.0.0.1' });
  await channel.start?.();
  return {
    channel,
    engine,
    base,
    post: (path, body, headers = {}) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await channel.stop?.();
      await harness.close();
    },
  };
}

/** Polls `check` until it returns true (10 ms steps). */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
