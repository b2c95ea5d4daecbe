/**
 * The two hooks through which human handoff (src/handoff/) joins the engine, kept as interfaces so
 * the engine knows nothing of queues, consoles or agents:
 *
 * - a {@link HandoffGate} the runner consults first in every turn (while a person has the
 *   conversation the bot stays silent) and whenever the user or a dialog asks for a person;
 * - a {@link TurnObserver} the engine calls after each committed turn (transcripts, live events).
 */
import type { Interpretation } from '../nlu/interpreter.js';
import type { Translate } from './dialog.js';
import type { HandoffReason, Session } from './session.js';
import type { Address, Inbound, JsonObject, Locale, Outbound } from './types.js';

/** What the gate sees of the turn. It may change `session.handoff` and `session.locale`. */
export interface GateTurn {
  /** `channel:conversationId`. */
  readonly key: string;
  readonly session: Session;
  readonly address: Address;
  readonly now: Date;
  /** Translates in the session's language (as it was when the turn began). */
  readonly t: Translate;
  /** A translator for another language (after the user switched language). */
  readonly translate: (locale: Locale) => Translate;
  /** How the language understanding read the turn's text, if it was text. */
  readonly interpretation?: Interpretation;
}

/** What the gate decided about the input. */
export type GateDecision =
  /** Not the gate's business: the bot handles the input as usual. */
  | { action: 'pass' }
  /**
   * The gate took the input: say `say` (possibly nothing) and run no dialog. `park` puts the running
   * dialogs aside (a form in progress is paused and offered back later; anything else is dropped).
   */
  | { action: 'hold'; say: Outbound[]; park?: boolean }
  /** Back to the bot: say `say`, put running dialogs aside, and start `dialog` (the menu by default). */
  | { action: 'restart'; say: Outbound[]; dialog?: string; args?: JsonObject }
  /** Say `say`, then ask the running dialog's question again (or show the menu when none runs). */
  | { action: 'resume'; say: Outbound[] };

/** The runner's view of human handoff. */
export interface HandoffGate {
  /** Called first in every turn, before global intents and dialogs. */
  intercept(turn: GateTurn, input: Inbound): Promise<GateDecision>;
  /** The user (the `agent` intent) or a dialog (`step.handoff`) asks for a person. */
  request(turn: GateTurn, reason: HandoffReason, note?: string): Promise<GateDecision>;
}

/** One committed turn, as a {@link TurnObserver} sees it. */
export interface TurnRecord {
  readonly key: string;
  readonly inbound: Inbound;
  readonly replies: readonly Outbound[];
  /** The session as saved. */
  readonly session: Session;
  readonly now: Date;
}

/** Called by the engine after each committed turn (never for duplicates or failed turns). */
export interface TurnObserver {
  /** Errors are logged by the engine and never reach the user. */
  afterTurn(record: TurnRecord): Promise<void>;
}
