/**
 * The WhatsApp channel on Baileys (an unofficial WhatsApp Web client): pairing by QR or pairing code,
 * durable auth state, a Redis lease so one instance holds the number, reconnects with backoff,
 * inbound messages into the engine (deduped, with read receipts and "typing…"), paced replies and
 * media downloads. The socket is made by an injectable factory so tests drive a fake one.
 */
import {
  DisconnectReason,
  downloadMediaMessage,
  makeCacheableSignalKeyStore,
  makeWASocket,
  type AnyMessageContent,
  type BaileysEventEmitter,
  type BaileysEventMap,
  type ConnectionState,
  type proto,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
  type WAPresence,
} from '@whiskeysockets/baileys';
import qrcodeTerminal from 'qrcode-terminal';
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import type { Engine } from '../../engine/engine.js';
import {
  conversationKey,
  type Address,
  type FileRef,
  type Locale,
  type Outbound,
} from '../../engine/types.js';
import type { Log } from '../../log/logger.js';
import { connectRedis, type TanyaRedis } from '../../store/redis-client.js';
import { FileFetchError, type Channel } from '../channel.js';
import { repliesTo, sessionLocale } from '../engine-turn.js';
import { Outbox, type OutboxOptions } from '../outbox.js';
import { openAuthState, whatsappNamespace, type WhatsAppAuthState } from './auth-state.js';
import { NoopLease, RedisLease, type Lease } from './lease.js';
import { BoundedMap } from './lru.js';
import { checkMediaUrl } from './media-url.js';
import {
  mapWhatsAppMessage,
  needsLocale,
  outboundToWhatsApp,
  WHATSAPP_CHANNEL,
  type MappedMessage,
} from './map.js';

/** Baileys' logger interface (pino-compatible; not exported by the package index). */
export type ILogger = NonNullable<UserFacingSocketConfig['logger']>;

/** The part of a Baileys socket the channel uses; `makeWASocket`'s result satisfies it. */
export interface WhatsAppSocket {
  readonly ev: BaileysEventEmitter;
  sendMessage(jid: string, content: AnyMessageContent): Promise<WAMessage | undefined>;
  readMessages(keys: WAMessageKey[]): Promise<void>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  updateMediaMessage(message: WAMessage): Promise<WAMessage>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  end(error: Error | undefined): void | Promise<void>;
}

/** Makes a socket from a Baileys socket config (default: `makeWASocket`). */
export type SocketFactory = (config: UserFacingSocketConfig) => WhatsAppSocket;

/** What a media download needs besides the message: re-upload for expired media, and a logger. */
export interface DownloadContext {
  reuploadRequest(message: WAMessage): Promise<WAMessage>;
  logger: ILogger;
}

/** Downloads and decrypts a media message (default: Baileys' `downloadMediaMessage` as a stream). */
export type MediaDownloader = (
  message: WAMessage,
  context: DownloadContext,
) => Promise<AsyncIterable<Uint8Array> | Buffer>;

/** Timers, injectable so lifecycle tests control time. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where the channel is in its life. */
export type WhatsAppStatus =
  | 'stopped'
  | 'standby'
  | 'connecting'
  | 'pairing'
  | 'open'
  | 'reconnecting'
  | 'logged_out'
  | 'replaced'
  | 'forbidden';

/** The configuration the channel reads (see {@link whatsappSettings}). */
export interface WhatsAppSettings {
  /** Names the number's auth state and lease (`WHATSAPP_NUMBER_ID`). */
  numberId: string;
  /** Log in with a pairing code for this number instead of a QR (`WHATSAPP_PAIRING_NUMBER`). */
  pairingNumber?: string;
  /** Answer in groups (`WHATSAPP_ALLOW_GROUPS`). */
  allowGroups: boolean;
  /** Absolute data directory (file auth state when there is no Redis). */
  dataDir: string;
  redisUrl?: string;
  redisPrefix: string;
  defaultLocale: Locale;
}

