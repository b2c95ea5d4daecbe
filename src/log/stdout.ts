/**
 * A log destination on stdout that never blocks the event loop. pino's default destination writes
 * synchronously: when whatever reads stdout stops reading and the pipe fills, every log call blocks
 * the whole process, timers included, so not even the shutdown grace period can end it. This one
 * writes through `process.stdout` (non-blocking for pipes and sockets), keeps at most
 * `maxBufferedBytes` waiting for the reader and drops the lines beyond that, counting them (and all
 * lines once the reader has gone away).
 */
import type { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';

/** Log output waiting for a slow reader before lines are dropped (bytes). */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const FLUSH_POLL_MS = 10;

/** A {@link DestinationStream} that drops lines instead of blocking. */
export interface NonBlockingDestination extends DestinationStream {
  /** Lines dropped so far because the reader was not keeping up. */
  readonly dropped: number;
  /**
   * Waits, at most `timeoutMs`, until everything written so far has been handed to the reader.
   * Resolves true when it was, false on the timeout; never rejects.
   */
  flush(timeoutMs: number): Promise<boolean>;
}

/** Creates the destination over `output` (process.stdout unless a test passes another stream). */
export function createNonBlockingDestination(
  output: Writable = process.stdout,
  maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
): NonBlockingDestination {
  let dropped = 0;
  let broken = false;
  // A reader that went away (EPIPE) loses the log, not the process.
  output.on('error', () => (broken = true));
  return {
    get dropped() {
      return dropped;
    },
    write(line: string) {
      if (broken || output.destroyed || output.writableLength + line.length > maxBufferedBytes) {
        dropped++;
        return;
      }
      output.write(line);
    },
    flush(timeoutMs) {
      if (output.writableLength === 0) return Promise.resolve(true);
      // 'drain' only follows a write that overflowed the stream's own buffer: poll instead.
      return new Promise<boolean>((resolve) => {
        const started = Date.now();
        const poll = setInterval(() => {
          const flushed = output.writableLength === 0;
          if (!flushed && !output.destroyed && Date.now() - started < timeoutMs) return;
          clearInterval(poll);
          resolve(flushed);
        }, FLUSH_POLL_MS);
      });
    },
  };
}
