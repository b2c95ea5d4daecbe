/**
 * The Telegram channel on grammY. Long polling by default; webhook mode when a webhook URL is
 * configured (a fastify route checks Telegram's secret-token header and validates the body). Both
 * feed grammY's `handleUpdate`, whose single middleware maps the update (see map.ts), hands it to
 * the engine and queues the replies on a paced {@link Outbox}. 429s are retried by
 * `@grammyjs/auto-retry`, honouring `retry_after`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import type { FastifyInstance } from 'fastify';
import { Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { App } from '../../app.js';
import { ConfigError, type Config } from '../../config.js';
import { localeFromHint } from '../../engine/session.js';
import { issueLines } from '../../http/errors.js';
import type { Address, FileRef, Locale, Outbound } from '../../engine/types.js';
import { FileFetchError, type Channel } from '../channel.js';
import { downloadWithinLimit, originOf, type DownloadPolicy } from '../download.js';
import { repliesTo, sessionLocale } from '../engine-turn.js';
import { isTransientSendError, Outbox, type OutboxOptions } from '../outbox.js';
import {
  ALLOWED_UPDATES,
  mapUpdate,
  outboundsToCalls,
  TELEGRAM_DOWNLOAD_LIMIT,
  TelegramUpdate,
  type ParseMode,
  type TelegramCall,
} from './map.js';

/** What the channel uses of the app. */
export type TelegramHost = Pick<App, 'engine' | 'translator' | 'log'>;

/** Settings of a {@link TelegramChannel}. */
export interface TelegramChannelOptions {
  token: string;
  /** Bot API server root; default `https://api.telegram.org`. */
  apiRoot?: string;
  /** Webhook mode: the public URL Telegram posts to (its path is the route) and the shared secret. */
  webhook?: { url: string; secret: string };
  /** Parse mode of bot texts (default HTML). */
  parseMode?: ParseMode;
  /** Pacing of sends (default: 1 message/s per chat, 100 ms jitter, 8 in flight). */
  outbox?: Partial<OutboxOptions>;
  /** Language when neither the session nor Telegram says (default `id`). */
  defaultLocale?: Locale;
  /** Long-polling timeout in seconds (default 30). */
  pollingTimeoutSec?: number;
  /** How long start() waits for an unreachable Bot API before going on in the background (ms, default 15 s). */
  startTimeoutMs?: number;
  /** Longest `retry_after` (s) honoured before a send is given up (default 60). */
  maxRetryAfterSec?: number;
}

const DEFAULT_API_ROOT = 'https://api.telegram.org';
const DEFAULT_API_HOST = 'api.telegram.org';

/**
 * Where file downloads may go: Telegram's own API host (public addresses only), or a Bot API server
 * the operator configured, trusted as it is (a local `telegram-bot-api` usually runs on loopback).
 */
export function telegramDownloadPolicy(apiRoot: string | undefined): DownloadPolicy {
  return apiRoot
    ? { trustedOrigins: [originOf(apiRoot)] }
    : { trustedOrigins: [], publicHosts: (host) => host === DEFAULT_API_HOST };
}
const DEFAULT_WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** A bounded set that forgets its oldest members. */
class RecentSet<T> {
  readonly #items = new Set<T>();
  constructor(readonly max: number) {}
  has(item: T): boolean {
    return this.#items.has(item);
  }
  add(item: T): void {
    this.#items.delete(item);
    this.#items.add(item);
    if (this.#items.size > this.max) this.#items.delete(this.#items.values().next().value as T);
  }
  delete(item: T): void {
    this.#items.delete(item);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time comparison of the secret-token header with the configured secret. */
function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  return typeof header === 'string' && timingSafeEqual(digest(header), digest(secret));
}

/** The route path a webhook URL implies (`/telegram/webhook` for a bare host). */
export function webhookPath(url: string): string {
  const path = new URL(url).pathname;
  return path === '/' || path === '' ? DEFAULT_WEBHOOK_PATH : path;
}

function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) {
    return { method: error.method, code: error.error_code, description: error.description };
  }
  return { err: error instanceof Error ? error.message : String(error) };
}