/** The settings of the WhatsApp channel from the parsed configuration. */
export function whatsappSettings(config: Config, dataDir: string): WhatsAppSettings {
  return {
    numberId: config.WHATSAPP_NUMBER_ID,
    ...(config.WHATSAPP_PAIRING_NUMBER ? { pairingNumber: config.WHATSAPP_PAIRING_NUMBER } : {}),
    allowGroups: config.WHATSAPP_ALLOW_GROUPS,
    dataDir,
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    redisPrefix: config.REDIS_PREFIX,
    defaultLocale: config.DEFAULT_LOCALE,
  };
}

/** Injectable parts and tuning; every field has a production default. */
export interface WhatsAppChannelOptions {
  socketFactory?: SocketFactory;
  download?: MediaDownloader;
  /** A Redis client to share; otherwise the channel connects to `redisUrl` itself (and closes it). */
  redis?: TanyaRedis;
  lease?: Lease;
  /** Opens the auth state (default: Redis when configured, else files in the data directory). */
  openAuth?: () => Promise<WhatsAppAuthState>;
  /**
   * The reply outbox, or settings for one. Defaults for WhatsApp: ≥ 1 s (+ up to 0.6 s jitter)
   * between two messages to one chat, at most 4 sends in flight overall.
   */
  outbox?: Outbox | Partial<OutboxOptions>;
  scheduler?: Scheduler;
  /** Random source in [0, 1) for the reconnect jitter. */
  random?: () => number;
  /** Shows a QR to the operator (default: qrcode-terminal on stdout). */
  printQr?: (qr: string) => void;
  /** Reconnect backoff: first delay and cap (ms; default 1 s and 60 s), with jitter. */
  backoff?: { baseMs?: number; maxMs?: number };
  /** How often the lease is renewed and a standby instance retries (ms; default ttl/3 and ttl/2). */
  leaseRenewMs?: number;
  standbyRetryMs?: number;
  /** How long a reply waits for a closed socket to reopen before failing (ms, default 30 s). */
  sendWaitMs?: number;
  /** Remembered message ids for dedupe (default 5000) and media messages for download (default 500). */
  dedupeSize?: number;
  mediaCacheSize?: number;
}

/** The parts of the app the channel needs. */
export interface WhatsAppChannelDeps {
  engine: Engine;
  log: Log;
  settings: WhatsAppSettings;
}

/** WhatsApp pacing: unhurried, person-like sending; bursts from an unofficial client invite bans. */
export const WHATSAPP_PACING: Partial<OutboxOptions> = { minIntervalMs: 1000, jitterMs: 600, concurrency: 4 };

const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Baileys' download, after {@link checkMediaUrl} (the URL is written by the sending client). */
const defaultDownload: MediaDownloader = async (message, context) => {
  await checkMediaUrl(message);
  return downloadMediaMessage(
    message,
    'stream',
    {},
    {
      ...context,
      reuploadRequest: async (stale) => {
        const fresh = await context.reuploadRequest(stale);
        await checkMediaUrl(fresh);
        return fresh;
      },
    },
  );
};

function printQrToTerminal(qr: string): void {
  qrcodeTerminal.generate(qr, { small: true }, (art) => process.stdout.write(`${art}\n`));
}

/** The HTTP-like status code Baileys puts on a disconnect error (a Boom), if any. */
export function disconnectCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('output' in error)) return undefined;
  const output = (error as { output?: { statusCode?: unknown } }).output;
  return typeof output?.statusCode === 'number' ? output.statusCode : undefined;
}

/** Pino levels from most to least verbose. */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Baileys is chatty: its logs go at `warn` unless Tanya itself runs at debug/trace or quieter than warn. */
function baileysLogger(log: Log): ILogger {
  const parent = LEVELS.indexOf(log.level);
  const level = parent <= 1 || parent > 3 ? log.level : 'warn';
  return log.child({ module: 'baileys' }, { level });
}

