/**
 * Structured logs (pino). Every line passes through {@link maskPersonalNumbers} before it is written,
 * so a NIK or phone number can never reach the log in clear, whichever code logged it.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { maskPersonalNumbers } from './mask.js';

/** The project's logger type. */
export type Log = Logger;

/** Creates the logger; `destination` lets tests capture the masked output. */
export function createLogger(level = 'info', destination?: DestinationStream): Log {
  return pino(
    {
      level,
      base: { app: 'tanya' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: (line: string) => maskPersonalNumbers(line) },
      redact: {
        paths: ['*.password', '*.token', 'password', 'token', 'headers.authorization'],
        censor: '***',
      },
    },
    destination,
  );
}
