/**
 * Messages between the load harness (the simulated users and fake platforms) and the server process
 * it forks (server.ts), over Node's IPC channel. Both sides parse what they receive with these
 * schemas.
 */
import { z } from 'zod';
import { Outbound } from '../../src/engine/types.js';

/** Percentiles in milliseconds. */
export const Percentiles = z.object({ p50: z.number(), p99: z.number(), max: z.number() });
/** Percentiles in milliseconds. */
export type Percentiles = z.infer<typeof Percentiles>;

/** What the harness tells the server: finish (drain, report, exit). */
export const ToServer = z.object({ type: z.literal('finish') });
/** What the harness tells the server. */
export type ToServer = z.infer<typeof ToServer>;

/** What the server tells the harness. */
export const FromServer = z.discriminatedUnion('type', [
  /** Listening at `url`, with these dialogs registered. */
  z.object({ type: z.literal('ready'), url: z.string(), dialogs: z.array(z.string()) }),
  /** One engine turn: who it was for, what the bot produced, and how long the engine took. */
  z.object({
    type: z.literal('turn'),
    channel: z.string(),
    conversationId: z.string(),
    userId: z.string(),
    replies: z.array(Outbound),
    awaiting: z.string().nullable(),
    duplicate: z.boolean(),
    engineMs: z.number(),
  }),
  /** After `finish`: the records in the store and the server's own timings, then it exits. */
  z.object({
    type: z.literal('finished'),
    records: z.array(z.object({ type: z.string(), conversation: z.string() })),
    eventLoopDelayMs: Percentiles,
    engineMs: Percentiles,
    /** Garbage collection pauses of the server (major and minor). */
    gc: z.object({ count: z.number(), totalMs: z.number(), maxMs: z.number(), majorMaxMs: z.number() }),
  }),
]);
/** What the server tells the harness. */
export type FromServer = z.infer<typeof FromServer>;

/** The server's settings, passed as its environment (the real `tanya serve` configuration). */
export interface ServerSettings {
  redisUrl: string;
  dataDir: string;
  telegramToken: string;
  telegramApiRoot: string;
  webhookSecret: string;
  rateLimitPerMinute: number;
  /** The server's log level (its output is scanned for personal data). */
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Per-chat pause between two Telegram sends once the burst is spent (ms; production: 1000). */
  paceMs: number;
}

/** The environment that configures the server process like an operator would. */
export function serverEnvironment(settings: ServerSettings): Record<string, string> {
  return {
    DATA_DIR: settings.dataDir,
    REDIS_URL: settings.redisUrl,
    LOG_LEVEL: settings.logLevel,
    // As the Docker image sets them: uploads write files, and libuv's default pool of 4 threads
    // queues them behind each other when many users upload at once; a larger young generation
    // halves the number of garbage collections (every turn allocates its session and replies).
    UV_THREADPOOL_SIZE: '16',
    NODE_OPTIONS: '--max-semi-space-size=32',
    HOST: '127.0.0.1',
    PORT: '0',
    RATE_LIMIT_PER_MINUTE: String(settings.rateLimitPerMinute),
    SLOT_CAPACITY: '1000',
    TELEGRAM_BOT_TOKEN: settings.telegramToken,
    TELEGRAM_API_ROOT: settings.telegramApiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: settings.webhookSecret,
    LOAD_TELEGRAM_PACE_MS: String(settings.paceMs),
  };
}
