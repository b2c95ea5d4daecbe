/**
 * Whether a message reads as a question: a question mark, or a question word at its start ("berapa
 * iurannya") or anywhere in it ("klo telat bayar iuran gmn ya", "daftarnya gimana caranya").
 */
import { fold } from './text.js';

const QUESTION_START =
  /^(apa|apakah|berapa|brp|bagaimana|gimana|gmn|kapan|kpn|dimana|di mana|dmn|kenapa|knp|mengapa|siapa|bisakah|bolehkah|what|how|when|where|why|can|is|are|do|does)\b/;

/** True for a message with a question mark or that starts with a question word (the strict reading). */
export function startsAsQuestion(text: string): boolean {
  return text.includes('?') || QUESTION_START.test(fold(text));
}

const QUESTION_WORD =
  /\b(apa|apakah|apaan|berapa|brp|bagaimana|gimana|gmn|gmna|gmana|gimana|kapan|kpn|dimana|dmn|kenapa|knp|mengapa|siapa|bisakah|bolehkah|how|what|when|where|why|which)\b/;

/** True for a message that reads as a question rather than a statement or a request. */
export function readsAsQuestion(text: string): boolean {
  return text.includes('?') || QUESTION_WORD.test(fold(text));
}

/** How many words a message has, once folded. */
export function wordCount(text: string): number {
  const folded = fold(text);
  return folded ? folded.split(' ').length : 0;
}
