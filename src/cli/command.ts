/**
 * The shape of a `tanya` subcommand, and the errors commands use to fail readably.
 */

/** One `tanya <name>` subcommand, in its own module under src/cli/. */
export interface Command {
  /** One usage line per form, shown in `tanya --help`. */
  readonly usage: string[];
  run(args: string[]): Promise<void>;
}

/** A bad command line; printed as `tanya: <message>` without a stack trace, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes one JSON value per line to stdout. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
