/**
 * `tanya serve`: the HTTP server and the configured channels, with graceful shutdown that finishes
 * in-flight turns before exiting.
 */
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createHttpServer } from './http/server.js';
import type { Log } from './log/logger.js';

/** Starts serving; resolves once listening, returns a function that shuts everything down. */
export async function serve(config: Config, log: Log): Promise<() => Promise<void>> {
  const app = await createApp(config, log);
  const server = await createHttpServer(app);
  const address = await server.listen({ port: config.PORT, host: config.HOST });
  const local = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  log.info({ url: `${local}/healthz` }, `Tanya is listening on ${local}`);
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
      await app.close();
      log.info('stopped');
    })();
    return stopping;
  };
  return shutdown;
}
