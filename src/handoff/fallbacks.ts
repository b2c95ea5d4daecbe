/**
 * The "two FAQ fallbacks in a row" trigger, for the FAQ dialog (or any dialog that can fail to
 * understand): count a fallback, and when it is the second in a row hand the conversation to a person
 * with `step.handoff('fallbacks', say)`. A good answer resets the count.
 *
 * ```ts
 * if (noteFallback(ctx.memory)) return step.handoff('fallbacks', [say.text(ctx.t('faq:fallback_again'))]);
 * ...
 * resetFallbacks(ctx.memory); // after an answer
 * ```
 */
import type { JsonObject } from '../engine/types.js';

const KEY = 'handoffFallbacks';

/** Fallbacks in a row that hand the conversation to a person. */
export const FALLBACKS_BEFORE_HANDOFF = 2;

/** Counts one fallback in the session memory; true when it is the second in a row (and resets). */
export function noteFallback(memory: JsonObject, limit = FALLBACKS_BEFORE_HANDOFF): boolean {
  const count = (typeof memory[KEY] === 'number' ? memory[KEY] : 0) + 1;
  if (count >= limit) {
    delete memory[KEY];
    return true;
  }
  memory[KEY] = count;
  return false;
}

/** Forgets the fallbacks counted so far (the bot understood). */
export function resetFallbacks(memory: JsonObject): void {
  delete memory[KEY];
}
