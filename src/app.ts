/**
 * The composition root: configuration → stores → engine. Shared by `tanya serve` and `tanya chat`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from './config.js';
import { Engine } from './engine/engine.js';
import { createTranslator, type Translator } from './engine/i18n.js';
import { createDialogRegistry } from './dialogs/index.js';
import { createRouter } from './dialogs/router.js';
import type { Log } from './log/logger.js';
import { MemorySessionStore } from './store/memory-session-store.js';
import { RedisSessionStore } from './store/redis-session-store.js';
import { redactRedisUrl } from './store/redis-client.js';
import type { SessionStore } from './store/session-store.js';
import { ChannelRegistry } from './channels/channel.js';
import { createConsoleChannel } from './channels/console/channel.js';
import { FileRecordStore } from './store/file-record-store.js';
import { RedisRecordStore } from './store/redis-record-store.js';
import type { RecordStore } from './store/records.js';
import { createServices } from './services.js';
import type { Services } from './engine/dialog.js';

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
  /** Drains in-flight turns and closes stores. */
  close(): Promise<void>;
}

/** Options for tests and tools that need a fixed clock. */
export interface AppOptions {
  clock?: () => Date;
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
    store = new MemorySessionStore(storeOptions);
    log.info('using the in-memory session store (set REDIS_URL for durable, shared sessions)');
  }
  log.info({ dataDir }, 'data directory');
  const records = config.REDIS_URL
    ? await RedisRecordStore.connect(config.REDIS_URL, config.REDIS_PREFIX)
    : await FileRecordStore.open(dataDir);
  const channels = new ChannelRegistry().register(createConsoleChannel());
  const services = await createServices({ config, log, dataDir, records, channels });

  const translator = createTranslator();
  const dialogs = createDialogRegistry();
  const engine = new Engine({
    store,
    dialogs,
    translator,
    route: createRouter(dialogs),
    services,
    defaultLocale: config.DEFAULT_LOCALE,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
  });

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
    async close() {
      await engine.drain();
      await store.close();
      await records.close();
    },
  };
}
