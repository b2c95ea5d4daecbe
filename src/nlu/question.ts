/**
 * Whether a message reads as a question: a question mark, or a question word anywhere in it
 * ("klo telat bayar iuran gmn ya", "daftarnya gimana caranya").
 */
import { fold } from './text.js';

const QUESTION_WORD =
  /\b(apa|apakah|apaan|berapa|brp|bagaimana|gimana|gmn|gmna|gmana|gimana|kapan|kpn|dimana|dmn|kenapa|knp|mengapa|siapa|bisakah|bolehkah|how|what|when|where|why|which)\b/;

/** True for a message that reads as a question rather than a statement or a request. */
export function readsAsQuestion(text: string): boolean {
  return text.includes('?') || QUESTION_WORD.test(fold(text));
}
