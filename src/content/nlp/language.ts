/**
 * Language detection for short chat questions (Indonesian vs English), from vocabulary only.
 */
import { foldTokens } from './fold.js';
import { EN_ONLY, ID_ONLY } from './lexicon.js';
import { stemEnglish, stemIndonesian } from './stemmer.js';
import { ROOTS } from './roots.js';

/** A language the bot answers in. */
export type Lang = 'id' | 'en';

/**
 * Guesses whether a question is Indonesian or English by counting words that only one of the two
 * languages uses (function words, slang, domain vocabulary; Indonesian affixed forms of known roots
 * count as Indonesian). Returns `undefined` when there is no evidence either way ("JHT?", "175").
 *
 * @example detectLanguage('how do i check my balance') // 'en'
 * @example detectLanguage('min cara cairin jht gmn') // 'id'
 */
export function detectLanguage(text: string): Lang | undefined {
  let id = 0;
  let en = 0;
  for (const token of foldTokens(text)) {
    if (ID_ONLY.has(token)) id++;
    else if (EN_ONLY.has(token)) en++;
    else if (ROOTS.has(stemIndonesian(token)) || ID_ONLY.has(stemIndonesian(token))) id++;
    else if (EN_ONLY.has(stemEnglish(token))) en++;
  }
  if (id === en) return undefined;
  return id > en ? 'id' : 'en';
}