/** A {@link Channel} for WhatsApp through Baileys. */
export class WhatsAppChannel implements Channel {
  readonly name = WHATSAPP_CHANNEL;
  readonly #engine: Engine;
  readonly #log: Log;
  readonly #settings: WhatsAppSettings;
  readonly #options: WhatsAppChannelOptions;
  readonly #scheduler: Scheduler;
  readonly #random: () => number;
  readonly #outbox: Outbox;
  readonly #seen: BoundedMap<string, true>;
  readonly #media: BoundedMap<string, WAMessage>;
  readonly #phones = new BoundedMap<string, string>(10_000);
  readonly #sent = new BoundedMap<string, proto.IMessage>(500);
  readonly #timers = new Map<string, unknown>();
  readonly #turns = new Set<Promise<void>>();
  #openWaiters: Array<{ resolve: (socket: WhatsAppSocket) => void; reject: (error: Error) => void }> = [];
  #status: WhatsAppStatus = 'stopped';
  #running = false;
  #socket: WhatsAppSocket | undefined;
  #open = false;
  #auth: WhatsAppAuthState | undefined;
  #redis: TanyaRedis | undefined;
  #ownsRedis = false;
  #lease: Lease | undefined;
  #lastRenewal = 0;
  #attempts = 0;
  #qr: string | undefined;
  #pairingCode: string | undefined;
  #pairingRequested = false;
  #baileysLog: ILogger | undefined;
  /** Bumped whenever a pending connect must not go on (lease lost, stop). */
  #generation = 0;

  constructor(deps: WhatsAppChannelDeps, options: WhatsAppChannelOptions = {}) {
    this.#engine = deps.engine;
    this.#log = deps.log;
    this.#settings = deps.settings;
    this.#options = options;
    this.#scheduler = options.scheduler ?? realScheduler;
    this.#random = options.random ?? Math.random;
    this.#outbox =
      options.outbox instanceof Outbox
        ? options.outbox
        : new Outbox({ ...WHATSAPP_PACING, ...options.outbox });
    this.#seen = new BoundedMap(options.dedupeSize ?? 5000);
    this.#media = new BoundedMap(options.mediaCacheSize ?? 500);
  }

  /** Where the channel is: `open` when connected, `pairing` while a QR or code waits, and so on. */
  get status(): WhatsAppStatus {
    return this.#status;
  }

  /** The latest pairing QR (a string to render as a QR code), while one is waiting to be scanned. */
  currentQr(): string | undefined {
    return this.#qr;
  }

  /** The pairing code to type in WhatsApp, when logging in with `WHATSAPP_PAIRING_NUMBER`. */
  currentPairingCode(): string | undefined {
    return this.#pairingCode;
  }

  /** The phone-number JID WhatsApp revealed for a LID conversation, if it did. */
  phoneNumberOf(conversationId: string): string | undefined {
    return this.#phones.get(conversationId);
  }

