/**
 * The composition root: configuration → stores → engine. Shared by `tanya serve` and `tanya chat`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from './config.js';
import { Engine } from './engine/engine.js';
import { createTranslator, type Translator } from './engine/i18n.js';
import { createDialogRegistry } from './dialogs/index.js';
import { createRouter } from './dialogs/router.js';
import { faqDigression } from './dialogs/faq.js';
import { exceptEventsQueries } from './dialogs/events/digression.js';
import type { Log } from './log/logger.js';
import { MemorySessionStore } from './store/memory-session-store.js';
import { RedisSessionStore } from './store/redis-session-store.js';
import { redactRedisUrl } from './store/redis-client.js';
import type { SessionStore } from './store/session-store.js';
import { ChannelRegistry } from './channels/channel.js';
import { createConsoleChannel } from './channels/console/channel.js';
import { openRecordStore } from './store/open-record-store.js';
import type { RecordStore } from './store/records.js';
import { closeServices, createServices } from './services.js';
import type { Services } from './engine/dialog.js';
import { createHandoff, type Handoff } from './handoff/index.js';
import type { ScryptCost } from './handoff/passwords.js';
import { createWebChannel } from './channels/web/channel.js';
import { WebUploads } from './channels/web/uploads.js';
import { WebIdentity } from './channels/web/identity.js';
import { WebLimits, type WebLimitSettings } from './channels/web/limits.js';
import { ServerKey } from './privacy/server-key.js';
import { eraseTraces } from './privacy/traces.js';
import { openStatsStore } from './stats/open.js';
import { redisClientLog } from './startup/redis.js';
import { createStatsObserver, observeAll } from './stats/observer.js';
import type { StatsStore } from './stats/store.js';

/** A running Tanya core. */
export interface App {
  readonly config: Config;
  readonly log: Log;
  readonly engine: Engine;
  readonly store: SessionStore;
  readonly records: RecordStore;
  /** Channels running in this process; proactive messages and file downloads go through it. */
  readonly channels: ChannelRegistry;
  readonly services: Services;
  readonly translator: Translator;
  /** Absolute data directory (records, documents). */
  readonly dataDir: string;
  /** Human handoff: queue, transcripts, agent actions, console stores. */
  readonly handoff: Handoff;
  /** Per-day counts for the supervisor dashboard (conversations, funnels, FAQ, handoffs). */
  readonly stats: StatsStore;
  /** The server secret purpose-bound keys derive from (web chat cookies, audit hashes, console CSRF). */
  readonly serverKey: ServerKey;
  /** Drains in-flight turns and closes stores. */
  close(): Promise<void>;
}

/** Options for tests and tools that need a fixed clock or cheaper password hashes. */
export interface AppOptions {
  clock?: () => Date;
  /** scrypt cost of new console password hashes (tests only: production keeps the default). */
  passwordCost?: ScryptCost;
  /**
   * The server key (32 bytes, hex or base64); by default generated on first start and kept in Redis
   * (`REDIS_URL`) or in `DATA_DIR/server.key` (0600).
   */
  serverKey?: string | undefined;
  /** The web chat's limits (default: src/channels/web/limits.ts, uploads at `RATE_LIMIT_PER_MINUTE`). */
  webLimits?: Partial<WebLimitSettings>;
}

/** Builds the app from configuration; with no REDIS_URL everything runs in memory. */
export async function createApp(config: Config, log: Log, options: AppOptions = {}): Promise<App> {
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const storeOptions = { sessionTtlSec: Math.round(config.SESSION_TTL_HOURS * 3600) };
  let store: SessionStore;
  if (config.REDIS_URL) {
    store = await RedisSessionStore.connect(config.REDIS_URL, storeOptions, config.REDIS_PREFIX);
    log.info({ redis: redactRedisUrl(config.REDIS_URL) }, 'using the Redis session store');
  } else {
    store = await MemorySessionStore.open(join(dataDir, 'sessions.json'), storeOptions);
    log.info(
      'using the in-memory session store, saved to DATA_DIR (set REDIS_URL to share sessions between instances)',
    );
  }
  log.info({ dataDir }, 'data directory');
  const serverKey = await ServerKey.load({
    configured: options.serverKey ?? config.SERVER_KEY,
    dataDir,
    redis: config.REDIS_URL ? { url: config.REDIS_URL, prefix: config.REDIS_PREFIX } : undefined,
  });
  const records = await openRecordStore(config, dataDir);
  const channels = new ChannelRegistry().register(createConsoleChannel());
  const stats = await openStatsStore(config, redisClientLog(log));
  const services = await createServices({ config, log, dataDir, records, channels, stats });

  const translator = createTranslator();
  const dialogs = createDialogRegistry();
  const handoff = await createHandoff({
    config,
    log,
    dataDir,
    channels,
    dialogs,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
  });
  const uploads = new WebUploads(join(dataDir, 'uploads', 'web'), config.WEB_UPLOAD_MAX_MB * 1024 * 1024);
  const limits = new WebLimits({
    uploadsPerMinute: config.RATE_LIMIT_PER_MINUTE,
    conversationsPerAddress: config.WEB_NEW_CHATS_PER_ADDRESS,
    ...options.webLimits,
  });
  channels.register(
    createWebChannel({ hub: handoff.hub, uploads, identity: new WebIdentity(serverKey), limits }),
  );
  const engine = new Engine({
    store,
    dialogs,
    translator,
    route: createRouter(dialogs),
    services,
    digression: exceptEventsQueries(faqDigression),
    handoff: handoff.gate,
    observer: observeAll(handoff.observer, createStatsObserver(stats, config.OFFICE_TIMEZONE)),
    defaultLocale: config.DEFAULT_LOCALE,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    // The terminal is the operator's own console, not a user who could flood the bot.
    rateLimitExemptChannels: ['cli'],
    maxTextLength: config.MESSAGE_MAX_CHARS,
    onErase: async (address, key) => {
      await handoff.transcripts.delete(key);
      await handoff.index.remove(key);
      await eraseTraces(
        { channels, faqStats: services.faqStats, audit: handoff.audit, key: serverKey, clock: handoff.clock },
        address,
        key,
      );
    },
    log,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  handoff.attach(engine);

  return {
    config,
    log,
    engine,
    store,
    records,
    channels,
    services,
    translator,
    dataDir,
    handoff,
    stats,
    serverKey,
    async close() {
      await engine.drain();
      await handoff.close();
      await store.close();
      await records.close();
      await closeServices(services);
      await stats.close();
    },
  };
}
