/**
 * Where a message goes when no dialog is running: `start:` choices open their dialog; typed text
 * goes where the language understanding reads it (a greeting to the menu, "aku pengen ikut bpjs tk
 * mandiri" to the registration, a question to the FAQ, anything unclear to the FAQ, which says it
 * did not understand); a shared location or an events search ("vaksinasi di jaksel minggu ini", see
 * `events/query.ts`) to the events dialog.
 */
import type { DialogRegistry, TurnContext } from '../engine/dialog.js';
import type { RouteDecision } from '../engine/runner.js';
import type { Inbound } from '../engine/types.js';
import type { IntentLabel, Interpretation } from '../nlu/index.js';
import { startedDialog } from './menu.js';
import { isEventsQuery } from './events/query.js';
import { readsAsQuestion } from '../nlu/question.js';

/** The dialog each service-start intent opens. */
const SERVICE_DIALOG: Partial<Record<IntentLabel, string>> = {
  start_bpu_registration: 'bpu-registration',
  start_sertakan: 'bpu-registration',
  start_claim: 'claim',
  claim_status: 'claim-status',
  jkp_check: 'jkp-check',
  find_event: 'events',
};

/** A request that does not read as a question starts its service at this confidence. */
const REQUEST_MIN = 0.5;
/** A request that reads as a question goes to the FAQ first when the FAQ holds this much of it. */
const QUESTION_FAQ_ALTERNATIVE = 0.05;

/** The dialog a typed request to do something starts, with whether it reads the text itself. */
export function serviceStart(
  text: string,
  reading: Interpretation,
  registry: { has(dialog: string): boolean },
): RouteDecision | undefined {
  const dialog = SERVICE_DIALOG[reading.intent];
  if (!dialog || !registry.has(dialog)) return undefined;
  // "gmn cairin jht", "daftarnya gimana caranya" may be how-to questions: the FAQ answers them and
  // offers the service ("Mau mulai daftar sekarang?"), one "iya" away. A request that does not read
  // as a question ("aku pengen ikut bpjs tk mandiri") starts when it is the best reading.
  const declined = readsAsQuestion(text)
    ? reading.faqProbability >= QUESTION_FAQ_ALTERNATIVE
    : reading.confidence < REQUEST_MIN;
  if (declined) return undefined;
  const forward =
    reading.intent === 'start_sertakan' ||
    reading.intent === 'find_event' ||
    (reading.intent === 'claim_status' && reading.entities.some((e) => e.type === 'ticket'));
  return forward ? { dialog, forward: true, service: true } : { dialog, service: true };
}

/** Creates the root router over the registered dialogs. */
export function createRouter(registry: DialogRegistry): (input: Inbound, ctx: TurnContext) => RouteDecision {
  return (input, ctx) => {
    if (input.kind === 'choice') {
      const dialog = startedDialog(input.choiceId);
      if (dialog && registry.has(dialog)) return { dialog };
      return { dialog: 'menu' };
    }
    if (input.kind === 'text') {
      const reading = ctx.interpretation;
      const started = reading && serviceStart(input.text, reading, registry);
      if (started) return started;
      const places = (text: string) => ctx.services.gazetteer.resolve(text);
      if (registry.has('events') && isEventsQuery(input.text, places))
        return { dialog: 'events', forward: true };
      if (reading && (reading.intent === 'affirm' || reading.intent === 'deny') && reading.confidence >= 0.6)
        return { dialog: 'menu', args: { notice: 'menu:nothing_to_answer' } };
      if (registry.has('faq')) return { dialog: 'faq', forward: true };
    }
    if (input.kind === 'location' && registry.has('events')) return { dialog: 'events', forward: true };
    if (input.kind === 'document' || input.kind === 'image') {
      return { dialog: 'menu', args: { notice: 'menu:unexpected_file' } };
    }
    if (input.kind === 'event') return { dialog: 'menu' };
    return { dialog: 'menu', args: { notice: 'menu:not_understood' } };
  };
}
