/**
 * `tanya serve`: the HTTP server and the configured channels, with graceful shutdown that finishes
 * in-flight turns before exiting.
 */
import { createApp, type App } from './app.js';
import { createBotFrameworkChannel } from './channels/botframework/adapter.js';
import type { Channel } from './channels/channel.js';
import { createTelegramChannel, type TelegramChannelOptions } from './channels/telegram/adapter.js';
import type { Config } from './config.js';
import { createHttpServer } from './http/server.js';
import { createMetricsServer } from './http/metrics.js';
import { registerConsoleAndWebChat } from './http/console-and-web.js';
import type { Log } from './log/logger.js';
import { startNotifier } from './notify/notifier.js';
import { startDocumentSweeper } from './claims/sweeper.js';
import { EXIT_USAGE, StartupError } from './startup/errors.js';
import { checkRedisReachable, watchRedisConnection } from './startup/redis.js';
import { appVersion } from './startup/version.js';

/** A running server. */
export interface Serving {
  /** The address it listens on (`http://127.0.0.1:PORT`; the real port when PORT=0). */
  readonly url: string;
  readonly app: App;
  /** Stops taking requests, finishes in-flight turns and sends, closes the stores. Idempotent. */
  shutdown(): Promise<void>;
}

/** What tools that run the real server (the load harness) may adjust; production passes nothing. */
export interface ServeHooks {
  /** Called with the app before any channel is created (to observe the engine). */
  onApp?(app: App): void;
  /** Overrides of the Telegram channel's options (its outbox pacing, for instance). */
  telegram?: Partial<TelegramChannelOptions>;
}

/** Which listener: the public one (PORT, HOST) or the metrics one (METRICS_PORT, METRICS_HOST). */
interface Listener {
  readonly port: number;
  readonly host: string;
  readonly portVar: 'PORT' | 'METRICS_PORT';
  readonly hostVar: 'HOST' | 'METRICS_HOST';
}

/** Why `listen` failed, for the operator, or undefined for an unexpected error. */
function listenProblem(error: unknown, { port, host, portVar, hostVar }: Listener): string | undefined {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const where = `port ${port} on ${host}`;
  if (code === 'EADDRINUSE')
    return `${where} is already in use (stop what uses it, or set ${portVar} to a free port)`;
  if (code === 'EACCES')
    return `${where} needs privileges this process does not have (set ${portVar} to 1024 or above)`;
  if (code === 'EADDRNOTAVAIL')
    return `cannot listen on ${where}: ${hostVar} is not an address of this machine`;
  return undefined;
}

/** `address` as a URL a person can open (`localhost` for the any-address binds). */
function localUrl(address: string): string {
  return address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
}

/**
 * Starts serving; resolves once listening. Fails with a {@link StartupError} (one line for the
 * operator) when Redis cannot be reached or the port cannot be bound.
 */
export async function serve(config: Config, log: Log, hooks: ServeHooks = {}): Promise<Serving> {
  const version = appVersion();
  log.info({ version, node: process.version }, `Tanya ${version} starting (Node ${process.version})`);
  // The stores' clients retry their first connect forever; check once, with a deadline, before them.
  if (config.REDIS_URL) await checkRedisReachable(config.REDIS_URL);
  const app = await createApp(config, log);
  hooks.onApp?.(app);
  // Chat-platform channels join the app's registry (dialogs fetch files and notices are pushed
  // through it); their lifecycle is run here. Bot Framework always runs: without MicrosoftAppId it
  // is the Emulator (auth off) endpoint.
  const channels: Channel[] = [createBotFrameworkChannel(app, config)];
  if (config.TELEGRAM_BOT_TOKEN) channels.push(createTelegramChannel(app, config, hooks.telegram));
  if (config.WHATSAPP_ENABLED) {
    // Loaded only when enabled: Baileys is large and most deployments run without it.
    const { createWhatsAppChannel } = await import('./channels/whatsapp/adapter.js');
    channels.push(createWhatsAppChannel(app, config));
  }
  for (const channel of channels) app.channels.register(channel);
  const server = await createHttpServer(app, { metrics: config.METRICS_PORT === undefined });
  const metricsServer = config.METRICS_PORT === undefined ? undefined : createMetricsServer(app);
  for (const channel of channels) await channel.registerRoutes?.(server);
  await registerConsoleAndWebChat(server, app);
  let address: string;
  let metricsAddress: string | undefined;
  let listener: Listener = { port: config.PORT, host: config.HOST, portVar: 'PORT', hostVar: 'HOST' };
  try {
    address = await server.listen({ port: config.PORT, host: config.HOST });
    if (metricsServer && config.METRICS_PORT !== undefined) {
      listener = {
        port: config.METRICS_PORT,
        host: config.METRICS_HOST,
        portVar: 'METRICS_PORT',
        hostVar: 'METRICS_HOST',
      };
      metricsAddress = await metricsServer.listen({ port: config.METRICS_PORT, host: config.METRICS_HOST });
    }
  } catch (error) {
    await server.close().catch(() => undefined);
    await metricsServer?.close().catch(() => undefined);
    await app.close();
    const problem = listenProblem(error, listener);
    throw problem ? new StartupError(problem, EXIT_USAGE) : error;
  }
  const local = localUrl(address);
  log.info({ url: `${local}/healthz` }, `Tanya is listening on ${local}`);
  if (metricsAddress) {
    const metricsUrl = `${localUrl(metricsAddress)}/metrics`;
    log.info({ url: metricsUrl }, `metrics are served on ${metricsUrl} only`);
  } else if (!config.METRICS_TOKEN) {
    log.warn(
      '/metrics is public: anyone who can reach the HTTP port can read it ' +
        '(set METRICS_PORT for a separate listener on METRICS_HOST, or METRICS_TOKEN to require a token)',
    );
  }
  try {
    for (const channel of channels) await channel.start?.();
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, 'a channel could not start');
    await Promise.allSettled(channels.map((channel) => channel.stop?.()));
    await server.close();
    await metricsServer?.close();
    await app.close();
    throw error;
  }
  // Background work: claim status notices (enqueued by `tanya records set-status`, possibly from
  // another process) and removal of uploads that no claim references any more.
  const notifier = startNotifier(app);
  const sweeper = startDocumentSweeper(app);
  // One line when Redis goes away and one when it is back, however many clients retry meanwhile.
  const redisWatch = config.REDIS_URL ? watchRedisConnection(config.REDIS_URL, log) : undefined;
  if (!config.TELEGRAM_BOT_TOKEN) log.info('Telegram is off (set TELEGRAM_BOT_TOKEN to enable it)');
  if (!config.WHATSAPP_ENABLED) log.info('WhatsApp is off (set WHATSAPP_ENABLED=1 to enable it)');

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      log.info({ inFlight: app.engine.inFlight }, 'shutting down: finishing in-flight turns');
      const timer = setTimeout(() => {
        log.warn('shutdown grace period over; exiting');
        process.exit(1);
      }, config.SHUTDOWN_GRACE_MS);
      timer.unref();
      await server.close();
      await metricsServer?.close();
      const stopped = await Promise.allSettled(channels.map((channel) => channel.stop?.()));
      for (const result of stopped) {
        if (result.status === 'rejected')
          log.warn({ err: String(result.reason) }, 'a channel did not stop cleanly');
      }
      await notifier.stop();
      await sweeper.stop();
      await redisWatch?.close();
      await app.close();
      log.info('stopped');
    })();
    return stopping;
  };
  return { url: address, app, shutdown };
}
