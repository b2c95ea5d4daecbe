/**
 * Turns a typed answer into one of the offered choices: "2", "dua", "kedua", the label or one of
 * the option's synonyms, or a near-miss of the label. WhatsApp cannot send buttons, and people type on every channel anyway.
 */
import type { Choice } from './types.js';
import { editDistance, fold } from '../nlu/text.js';
import { normalize } from '../content/nlp/normalize.js';
import { expandedTokens, plainTokens } from '../nlu/features.js';
import { wordCount } from '../nlu/question.js';
import type { Interpretation } from '../nlu/interpreter.js';

const NUMBER_WORDS: Record<string, number> = {
  satu: 1,
  pertama: 1,
  one: 1,
  first: 1,
  dua: 2,
  kedua: 2,
  two: 2,
  second: 2,
  tiga: 3,
  ketiga: 3,
  three: 3,
  third: 3,
  empat: 4,
  keempat: 4,
  four: 4,
  fourth: 4,
  lima: 5,
  kelima: 5,
  five: 5,
  fifth: 5,
  enam: 6,
  keenam: 6,
  six: 6,
  sixth: 6,
  tujuh: 7,
  ketujuh: 7,
  seven: 7,
  seventh: 7,
  delapan: 8,
  kedelapan: 8,
  eight: 8,
  eighth: 8,
  sembilan: 9,
  kesembilan: 9,
  nine: 9,
  ninth: 9,
  sepuluh: 10,
  kesepuluh: 10,
  ten: 10,
  tenth: 10,
};

/** Position (1-based) a text names: "2", "no 2", "nomor dua", "yang kedua". */
function ordinal(folded: string): number | undefined {
  const stripped = folded.replace(/^(no|nomor|nmr|pilih|pilihan|yang|yg|option|number)\s+/, '').trim();
  if (/^\d{1,2}$/.test(stripped)) return Number(stripped);
  return Object.hasOwn(NUMBER_WORDS, stripped) ? NUMBER_WORDS[stripped] : undefined;
}

/** Folded labels and ids: the same few hundred strings are offered again and again, so fold each once. */
const foldedKeys = new Map<string, string>();
const FOLDED_KEYS_LIMIT = 5_000;

/** A label or choice id as typed text is compared with it (case, accents and punctuation folded). */
function labelKey(label: string): string {
  let key = foldedKeys.get(label);
  if (key === undefined) {
    if (foldedKeys.size >= FOLDED_KEYS_LIMIT) foldedKeys.clear();
    key = fold(label);
    foldedKeys.set(label, key);
  }
  return key;
}

/**
 * The choice a typed text selects, or undefined when it selects none (then the text stays free text).
 * Near misses are accepted only when exactly one label is that close, so a typo never picks at random.
 */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const folded = fold(text);
  if (!folded) return undefined;
  const position = ordinal(folded);
  if (position !== undefined) return choices[position - 1];
  const exact = choices.find(
    (choice) =>
      labelKey(choice.label) === folded ||
      labelKey(choice.id) === folded ||
      choice.synonyms?.some((synonym) => labelKey(synonym) === folded) === true,
  );
  if (exact) return exact;
  if (folded.length < 4) return undefined;
  const tolerance = folded.length >= 8 ? 2 : 1;
  const near = choices.filter(
    (choice) => editDistance(labelKey(choice.label), folded, tolerance) <= tolerance,
  );
  return near.length === 1 ? near[0] : undefined;
}

/** Longest description that may pick a choice: longer text is a message of its own. */
const DESCRIPTION_MAX_WORDS = 8;
/** The least confidence for a typed yes or no to pick the choice that means it. */
const YES_NO_MIN = 0.6;

/** Words that say nothing about which option is meant ("buat", "yang", "saya", "please"). */
const FILLER = new Set(
  'buat untuk utk yang yg aja saja dong deh ya iya mau pilih pilihan saya aku sy gw kamu anda itu ini the for a an i me my want to please kak min'.split(
    ' ',
  ),
);

/** Content words of a label or a description: chat spelling expanded, fillers dropped, concepts added. */
function descriptionWords(text: string): Set<string> {
  const words = expandedTokens(plainTokens(text)).filter((word) => !FILLER.has(word));
  return new Set([...words, ...normalize(text)]);
}

/**
 * The choice a short description names ("buat diri sendiri" for "Saya sendiri"): the one label
 * sharing the most content words with the text, covering at least half of the text's, and ahead
 * of every other label.
 */
function describedChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  if (wordCount(text) > DESCRIPTION_MAX_WORDS) return undefined;
  const words = descriptionWords(text);
  if (!words.size) return undefined;
  const scored = choices
    .map((choice) => {
      const label = descriptionWords(`${choice.label} ${choice.id.replace(/[:_-]/g, ' ')}`);
      let shared = 0;
      for (const word of words) if (label.has(word)) shared += 1;
      return { choice, shared };
    })
    .sort((a, b) => b.shared - a.shared);
  const [best, second] = scored;
  if (!best || best.shared === 0 || best.shared * 2 < words.size) return undefined;
  return second && second.shared === best.shared ? undefined : best.choice;
}

/**
 * The choice a typed text selects: a number, ordinal, label or near-miss ({@link matchChoice}), a
 * description (in forms only: on a menu, "ada vaksin deket rumah?" is a request with details, not
 * the menu item), or a natural yes/no to a choice that `means` it (read by the language understanding).
 */
export function resolveTypedChoice(
  text: string,
  choices: readonly Choice[],
  interpretation?: Interpretation,
  /** Read descriptions too: in a form, short text at a choice step is almost always the answer. */
  descriptions = false,
): Choice | undefined {
  const direct = matchChoice(text, choices);
  if (direct) return direct;
  if (interpretation && interpretation.confidence >= YES_NO_MIN) {
    const means =
      interpretation.intent === 'affirm'
        ? 'yes'
        : interpretation.intent === 'deny' || interpretation.intent === 'cancel'
          ? 'no'
          : undefined;
    const meant = means && choices.find((choice) => choice.means === means);
    if (meant) return meant;
  }
  return descriptions ? describedChoice(text, choices) : undefined;
}