/** The Telegram {@link Channel}. */
export class TelegramChannel implements Channel {
  readonly name = 'telegram';
  readonly #host: TelegramHost;
  readonly #options: TelegramChannelOptions;
  readonly #apiRoot: string;
  readonly #downloads: DownloadPolicy;
  readonly #bot: Bot;
  readonly #outbox: Outbox;
  readonly #parseMode: ParseMode;
  /** Update ids already handled (Telegram redelivers when a webhook answer is slow or lost). */
  readonly #seenUpdates = new RecentSet<number>(4096);
  /** Chats that currently show the location reply keyboard. */
  readonly #keyboardShown = new RecentSet<string>(50_000);
  #polling: Promise<void> | undefined;
  #stopping = false;

  constructor(host: TelegramHost, options: TelegramChannelOptions) {
    this.#host = host;
    this.#options = options;
    this.#apiRoot = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
    this.#downloads = telegramDownloadPolicy(options.apiRoot);
    this.#parseMode = options.parseMode ?? 'HTML';
    this.#outbox = new Outbox({
      // Telegram: about one message a second per chat, short bursts allowed (a turn's 2-3 messages).
      minIntervalMs: 1000,
      jitterMs: 100,
      burst: 3,
      concurrency: 8,
      // auto-retry (below) already retried 429s and 5xx answers; the outbox retries what it rethrows:
      // network failures (grammY's HttpError).
      retryable: (error) => !(error instanceof GrammyError) && isTransientSendError(error),
      ...options.outbox,
    });
    this.#bot = new Bot(options.token, { client: { apiRoot: this.#apiRoot } });
    this.#bot.api.config.use(
      autoRetry({
        maxRetryAttempts: 5,
        maxDelaySeconds: options.maxRetryAfterSec ?? 60,
        rethrowHttpErrors: true,
      }),
    );
    this.#bot.use(async (ctx) => this.#onUpdate(ctx.update));
    this.#bot.catch((error) => {
      host.log.error(
        { update: error.ctx.update.update_id, ...describeError(error.error) },
        'telegram: update failed',
      );
    });
  }

  /** Whether updates arrive by webhook (else long polling). */
  get mode(): 'webhook' | 'polling' {
    return this.#options.webhook ? 'webhook' : 'polling';
  }

  /** Adds the webhook route (webhook mode only). */
  registerRoutes(server: FastifyInstance): void {
    const webhook = this.#options.webhook;
    if (!webhook) return;
    const log = this.#host.log;
    server.post(
      webhookPath(webhook.url),
      {
        // Checked before the body is read: a caller without the secret gets nothing processed.
        onRequest: async (request, reply) => {
          if (!secretMatches(request.headers[SECRET_HEADER], webhook.secret)) {
            log.warn({ ip: request.ip }, 'telegram webhook: wrong or missing secret token');
            return reply.code(401).send({ error: 'unauthorized' });
          }
        },
      },
      async (request, reply) => {
        const parsed = TelegramUpdate.safeParse(request.body);
        if (!parsed.success) {
          log.warn({ issues: issueLines(parsed.error) }, 'telegram webhook: malformed update');
          return reply.code(400).send({ error: 'malformed update' });
        }
        if (this.#stopping || !this.#bot.isInited()) {
          return reply.code(503).send({ error: 'not ready' });
        }
        try {
          await this.#bot.handleUpdate(request.body as Update);
        } catch (error) {
          // Already acknowledged below: a retry would be dropped as a duplicate anyway.
          log.error({ update: parsed.data.update_id, ...describeError(error) }, 'telegram: update failed');
        }
        return reply.code(200).send({ ok: true });
      },
    );
  }

  /**
   * Webhook mode: registers the webhook with Telegram. Polling mode: starts long polling. Resolves
   * once running; rejects on a permanent error (a wrong token). When the Bot API is unreachable
   * (grammY keeps retrying), resolves after `startTimeoutMs` with a warning and keeps trying in
   * the background, so the rest of the server is not held up.
   */
  async start(): Promise<void> {
    const log = this.#host.log;
    const webhook = this.#options.webhook;
    let running: Promise<void>;
    if (webhook) {
      running = (async () => {
        await this.#bot.init();
        await this.#bot.api.setWebhook(webhook.url, {
          secret_token: webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        log.info(
          { bot: this.#bot.botInfo.username, path: webhookPath(webhook.url) },
          'Telegram is on (webhook mode)',
        );
      })();
    } else {
      running = new Promise<void>((resolve, reject) => {
        this.#polling = this.#bot
          .start({
            allowed_updates: [...ALLOWED_UPDATES],
            timeout: this.#options.pollingTimeoutSec ?? 30,
            onStart: (me) => {
              log.info({ bot: me.username }, 'Telegram is on (long polling)');
              resolve();
            },
          })
          .catch((error: unknown) => {
            if (this.#stopping) log.debug(describeError(error), 'telegram: long polling cancelled');
            else log.error(describeError(error), 'telegram: long polling stopped');
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#options.startTimeoutMs ?? 15_000);
      timer.unref();
    });
    const outcome = await Promise.race([running.then(() => 'running' as const), timedOut]).finally(() =>
      clearTimeout(timer),
    );
    if (outcome === 'timeout') {
      log.warn('Telegram: the Bot API is not reachable yet; still trying in the background');
      running.catch((error: unknown) => {
        if (!this.#stopping) log.error(describeError(error), 'telegram: could not start');
      });
    }
  }

  /** Stops polling (webhook requests get 503), lets in-flight updates finish and flushes the outbox. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#bot.isRunning()) {
      await this.#bot.stop().catch((error: unknown) => {
        this.#host.log.warn(describeError(error), 'telegram: could not confirm the last update offset');
      });
    }
    await this.#polling;
    await this.#outbox.drain();
  }

  /** Delivers outbounds to a chat (agent replies, notifications); rejects when a send failed. */
  async send(address: Address, outbounds: readonly Outbound[]): Promise<void> {
    await this.#deliver(address, outbounds);
  }

  /** Downloads a file a user sent (`ref` = file_id), up to `maxBytes` and the Bot API's 20 MB. */
  async fetchFile(file: FileRef, maxBytes: number): Promise<Buffer> {
    const limit = Math.min(maxBytes, TELEGRAM_DOWNLOAD_LIMIT);
    const tooLarge = () =>
      new FileFetchError(
        'too_large',
        `file is larger than ${limit} bytes (Telegram bots may download up to 20 MB)`,
      );
    if (file.size !== undefined && file.size > limit) throw tooLarge();
    let info;
    try {
      info = await this.#bot.api.getFile(file.ref);
    } catch (error) {
      if (error instanceof GrammyError && /too big/i.test(error.description)) throw tooLarge();
      if (error instanceof GrammyError && error.error_code === 400) {
        throw new FileFetchError('not_found', `telegram: ${error.description}`);
      }
      throw new FileFetchError('unavailable', 'telegram: getFile failed');
    }
    if (info.file_size !== undefined && info.file_size > limit) throw tooLarge();
    if (!info.file_path) throw new FileFetchError('expired', 'telegram: the file is no longer available');
    const url = `${this.#apiRoot}/file/bot${this.#options.token}/${encodeURI(info.file_path)}`;
    return downloadWithinLimit(url, {
      policy: this.#downloads,
      limit,
      tooLarge,
      goneStatuses: [404],
      channel: 'telegram',
      noun: 'file',
    });
  }

  async #onUpdate(raw: unknown): Promise<void> {
    const log = this.#host.log;
    const parsed = TelegramUpdate.safeParse(raw);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.length }, 'telegram: malformed update ignored');
      return;
    }
    const update = parsed.data;
    if (this.#seenUpdates.has(update.update_id)) {
      log.debug({ update: update.update_id }, 'telegram: duplicate update dropped');
      return;
    }
    this.#seenUpdates.add(update.update_id);
    const mapped = mapUpdate(update);
    switch (mapped.type) {
      case 'ignore':
        return;
      case 'answer_only':
        await this.#answerCallback(mapped.callbackQueryId);
        return;
      case 'unsupported': {
        const locale = await this.#locale(mapped.address, mapped.localeHint);
        const text = this.#host.translator.translate(locale)('telegram:unsupported');
        log.info({ kind: mapped.what }, 'telegram: unsupported message kind');
        this.#deliver(mapped.address, [{ kind: 'text', text }], mapped.localeHint).catch(() => undefined);
        return;
      }
      case 'inbound': {
        if (mapped.callbackQueryId) await this.#answerCallback(mapped.callbackQueryId);
        const replies = await repliesTo(this.#host.engine, mapped.inbound, (error) => {
          log.error(describeError(error), 'telegram: the engine rejected an inbound');
        });
        if (replies.length === 0) return;
        // Not awaited: pacing must not hold up the next update; failures are logged in #deliver.
        this.#deliver(mapped.inbound.address, replies, mapped.inbound.localeHint).catch(() => undefined);
      }
    }
  }

  async #answerCallback(id: string): Promise<void> {
    try {
      await this.#bot.api.answerCallbackQuery(id);
    } catch (error) {
      this.#host.log.warn(describeError(error), 'telegram: answerCallbackQuery failed');
    }
  }

  /** The session's language; without one (or with the store down), the platform's hint or the default. */
  async #locale(address: Address, hint: string | undefined): Promise<Locale> {
    const stored = await sessionLocale(this.#host.engine, address);
    if (stored) return stored;
    return hint ? localeFromHint(hint) : (this.#options.defaultLocale ?? 'id');
  }

  /** Queues the calls for `outbounds` on the chat's lane; resolves when all were sent. */
  async #deliver(address: Address, outbounds: readonly Outbound[], hint?: string): Promise<void> {
    const key = address.conversationId;
    const chatId = /^-?\d+$/.test(key) ? Number(key) : key;
    const needsLabel = outbounds.some((outbound) => outbound.kind === 'request_location');
    const label = needsLabel
      ? this.#host.translator.translate(await this.#locale(address, hint))('telegram:share_location')
      : '';
    const { calls, replyKeyboardShown } = outboundsToCalls(chatId, outbounds, {
      parseMode: this.#parseMode,
      locationButtonLabel: label,
      replyKeyboardShown: this.#keyboardShown.has(key),
    });
    if (replyKeyboardShown) this.#keyboardShown.add(key);
    else this.#keyboardShown.delete(key);
    const failures: unknown[] = [];
    await Promise.all(
      calls.map((call) =>
        this.#outbox
          .enqueue(key, () => this.#execute(call))
          .catch((error: unknown) => {
            failures.push(error);
            this.#host.log.warn(describeError(error), 'telegram: send failed');
          }),
      ),
    );
    if (failures.length > 0) throw failures[0];
  }

  async #execute(call: TelegramCall): Promise<void> {
    const api = this.#bot.api.raw;
    if (call.method === 'sendVenue') {
      await api.sendVenue(call.payload);
      return;
    }
    try {
      await api.sendMessage(call.payload);
    } catch (error) {
      // A formatting bug must not cost the user the message: resend it without a parse mode.
      if (
        error instanceof GrammyError &&
        error.error_code === 400 &&
        /parse entities/i.test(error.description)
      ) {
        this.#host.log.warn(
          { description: error.description },
          'telegram: formatting rejected; sent as plain text',
        );
        const { parse_mode: _mode, ...rest } = call.payload;
        await api.sendMessage({ ...rest, text: call.plain });
        return;
      }
      throw error;
    }
  }
}

/** Settings the factory reads. */
export type TelegramConfig = Pick<
  Config,
  | 'TELEGRAM_BOT_TOKEN'
  | 'TELEGRAM_WEBHOOK_URL'
  | 'TELEGRAM_WEBHOOK_SECRET'
  | 'TELEGRAM_API_ROOT'
  | 'DEFAULT_LOCALE'
>;

/** Builds the Telegram channel from configuration; throws {@link ConfigError} when it is incomplete. */
export function createTelegramChannel(
  app: TelegramHost,
  config: TelegramConfig,
  overrides: Partial<TelegramChannelOptions> = {},
): TelegramChannel {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new ConfigError('TELEGRAM_BOT_TOKEN is not set');
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET must be set when TELEGRAM_WEBHOOK_URL is set');
  }
  return new TelegramChannel(app, {
    token,
    defaultLocale: config.DEFAULT_LOCALE,
    ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
    ...(config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
      ? { webhook: { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET } }
      : {}),
    ...overrides,
  });
}
