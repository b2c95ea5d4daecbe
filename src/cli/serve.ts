/**
 * `tanya serve` (what `npm start` runs).
 */
import { loadConfig } from '../config.js';
import { createLogger } from '../log/logger.js';
import { serve } from '../main.js';
import type { Command } from './command.js';

/** `tanya serve`. */
export const serveCommand: Command = {
  usage: [
    'serve                                    start the HTTP server and configured channels (npm start)',
  ],
  async run() {
    const config = loadConfig();
    const log = createLogger(config.LOG_LEVEL);
    const serving = await serve(config, log);
    const stop = (signal: string) => {
      log.info({ signal }, 'signal received');
      void serving.shutdown().then(() => process.exit(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  },
};
