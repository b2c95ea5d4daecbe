/**
 * The shape of a `tanya` subcommand, and the errors commands use to fail readably.
 */

/** One `tanya <name>` subcommand, in its own module under src/cli/. */
export interface Command {
  /** One usage line per form (`tanya ` is prepended), shown by `tanya <name> --help`. */
  readonly usage: string[];
  run(args: string[]): Promise<void>;
}

/**
 * An entry of the `tanya` command table: what `tanya --help` shows, and the loader of the command's
 * module (imported only when the command runs, so `tanya --help` or `tanya records list` never
 * loads the chat platforms' libraries).
 */
export interface CommandEntry {
  /** One line for `tanya --help`. */
  readonly summary: string;
  load(): Promise<Command>;
}

/** A bad command line; printed as `tanya: <message>` without a stack trace, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A bad command line answered with the command's usage after the message (unknown arguments). */
export class ArgumentError extends UsageError {}

/**
 * The error for an argument a command does not know (or a missing subcommand), answered with the
 * command's usage.
 */
export function unknownArgument(arg: string | undefined): ArgumentError {
  if (arg === undefined) return new ArgumentError('missing subcommand');
  return new ArgumentError(arg.startsWith('-') ? `Unknown option '${arg}'` : `Unknown argument '${arg}'`);
}

/** Whether `args` ask for help (`--help` or `-h` before any `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/**
 * The usage text of a command: `Usage:`, then each form as `tanya …` with its description indented
 * below it. A usage line is `FORM  DESCRIPTION` (two or more spaces apart); a line starting with
 * spaces continues the description above.
 */
export function formatUsage(usage: readonly string[]): string {
  const out = ['Usage:'];
  for (const line of usage) {
    const continued = /^\s/.test(line);
    const [form, description] = continued ? ['', line.trim()] : line.split(/\s{2,}(?=\S)/, 2);
    if (form) out.push(`  tanya ${form}`);
    if (description) out.push(`      ${description}`);
  }
  return `${out.join('\n')}\n`;
}

/** Rows of `[name, description]` as text with the descriptions in one aligned column. */
export function formatColumns(rows: readonly (readonly [string, string])[], indent = '  '): string {
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  return rows.map(([name, text]) => `${indent}${name.padEnd(width)}  ${text}`.trimEnd()).join('\n');
}

/** Writes one JSON value per line to stdout. */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
