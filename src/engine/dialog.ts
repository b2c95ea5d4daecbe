/**
 * The dialog model. A dialog is a plain object: an id, a version and named steps. Each step is a pair
 * of functions over JSON state: `prompt` says what to ask, `receive` decides what an answer means.
 * Side effects go through {@link Services}; everything a dialog remembers lives in its JSON state, so a
 * conversation survives restarts and moves between processes.
 */
import type { Address, Choice, Inbound, Json, JsonObject, Locale, Outbound } from './types.js';
import type { HandoffReason } from './session.js';

/**
 * Dependencies dialogs may use. Feature modules add their own members by declaration merging:
 * `declare module '../engine/dialog.js' { interface Services { faq: FaqIndex } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Services {}

import type { StepExpects } from '../nlu/labels.js';
import type { Interpretation } from '../nlu/interpreter.js';

/** Translates a key (`namespace:key`) in the user's language. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** What a step can see of the current turn. */
export interface TurnContext {
  readonly locale: Locale;
  readonly t: Translate;
  /** A translator for another language (e.g. to answer an English question in an Indonesian session). */
  readonly translate: (locale: Locale) => Translate;
  /** The turn's clock reading; dialogs never read the system clock themselves. */
  readonly now: Date;
  readonly address: Address;
  /** Long-lived, user-level memory of the session (e.g. last place); mutations are saved with the turn. */
  readonly memory: JsonObject;
  readonly services: Services;
  /** How the language understanding read this turn's text (absent for buttons, files, locations). */
  readonly interpretation?: Interpretation;
}

/** What a step decided. Build these with the helpers in {@link step}. */
export type StepResult<S extends JsonObject> =
  /** Go to another step of this dialog (its prompt follows `say`). */
  | { type: 'next'; step: string; state: S; say?: Outbound[] }
  /** The answer was invalid: say `error`, count an attempt, ask again. */
  | { type: 'retry'; error: string; state?: S }
  /** Stay on this step and ask again, without counting an attempt. */
  | { type: 'repeat'; state: S; say?: Outbound[] }
  /** Stay on this step and say only `say` (no prompt). */
  | { type: 'wait'; state: S; say: Outbound[] }
  /** The dialog is done; its caller (if any) resumes with `result`. */
  | { type: 'end'; say?: Outbound[]; result?: Json }
  /** Start a child dialog; when it ends, `resume` of step `then` receives its result. */
  | { type: 'call'; dialog: string; args?: JsonObject; state: S; then: string; say?: Outbound[] }
  /** End this dialog and start another in its place (`forward`: hand it this same input). */
  | { type: 'replace'; dialog: string; args?: JsonObject; say?: Outbound[]; forward?: boolean }
  /**
   * Hand the conversation to a person (the queue, or the out-of-hours offer), after saying `say`.
   * A form stays paused with its answers; any other dialog ends. `note` is shown to the agent.
   */
  | { type: 'handoff'; reason: HandoffReason; note?: string; say?: Outbound[] }
  /**
   * The user asked to be forgotten and confirmed it: say `say`, then empty the session (every running
   * and paused dialog, memory, handoff state). The engine deletes the session once that is saved and
   * calls `EngineOptions.onErase` so other stores (transcripts) forget the conversation too.
   */
  | { type: 'erase'; say?: Outbound[] };

/** One question of a dialog. */
export interface Step<S extends JsonObject> {
  /** What to say when the step starts, and again after an invalid answer. */
  prompt(ctx: TurnContext, state: S): Outbound[] | Promise<Outbound[]>;
  /** Interprets the user's answer. */
  receive(ctx: TurnContext, state: S, input: Inbound): StepResult<S> | Promise<StepResult<S>>;
  /**
   * What kind of answer the step expects. `yes_no` makes the step the judge of yes, no and
   * "never mind" (no global cancel or back); `name` and `free_text` steps take a question typed
   * in their place as a digression instead of an answer.
   */
  readonly expects?: StepExpects;
  /**
   * Words this step gives a meaning of its own ("ganti" to replace the last upload, "lewati" to skip):
   * such a text goes to the step even when it could read as a global command.
   */
  ownsText?(text: string): boolean;
  /** Receives the result of a child dialog started with `call` from this step. */
  resume?(ctx: TurnContext, state: S, result: Json | undefined): StepResult<S> | Promise<StepResult<S>>;
}

