/**
 * Start-up failures the operator can act on: printed as one `tanya: <message>` line without a stack
 * trace, and the process exits with {@link StartupError.exitCode}.
 */

/** Exit code of a start-up that failed because something it depends on is unavailable (Redis). */
export const EXIT_UNAVAILABLE = 1;
/** Exit code of a start-up refused because of its settings or arguments (a busy port, bad config). */
export const EXIT_USAGE = 2;

/** A start-up failure worded for the operator. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
  constructor(
    message: string,
    /** The process's exit code. */
    readonly exitCode: number,
  ) {
    super(message);
  }
}
