/**
 * `tanya serve` (what `npm start` runs). The server's modules are imported when it starts, so
 * `tanya serve --help` stays light.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import type { Command } from './command.js';

/** Time kept back from the grace period when flushing the log at exit (ms). */
const FLUSH_MARGIN_MS = 100;

/** `tanya serve`. */
export const serveCommand: Command = {
  usage: [
    'serve                                    start the HTTP server and configured channels (npm start)',
    '                                         settings come from the environment (PORT, REDIS_URL, …; see the README)',
  ],
  async run(args) {
    parseArgs({ args, options: {}, strict: true, allowPositionals: false });
    const config = loadConfig();
    const [{ createLogger }, { createNonBlockingDestination }, { serve }] = await Promise.all([
      import('../log/logger.js'),
      import('../log/stdout.js'),
      import('../main.js'),
    ]);
    // Logging must never block: a stalled stdout reader would otherwise freeze the whole process,
    // the shutdown grace timer included.
    const output = createNonBlockingDestination();
    const log = createLogger(config.LOG_LEVEL, output);
    // Signals are caught from the start: one that arrives while the server is still starting (it
    // logs "listening" before its channels and background work are up) stops it once it has started.
    let serving: Awaited<ReturnType<typeof serve>> | undefined = undefined;
    let pending: string | undefined;
    const stop = (signal: string) => {
      if (!serving) {
        pending = signal;
        return;
      }
      const running = serving;
      // The shutdown's own timer exits (code 1) when the grace period is over; the log gets what
      // is left of it, less a margin, to reach the reader.
      const deadline = Date.now() + config.SHUTDOWN_GRACE_MS - FLUSH_MARGIN_MS;
      log.info({ signal }, 'signal received');
      void running.shutdown().then(async () => {
        const flushed = await output.flush(deadline - Date.now());
        if (!flushed || output.dropped > 0) {
          process.stderr.write(
            `tanya: stdout is not being read: ${output.dropped} log line(s) dropped` +
              `${flushed ? '' : ', the last ones unwritten'}\n`,
          );
        }
        process.exit(0);
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    serving = await serve(config, log);
    if (pending) stop(pending);
  },
};
