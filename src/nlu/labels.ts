/**
 * The language-understanding vocabulary: the intents the bot recognises and the situations
 * (contexts) a message can be typed in. Labels are a public contract (`tanya nlu --json`).
 */
import { z } from 'zod';

/** Conversational intents: small talk and commands that work anywhere. */
export const CONVERSATIONAL_INTENTS = [
  'greet',
  'thanks',
  'bye',
  'affirm',
  'deny',
  'ask_agent',
  'switch_language_en',
  'switch_language_id',
  'cancel',
  'back',
  'menu',
  'help',
] as const;

/** Requests to start a service now. */
export const SERVICE_INTENTS = [
  'start_bpu_registration',
  'start_sertakan',
  'start_claim',
  'claim_status',
  'jkp_check',
  'find_event',
  'delete_my_data',
] as const;

/** Intents trained from `src/content/nlu/intents/<intent>.yaml`. */
export const TRAINED_INTENTS = [...CONVERSATIONAL_INTENTS, ...SERVICE_INTENTS] as const;

/** Every label an interpretation can carry. */
export const INTENT_LABELS = [...TRAINED_INTENTS, 'faq', 'out_of_scope'] as const;

/** An intent trained from its own examples file. */
export const TrainedIntent = z.enum(TRAINED_INTENTS);
/** An intent trained from its own examples file. */
export type TrainedIntent = z.infer<typeof TrainedIntent>;

/** Any interpretation label. */
export const IntentLabel = z.enum(INTENT_LABELS);
/** Any interpretation label. */
export type IntentLabel = z.infer<typeof IntentLabel>;

/** The situations a message is typed in, as `tanya nlu` and the evaluation sets name them. */
export const CONTEXT_KINDS = ['idle', 'offer', 'form_step', 'after_fallback', 'language_picker'] as const;
/** A context name. */
export const ContextKind = z.enum(CONTEXT_KINDS);
/** A context name. */
export type ContextKind = z.infer<typeof ContextKind>;

/** What kind of answer a form step expects; free text is where digressions are most easily mistaken for answers. */
export type StepExpects =
  | 'free_text'
  | 'name'
  | 'nik'
  | 'phone'
  | 'number'
  | 'money'
  | 'date'
  | 'yes_no'
  | 'choice'
  | 'file'
  | 'location';

/** What the bot last asked: the context an interpretation is made in. */
export type NluContext =
  | { kind: 'idle' }
  | { kind: 'offer' }
  | { kind: 'form_step'; expects?: StepExpects }
  | { kind: 'after_fallback' }
  | { kind: 'language_picker' };

/** The context for a bare name (`tanya nlu`, evaluation files). */
export function contextOf(kind: ContextKind): NluContext {
  return { kind } as NluContext;
}
