/**
 * The FAQ's side of the dashboard statistics (`ctx.services.faqStats`): what the FAQ did with each
 * question, and the text of the questions it could not answer, normalised and with every NIK-like,
 * phone-like or other long number masked, so the list shows what people ask and never who asked.
 */
import { foldTokens } from '../content/nlp/fold.js';
import type { Log } from '../log/logger.js';
import { maskPersonalNumbers } from '../log/mask.js';
import { dayKey, daysEnding, memberId, RETAIN_DAYS, type FaqOutcome, type StatsStore } from './store.js';

/** Longest question kept (characters). */
export const MAX_QUESTION_LENGTH = 160;

/** Counts FAQ outcomes; never throws and never delays the turn. */
export interface FaqStats {
  /**
   * `question` only for fallbacks: the user's text, normalised and masked here before it is stored,
   * with a hash of `conversation` (its key) so that {@link FaqStats.forget} can take it out again.
   */
  record(outcome: FaqOutcome, now: Date, question?: string | null, conversation?: string): void;
  /** Takes the questions of a conversation (its key) out of the unanswered list ("hapus data saya"). */
  forget(conversation: string, now: Date): Promise<void>;
}

const MARK = 'zznumzz';

/**
 * A question as the dashboard lists it: personal numbers masked ({@link maskPersonalNumbers}) and
 * replaced by `#`, the rest folded (lower case, no punctuation or diacritics, single spaces), and any
 * group of digits that still adds up to five or more replaced by `#` as well; undefined when nothing
 * is left.
 */
export function normaliseQuestion(text: string): string | undefined {
  const masked = maskPersonalNumbers(text.slice(0, 1_000)).replace(/\+?\d*\*[\d*]*/g, ` ${MARK} `);
  const words: string[] = [];
  let digits: string[] = [];
  const flush = () => {
    if (digits.join('').length >= 5) words.push('#');
    else words.push(...digits);
    digits = [];
  };
  for (const token of foldTokens(masked)) {
    if (/^\d+$/.test(token)) {
      digits.push(token);
      continue;
    }
    flush();
    words.push(token === MARK ? '#' : token);
  }
  flush();
  const question = words
    .filter((word, i) => word !== '#' || words[i - 1] !== '#')
    .join(' ')
    .slice(0, MAX_QUESTION_LENGTH)
    .trim();
  return question && question !== '#' ? question : undefined;
}

/** The service over a store; days are counted in `timeZone`. */
export function createFaqStats(store: StatsStore, timeZone: string, log?: Log): FaqStats {
  return {
    record(outcome, now, question, conversation) {
      const text = question ? normaliseQuestion(question) : undefined;
      const member = conversation === undefined ? undefined : memberId(conversation);
      void store
        .recordFaq(dayKey(now, timeZone), outcome, text, member)
        .catch((error: unknown) =>
          log?.warn({ err: (error as Error).message }, 'FAQ statistics not recorded'),
        );
    },
    async forget(conversation, now) {
      // One day more than kept, so a day boundary between recording and now loses nothing.
      await store.forgetQuestions(memberId(conversation), daysEnding(now, timeZone, RETAIN_DAYS + 1));
    },
  };
}
