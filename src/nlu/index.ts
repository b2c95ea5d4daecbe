/**
 * The language understanding: one place that reads user text (see `interpreter.ts`).
 */
import { loadNluContent, type NluContent } from './content.js';
import { loadNlu } from './cache.js';
import type { Nlu } from './interpreter.js';

export type { Interpretation, Candidate, Nlu } from './interpreter.js';
export type { NluContext, IntentLabel, ContextKind, StepExpects } from './labels.js';
export { decideFaq, type FaqDecision, type FaqOutcome } from './faq-decision.js';

let sharedContent: NluContent | undefined;
let shared: Nlu | undefined;

/** The shipped training content (intents, out of scope, FAQ topics), read and checked once per process. */
export function sharedNluContent(): NluContent {
  sharedContent ??= loadNluContent();
  return sharedContent;
}

/** The interpreter over the shipped content, built once per process (trained, or from the cache). */
export function sharedNlu(): Nlu {
  shared ??= loadNlu(sharedNluContent());
  return shared;
}

declare module '../engine/dialog.js' {
  interface Services {
    /** The language understanding over the shipped content. */
    nlu: Nlu;
  }
}
