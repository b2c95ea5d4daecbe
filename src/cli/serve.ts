/**
 * `tanya serve` (what `npm start` runs). The server's modules are imported when it starts, so
 * `tanya serve --help` stays light.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import type { Command } from './command.js';

/** `tanya serve`. */
export const serveCommand: Command = {
  usage: [
    'serve                                    start the HTTP server and configured channels (npm start)',
    '                                         settings come from the environment (PORT, REDIS_URL, …; see the README)',
  ],
  async run(args) {
    parseArgs({ args, options: {}, strict: true, allowPositionals: false });
    const config = loadConfig();
    const [{ createLogger }, { serve }] = await Promise.all([
      import('../log/logger.js'),
      import('../main.js'),
    ]);
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