/** A conversation flow. */
export interface Dialog<S extends JsonObject = JsonObject> {
  /** Stable id; it appears in `awaiting.dialog` and in stored sessions. */
  readonly id: string;
  /** Bump when steps or state change shape: stored frames of an older version restart politely. */
  readonly version: number;
  /** i18n key of the dialog's name, used in "… dibatalkan" messages. */
  readonly titleKey: string;
  /** True for forms: cancelling says what was discarded, and the menu pauses rather than drops them. */
  readonly form?: boolean;
  /** The step a new instance starts at. */
  readonly firstStep: string;
  /** Initial state from the arguments the dialog was started with. */
  start(ctx: TurnContext, args: JsonObject): S;
  readonly steps: Readonly<Record<string, Step<S>>>;
  /** i18n keys of the fields a cancel would discard (only those already answered). */
  discarded?(state: S): string[];
}

/** Helpers that build {@link StepResult}s and keep dialogs terse. */
export const step = {
  next: <S extends JsonObject>(name: string, state: S, say?: Outbound[]): StepResult<S> => ({
    type: 'next',
    step: name,
    state,
    ...(say ? { say } : {}),
  }),
  retry: <S extends JsonObject>(error: string, state?: S): StepResult<S> => ({
    type: 'retry',
    error,
    ...(state ? { state } : {}),
  }),
  repeat: <S extends JsonObject>(state: S, say?: Outbound[]): StepResult<S> => ({
    type: 'repeat',
    state,
    ...(say ? { say } : {}),
  }),
  wait: <S extends JsonObject>(state: S, say: Outbound[]): StepResult<S> => ({ type: 'wait', state, say }),
  end: <S extends JsonObject>(say?: Outbound[], result?: Json): StepResult<S> => ({
    type: 'end',
    ...(say ? { say } : {}),
    ...(result !== undefined ? { result } : {}),
  }),
  call: <S extends JsonObject>(
    dialog: string,
    state: S,
    then: string,
    args?: JsonObject,
    say?: Outbound[],
  ): StepResult<S> => ({
    type: 'call',
    dialog,
    state,
    then,
    ...(args ? { args } : {}),
    ...(say ? { say } : {}),
  }),
  replace: <S extends JsonObject>(dialog: string, args?: JsonObject, say?: Outbound[]): StepResult<S> => ({
    type: 'replace',
    dialog,
    ...(args ? { args } : {}),
    ...(say ? { say } : {}),
  }),
  /**
   * Hands the conversation to a person: `fallbacks` (the FAQ could not answer twice in a row),
   * `needs_decision` (a case only a person can decide), `attempt_limit` or `user_request`.
   */
  handoff: <S extends JsonObject>(reason: HandoffReason, say?: Outbound[], note?: string): StepResult<S> => ({
    type: 'handoff',
    reason,
    ...(say ? { say } : {}),
    ...(note ? { note } : {}),
  }),
  /** Forgets the conversation after saying `say` (a confirmed "hapus data saya"). */
  erase: <S extends JsonObject>(say?: Outbound[]): StepResult<S> => ({
    type: 'erase',
    ...(say ? { say } : {}),
  }),
  /** Hands the current input to another dialog, which answers it from its first step. */
  forward: <S extends JsonObject>(dialog: string, args?: JsonObject): StepResult<S> => ({
    type: 'replace',
    dialog,
    forward: true,
    ...(args ? { args } : {}),
  }),
};

/**
 * Declares a dialog with its state type checked inside its own steps, and erases that type for the
 * registry: the runner only ever hands a dialog the state that dialog itself produced.
 */
export function defineDialog<S extends JsonObject>(dialog: Dialog<S>): Dialog {
  return dialog as unknown as Dialog;
}

/** Outbound helpers for dialogs. */
export const say = {
  text: (text: string): Outbound => ({ kind: 'text', text }),
  choices: (text: string, choices: Choice[]): Outbound => ({
    kind: 'choices',
    text,
    choices,
  }),
};

/** The dialogs known to an engine, by id. */
export class DialogRegistry {
  readonly #dialogs = new Map<string, Dialog>();

  /** Adds dialogs; an id registered twice is a programming error. */
  register(...dialogs: Dialog[]): this {
    for (const dialog of dialogs) {
      if (this.#dialogs.has(dialog.id)) throw new Error(`dialog ${dialog.id} registered twice`);
      this.#dialogs.set(dialog.id, dialog);
    }
    return this;
  }

  /** The dialog with this id, if registered. */
  get(id: string): Dialog | undefined {
    return this.#dialogs.get(id);
  }

  /** Whether a dialog with this id is registered. */
  has(id: string): boolean {
    return this.#dialogs.has(id);
  }

  /** The ids of the registered dialogs, in registration order. */
  ids(): string[] {
    return [...this.#dialogs.keys()];
  }
}
