/**
 * The few named errors of the engine, with structured fields (in the spirit of grammY's BotError).
 */

/** The session store could not be reached; the user is told to try again and nothing was applied. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(
      `session store unavailable during ${operation}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** A conversation stayed locked or conflicted longer than a turn may wait. */
export class TurnContentionError extends Error {
  override readonly name = 'TurnContentionError';
  constructor(
    readonly conversation: string,
    readonly reason: 'lock_timeout' | 'conflicts',
  ) {
    super(`turn for ${conversation} gave up: ${reason}`);
  }
}

/** An inbound payload failed validation at a boundary. */
export class InvalidInboundError extends Error {
  override readonly name = 'InvalidInboundError';
  constructor(readonly issues: string[]) {
    super(`invalid inbound message: ${issues.join('; ')}`);
  }
}