  /** Takes the number's lease (or stands by until it is free) and connects. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#redis = this.#options.redis;
    if (!this.#redis && this.#settings.redisUrl) {
      this.#redis = await connectRedis(this.#settings.redisUrl, {}, (error) =>
        this.#log.debug({ err: error.message }, 'WhatsApp Redis connection error'),
      );
      this.#ownsRedis = true;
    }
    const namespace = whatsappNamespace(this.#settings.redisPrefix, this.#settings.numberId);
    this.#lease =
      this.#options.lease ??
      (this.#redis ? new RedisLease(this.#redis, `${namespace}lease`) : new NoopLease());
    await this.#acquire();
  }

  /** Stops taking messages, lets in-flight turns and deliveries finish, disconnects, frees the lease. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#generation += 1;
    for (const handle of this.#timers.values()) this.#scheduler.clearTimeout(handle);
    this.#timers.clear();
    if (!this.#open) this.#rejectWaiters(new Error('WhatsApp channel stopped'));
    await this.idle();
    this.#rejectWaiters(new Error('WhatsApp channel stopped'));
    this.#closeSocket();
    this.#status = 'stopped';
    await this.#lease
      ?.release()
      .catch((error: unknown) => this.#log.warn({ err: error }, 'lease release failed'));
    if (this.#ownsRedis && this.#redis?.isOpen) await this.#redis.close();
    this.#redis = undefined;
  }

  /** Resolves once in-flight turns and their paced deliveries are done. */
  async idle(): Promise<void> {
    while (this.#turns.size) await Promise.allSettled([...this.#turns]);
    await this.#outbox.drain();
  }

  /** Delivers outbounds to a WhatsApp conversation (agent replies, notifications), paced. */
  async send(address: Address, outbounds: readonly Outbound[]): Promise<void> {
    if (address.channel !== WHATSAPP_CHANNEL) throw new Error(`not a WhatsApp address: ${address.channel}`);
    await this.#deliver(address, outbounds);
  }

  /** Downloads a file a user sent (re-requesting expired media from the phone), at most `maxBytes`. */
  async fetchFile(file: FileRef, maxBytes: number): Promise<Buffer> {
    if (!file.ref.startsWith('wa:'))
      throw new FileFetchError('not_found', `not a WhatsApp file: ${file.ref}`);
    const message = this.#media.get(file.ref);
    if (!message) {
      throw new FileFetchError(
        'expired',
        'the WhatsApp message is no longer held here; ask for the file again',
      );
    }
    if (file.size !== undefined && file.size > maxBytes) {
      throw new FileFetchError('too_large', `file is ${file.size} bytes, the limit is ${maxBytes}`);
    }
    const download = this.#options.download ?? defaultDownload;
    try {
      const source = await download(message, {
        reuploadRequest: (stale) => this.#requireSocket().updateMediaMessage(stale),
        logger: this.#baileysLogger(),
      });
      if (Buffer.isBuffer(source)) {
        if (source.length > maxBytes) throw tooLarge(maxBytes);
        return source;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of source) {
        total += chunk.length;
        if (total > maxBytes) throw tooLarge(maxBytes);
        chunks.push(Buffer.from(chunk));
      }
      return Buffer.concat(chunks, total);
    } catch (error) {
      if (error instanceof FileFetchError) throw error;
      const code = disconnectCode(error);
      if (code === 404 || code === 410)
        throw new FileFetchError('expired', 'WhatsApp no longer has this media');
      this.#log.warn({ err: error }, 'WhatsApp media download failed');
      throw new FileFetchError('unavailable', `WhatsApp media download failed: ${(error as Error).message}`);
    }
  }

  // ---- lease -----------------------------------------------------------------------------------------

  async #acquire(): Promise<void> {
    if (!this.#running || !this.#lease) return;
    let held = false;
    try {
      held = await this.#lease.acquire();
    } catch (error) {
      this.#log.warn({ err: error }, 'could not take the WhatsApp lease');
    }
    if (!this.#running) return;
    if (!held) {
      if (this.#status !== 'standby') {
        this.#log.info(
          { numberId: this.#settings.numberId },
          'another instance holds this WhatsApp number; standing by to take over',
        );
      }
      this.#status = 'standby';
      this.#schedule(
        'lease',
        this.#options.standbyRetryMs ?? this.#lease.ttlMs / 2,
        () => void this.#acquire(),
      );
      return;
    }
    this.#lastRenewal = Date.now();
    this.#scheduleRenewal();
    await this.#connect();
  }

  #scheduleRenewal(): void {
    const lease = this.#lease;
    if (!lease || lease instanceof NoopLease) return;
    this.#schedule('lease', this.#options.leaseRenewMs ?? lease.ttlMs / 3, () => {
      void lease.renew().then(
        (ok) => {
          if (ok) {
            this.#lastRenewal = Date.now();
            this.#scheduleRenewal();
          } else this.#leaseLost();
        },
        (error: unknown) => {
          this.#log.warn({ err: error }, 'WhatsApp lease renewal failed');
          if (Date.now() - this.#lastRenewal >= (lease.ttlMs * 2) / 3) this.#leaseLost();
          else this.#scheduleRenewal();
        },
      );
    });
  }

  #leaseLost(): void {
    if (!this.#running) return;
    this.#log.error(
      { numberId: this.#settings.numberId },
      'lost the WhatsApp lease (another instance may take over): disconnecting',
    );
    this.#generation += 1;
    this.#closeSocket();
    this.#clearTimer('reconnect');
    // Another holder may write newer keys meanwhile: read the state afresh when the lease returns.
    this.#auth = undefined;
    this.#status = 'standby';
    this.#schedule(
      'lease',
      this.#options.standbyRetryMs ?? (this.#lease?.ttlMs ?? 30_000) / 2,
      () => void this.#acquire(),
    );
  }

  // ---- connection ------------------------------------------------------------------------------------

  async #connect(): Promise<void> {
    if (!this.#running) return;
    const generation = ++this.#generation;
    this.#status = this.#attempts > 0 ? 'reconnecting' : 'connecting';
    let socket: WhatsAppSocket;
    let auth: WhatsAppAuthState;
    try {
      auth = this.#auth ??= await this.#openAuth();
      if (!this.#running || generation !== this.#generation) return;
      const logger = this.#baileysLogger();
      const allowGroups = this.#settings.allowGroups;
      socket = (this.#options.socketFactory ?? makeWASocket)({
        auth: { creds: auth.state.creds, keys: makeCacheableSignalKeyStore(auth.state.keys, logger) },
        logger,
        markOnlineOnConnect: false,
        syncFullHistory: false,
        shouldIgnoreJid: (jid) =>
          jid.endsWith('@broadcast') ||
          jid.endsWith('@newsletter') ||
          (!allowGroups && jid.endsWith('@g.us')),
        getMessage: async (key) => (key.id ? this.#sent.get(key.id) : undefined),
      });
    } catch (error) {
      this.#log.error({ err: error }, 'could not start the WhatsApp socket');
      this.#reconnectLater();
      return;
    }
    this.#socket = socket;
    this.#open = false;
    this.#pairingRequested = false;
    socket.ev.on('creds.update', () => {
      // After a logout the old state is cleared and must not be written back.
      if (this.#auth !== auth) return;
      auth
        .saveCreds()
        .catch((error: unknown) => this.#log.error({ err: error }, 'saving WhatsApp credentials failed'));
    });
    socket.ev.on('connection.update', (update) => {
      if (this.#socket === socket) this.#onConnectionUpdate(socket, auth, update);
    });
    socket.ev.on('messages.upsert', (upsert) => {
      if (this.#socket === socket) this.#onUpsert(upsert);
    });
  }

  #openAuth(): Promise<WhatsAppAuthState> {
    if (this.#options.openAuth) return this.#options.openAuth();
    return openAuthState({
      numberId: this.#settings.numberId,
      dataDir: this.#settings.dataDir,
      prefix: this.#settings.redisPrefix,
      ...(this.#redis ? { redis: this.#redis } : {}),
    });
  }

  #onConnectionUpdate(
    socket: WhatsAppSocket,
    auth: WhatsAppAuthState,
    update: Partial<ConnectionState>,
  ): void {
    if (update.qr) this.#onQr(socket, auth, update.qr);
    if (update.connection === 'open') {
      this.#open = true;
      this.#attempts = 0;
      this.#status = 'open';
      this.#qr = undefined;
      this.#pairingCode = undefined;
      this.#log.info(
        { numberId: this.#settings.numberId, me: auth.state.creds.me?.id },
        'WhatsApp connected',
      );
      for (const waiter of this.#openWaiters.splice(0)) waiter.resolve(socket);
    } else if (update.connection === 'close') {
      this.#onClose(update.lastDisconnect?.error);
    }
  }

  #onQr(socket: WhatsAppSocket, auth: WhatsAppAuthState, qr: string): void {
    this.#qr = qr;
    this.#status = 'pairing';
    const number = this.#settings.pairingNumber;
    if (number && !auth.state.creds.registered) {
      if (this.#pairingRequested) return;
      this.#pairingRequested = true;
      socket.requestPairingCode(number).then(
        (code) => {
          this.#pairingCode = code;
          this.#log.warn(
            { pairingCode: code },
            'WhatsApp pairing: on the phone open Linked devices → Link a device → Link with phone number, and type this code',
          );
        },
        (error: unknown) => this.#log.error({ err: error }, 'requesting a WhatsApp pairing code failed'),
      );
      return;
    }
    (this.#options.printQr ?? printQrToTerminal)(qr);
    this.#log.info('WhatsApp pairing: scan the QR code above in WhatsApp → Linked devices → Link a device');
  }

  #onClose(error: Error | undefined): void {
    this.#socket = undefined;
    this.#open = false;
    if (!this.#running) return;
    const code = disconnectCode(error);
    const numberId = this.#settings.numberId;
    switch (code) {
      case DisconnectReason.loggedOut:
        this.#status = 'logged_out';
        this.#log.error(
          { alert: 'whatsapp_logged_out', numberId },
          'WhatsApp logged this number out (device unlinked?): auth state cleared, pair again with the new QR or code',
        );
        void this.#resetAuth().then(() => {
          if (!this.#running) return;
          this.#attempts = 0;
          this.#schedule('reconnect', 0, () => void this.#connect());
        });
        return;
      case DisconnectReason.restartRequired:
        this.#log.info('WhatsApp asked for a restart (normal right after pairing): reconnecting');
        this.#schedule('reconnect', 0, () => void this.#connect());
        return;
      case DisconnectReason.connectionReplaced:
        this.#status = 'replaced';
        this.#log.error(
          { alert: 'whatsapp_connection_replaced', numberId },
          'another WhatsApp Web session replaced this one; not reconnecting (restart Tanya once the other session is gone)',
        );
        this.#clearTimer('lease');
        this.#rejectWaiters(new Error('WhatsApp connection replaced'));
        void this.#lease?.release().catch(() => undefined);
        return;
      case DisconnectReason.forbidden:
        this.#status = 'forbidden';
        this.#log.error(
          { alert: 'whatsapp_forbidden', numberId },
          'WhatsApp refused this number (banned or restricted?); not reconnecting',
        );
        this.#rejectWaiters(new Error('WhatsApp refused the number'));
        return;
      default:
        this.#log.warn({ code, reason: error?.message }, 'WhatsApp connection closed; reconnecting');
        this.#reconnectLater();
    }
  }

  async #resetAuth(): Promise<void> {
    const auth = this.#auth;
    this.#auth = undefined;
    this.#qr = undefined;
    this.#pairingCode = undefined;
    try {
      await auth?.clear();
    } catch (error) {
      this.#log.error({ err: error }, 'clearing the WhatsApp auth state failed');
    }
  }

  #reconnectLater(): void {
    if (!this.#running) return;
    const base = this.#options.backoff?.baseMs ?? 1000;
    const max = this.#options.backoff?.maxMs ?? 60_000;
    const ceiling = Math.min(max, base * 2 ** Math.min(this.#attempts, 30));
    const delay = Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
    this.#attempts += 1;
    this.#status = 'reconnecting';
    this.#schedule('reconnect', delay, () => void this.#connect());
  }

  #closeSocket(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#open = false;
    if (!socket) return;
    try {
      void Promise.resolve(socket.end(undefined)).catch(() => undefined);
    } catch {
      // already closed
    }
  }

  #requireSocket(): WhatsAppSocket {
    if (!this.#socket) throw new Error('WhatsApp is not connected');
    return this.#socket;
  }

  /** The open socket, waiting up to `sendWaitMs` for a reconnect. */
  #openSocket(): Promise<WhatsAppSocket> {
    if (this.#socket && this.#open) return Promise.resolve(this.#socket);
    if (!this.#running) return Promise.reject(new Error('WhatsApp channel stopped'));
    if (this.#status === 'replaced' || this.#status === 'forbidden') {
      return Promise.reject(new Error(`WhatsApp is not connected (${this.#status})`));
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (socket: WhatsAppSocket) => {
          this.#scheduler.clearTimeout(timer);
          resolve(socket);
        },
        reject: (error: Error) => {
          this.#scheduler.clearTimeout(timer);
          reject(error);
        },
      };
      const timer = this.#scheduler.setTimeout(() => {
        this.#openWaiters = this.#openWaiters.filter((other) => other !== waiter);
        reject(new Error('WhatsApp is not connected'));
      }, this.#options.sendWaitMs ?? 30_000);
      this.#openWaiters.push(waiter);
    });
  }

  #rejectWaiters(error: Error): void {
    for (const waiter of this.#openWaiters.splice(0)) waiter.reject(error);
  }

  #schedule(name: string, ms: number, callback: () => void): void {
    this.#clearTimer(name);
    const handle = this.#scheduler.setTimeout(() => {
      this.#timers.delete(name);
      callback();
    }, ms);
    this.#timers.set(name, handle);
  }

  #clearTimer(name: string): void {
    const handle = this.#timers.get(name);
    if (handle !== undefined) this.#scheduler.clearTimeout(handle);
    this.#timers.delete(name);
  }

  #baileysLogger(): ILogger {
    return (this.#baileysLog ??= baileysLogger(this.#log));
  }

  // ---- inbound ---------------------------------------------------------------------------------------

  #onUpsert(upsert: BaileysEventMap['messages.upsert']): void {
    // `append` upserts are history and our own sends from other devices, not new user messages.
    if (upsert.type !== 'notify' || !this.#running) return;
    for (const message of upsert.messages) this.#receive(message);
  }

  #receive(message: WAMessage): void {
    const mapped = mapWhatsAppMessage(message, { allowGroups: this.#settings.allowGroups });
    if (!mapped.ok) {
      this.#log.debug({ reason: mapped.reason, detail: mapped.detail }, 'WhatsApp message ignored');
      return;
    }
    const { inbound, phoneJid } = mapped;
    if (!this.#seen.remember(inbound.id, true)) {
      this.#log.debug({ id: inbound.id }, 'duplicate WhatsApp upsert dropped');
      return;
    }
    if (phoneJid) this.#phones.set(inbound.address.conversationId, phoneJid);
    if (inbound.kind === 'image' || inbound.kind === 'document') this.#media.set(inbound.file.ref, message);
    const turn = this.#turn(message, mapped);
    this.#turns.add(turn);
    void turn.finally(() => this.#turns.delete(turn));
  }

  async #turn(message: WAMessage, mapped: MappedMessage): Promise<void> {
    const { inbound, chatJid } = mapped;
    const socket = this.#socket;
    const failed = (error: unknown) =>
      this.#log.error({ err: error, conversation: conversationKey(inbound.address) }, 'WhatsApp turn failed');
    // Started before the first await, so turns reach the engine in arrival order.
    const pending = repliesTo(this.#engine, inbound, failed);
    socket
      ?.readMessages([message.key])
      .catch((error: unknown) => this.#log.debug({ err: error }, 'read receipt failed'));
    this.#presence('composing', chatJid);
    try {
      const replies = await pending;
      if (replies.length) await this.#deliver(inbound.address, replies);
    } catch (error) {
      failed(error);
    } finally {
      this.#presence('paused', chatJid);
    }
  }

  #presence(type: WAPresence, jid: string): void {
    const socket = this.#open ? this.#socket : undefined;
    socket
      ?.sendPresenceUpdate(type, jid)
      .catch((error: unknown) => this.#log.debug({ err: error }, 'presence failed'));
  }

  // ---- outbound --------------------------------------------------------------------------------------

  async #deliver(address: Address, outbounds: readonly Outbound[]): Promise<void> {
    const jid = address.conversationId;
    const locale = outbounds.some(needsLocale) ? await this.#localeOf(address) : this.#settings.defaultLocale;
    for (const outbound of outbounds) {
      const content = outboundToWhatsApp(outbound, locale);
      await this.#outbox.enqueue(jid, async () => {
        const socket = await this.#openSocket();
        const sent = await socket.sendMessage(jid, content);
        if (sent?.key.id && sent.message) this.#sent.set(sent.key.id, sent.message);
      });
    }
  }

  async #localeOf(address: Address): Promise<Locale> {
    return (await sessionLocale(this.#engine, address)) ?? this.#settings.defaultLocale;
  }
}

function tooLarge(maxBytes: number): FileFetchError {
  return new FileFetchError('too_large', `file is larger than ${maxBytes} bytes`);
}

/**
 * The WhatsApp channel for an app (enable with `WHATSAPP_ENABLED=1`). Call `start()` to pair or
 * resume, `stop()` on shutdown; `currentQr()` serves the agent console.
 */
export function createWhatsAppChannel(
  app: Pick<App, 'engine' | 'log' | 'dataDir'>,
  config: Config,
  options: WhatsAppChannelOptions = {},
): WhatsAppChannel {
  return new WhatsAppChannel(
    {
      engine: app.engine,
      log: app.log.child({ channel: WHATSAPP_CHANNEL }),
      settings: whatsappSettings(config, app.dataDir),
    },
    options,
  );
}
