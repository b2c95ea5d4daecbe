/**
 * Reusable building blocks for form steps: a typed field (parse → store, or a specific reprompt), a
 * choice field that may also take free text, and yes/no reading. They only remove the boilerplate
 * every form repeats; what a field means stays in the dialog that uses it.
 */
import { say, step, type Step, type StepResult, type TurnContext } from '../engine/dialog.js';
import type { Choice, Inbound, JsonObject, Outbound } from '../engine/types.js';
import type { StepExpects } from '../nlu/labels.js';

/** The outcome of reading one answer: a value, or the localized message explaining what is wrong. */
export type Parsed<V> = { ok: true; value: V } | { ok: false; error: string };

/** Shorthand for a successful {@link Parsed}. */
export const parsed = <V>(value: V): Parsed<V> => ({ ok: true, value });
/** Shorthand for a failed {@link Parsed}. */
export const invalid = <V = never>(error: string): Parsed<V> => ({ ok: false, error });

type Awaitable<T> = T | Promise<T>;

/** How a {@link textField} step asks, reads and stores one typed value. */
export interface TextFieldSpec<S extends JsonObject, V> {
  /** What to say when the step starts (and again after an invalid answer). */
  prompt(ctx: TurnContext, state: S): Outbound[];
  /** Reads the typed text; a failure is said as the retry message. */
  parse(ctx: TurnContext, state: S, text: string): Awaitable<Parsed<V>>;
  /** Stores a valid value and decides where to go. */
  accept(ctx: TurnContext, state: S, value: V): Awaitable<StepResult<S>>;
  /** The reprompt for input that is not text (a file, a location, a stray button). */
  notText(ctx: TurnContext, state: S): string;
  /** Handles a button the prompt offered (e.g. "fix the NIK"); undefined = not understood. */
  choice?(ctx: TurnContext, state: S, choiceId: string): Awaitable<StepResult<S> | undefined>;
  /** What kind of answer it is (see {@link Step.expects}); names and free text guard against questions. */
  expects?: StepExpects;
}

/** A step that asks for one typed value, rejecting anything else with a specific message. */
export function textField<S extends JsonObject, V>(spec: TextFieldSpec<S, V>): Step<S> {
  return {
    prompt: (ctx, state) => spec.prompt(ctx, state),
    ...(spec.expects ? { expects: spec.expects } : {}),
    async receive(ctx, state, input) {
      if (input.kind === 'choice' && spec.choice) {
        const handled = await spec.choice(ctx, state, input.choiceId);
        if (handled) return handled;
      }
      if (input.kind !== 'text') return step.retry(spec.notText(ctx, state));
      const result = await spec.parse(ctx, state, input.text);
      return result.ok ? spec.accept(ctx, state, result.value) : step.retry(result.error);
    },
  };
}

/** How a {@link choiceField} step offers choices (and optionally reads free text). */
export interface ChoiceFieldSpec<S extends JsonObject> {
  /** The question above the choices. */
  text(ctx: TurnContext, state: S): string;
  choices(ctx: TurnContext, state: S): Choice[];
  /** What a chosen id means; undefined = not one of this step's choices. */
  onChoice(ctx: TurnContext, state: S, choiceId: string): Awaitable<StepResult<S> | undefined>;
  /** What typed text means when it selects no choice; undefined (or absent) = not understood. */
  onText?(ctx: TurnContext, state: S, text: string): Awaitable<StepResult<S> | undefined>;
  /** The reprompt when the answer was not understood. */
  invalid(ctx: TurnContext, state: S): string;
}

/** A step that offers choices; typed "2", "dua" or a label already arrive as the choice. */
export function choiceField<S extends JsonObject>(spec: ChoiceFieldSpec<S>): Step<S> {
  return {
    prompt: (ctx, state) => [say.choices(spec.text(ctx, state), spec.choices(ctx, state))],
    async receive(ctx, state, input: Inbound) {
      let result: StepResult<S> | undefined;
      if (input.kind === 'choice') result = await spec.onChoice(ctx, state, input.choiceId);
      else if (input.kind === 'text' && spec.onText) result = await spec.onText(ctx, state, input.text);
      return result ?? step.retry(spec.invalid(ctx, state));
    },
  };
}
