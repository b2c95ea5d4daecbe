/**
 * Plugs the agent console and the web chat into the HTTP server, starts the handoff sweeper for as
 * long as the server runs, and prints both URLs once the server listens.
 */
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { isWebChannel, registerWebChatRoutes } from '../channels/web/routes.js';
import { registerConsoleRoutes } from '../handoff/console/routes.js';
import { closeStreamsOnShutdown } from './sse.js';

/** Options for tests. */
export interface ConsoleAndWebOptions {
  /** Run the sweeper every `sweepMs` (default 30 s); 0 = do not start it (tests call `sweep()`). */
  sweepMs?: number;
}

/** Registers `/` (web chat), `/web/*` and `/console/*`. Call before `listen`. */
export async function registerConsoleAndWebChat(
  server: FastifyInstance,
  app: App,
  options: ConsoleAndWebOptions = {},
): Promise<void> {
  closeStreamsOnShutdown(server);
  registerWebChatRoutes(server, app);
  registerConsoleRoutes(server, app);
  const sweepMs = options.sweepMs ?? 30_000;
  const uploadsMaxAgeMs = app.config.SESSION_TTL_HOURS * 3600 * 1000;
  server.addHook('onListen', async () => {
    const base = server.listeningOrigin.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    app.log.info({ url: `${base}/` }, `web chat: ${base}/`);
    app.log.info(
      { url: `${base}/console/` },
      `agent console: ${base}/console/ (accounts: tanya agents add NAME)`,
    );
    if (sweepMs > 0) app.handoff.sweeper.start(sweepMs);
    const channel = app.channels.get('web');
    if (isWebChannel(channel)) {
      const sweepUploads = () => void channel.uploads.sweep(uploadsMaxAgeMs).catch(() => undefined);
      sweepUploads();
      uploadsTimer = setInterval(sweepUploads, 3600_000);
      uploadsTimer.unref();
    }
  });
  let uploadsTimer: NodeJS.Timeout | undefined;
  server.addHook('onClose', async () => {
    clearInterval(uploadsTimer);
    await app.handoff.sweeper.stop();
  });
}
