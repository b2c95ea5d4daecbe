/**
 * Remembers, in the session memory, that the bot's last reply admitted it did not understand: the
 * next message is then read in the `after_fallback` context ("bingung", "mau sama orang aja").
 */
import type { JsonObject } from '../engine/types.js';

const KEY = 'notUnderstood';

/** The bot just said it did not understand. */
export function markMisunderstood(memory: JsonObject): void {
  memory[KEY] = true;
}

/** The bot understood the last message. */
export function markUnderstood(memory: JsonObject): void {
  delete memory[KEY];
}

/** Whether the bot's last reply admitted it did not understand. */
export function wasMisunderstood(memory: JsonObject): boolean {
  return memory[KEY] === true;
}
