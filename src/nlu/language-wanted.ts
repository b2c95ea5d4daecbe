/**
 * Which language a message asks for. The classifier tells a request to change language from
 * everything else; which way it goes is read from the languages the message names and how:
 * "pake english" wants English, "ga ngerti bahasa inggris" and "my english is not good" want
 * Indonesian, "i can't read indonesian" wants English. A bag of words cannot tell those apart (they
 * share every word); the position of the negation can.
 */
import type { Lang } from '../content/nlp/normalize.js';
import { conceptsIn, flagConcepts, squeeze, type ConceptMatch } from './concepts.js';
import { plainTokens } from './features.js';

/** A set of squeezed words from a space-separated list. */
function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(' ').map(squeeze));
}

/** Words that, just before a named language, refuse it ("ga bisa", "jangan", "not", "can't"). */
const REFUSING = wordSet(
  'ga gak nggak ngga enggak engga gk tidak tdk tak ndak nda kagak kaga ora henteu teu ' +
    'mboten jangan jgn bukan not no never cannot kurang gabisa gangerti gapaham without ' +
    'tanpa selain',
);

/** Words that, just before a named language, ask for it ("pake", "ganti ke", "in"). */
const ASKING = wordSet(
  'pake pakai pk gunakan ganti ubah ke in into to use switch change nganggo make dalam ' +
    'versi speak prefer mau pengen ingin want',
);

/** Words just after a named language that say the user is weak in it ("english saya jelek"). */
const WEAK_AFTER = wordSet('jelek kurang buruk payah parah bad poor weak not limited terbatas');

/** Words that name no language themselves but lead into one ("bahasa inggris"). */
const LANGUAGE_WORDS = new Set(['bahasa', 'bhs', 'basa', 'boso']);

/** How many tokens before a named language a refusal or a request still applies to it. */
const WINDOW = 3;
/** How many tokens after a named language a word can say the user is weak in it. */
const AFTER_WINDOW = 3;

function other(lang: Lang): Lang {
  return lang === 'en' ? 'id' : 'en';
}

/** The language a concept match names, if any, in a message written in `lang`. */
function namedLanguage(match: ConceptMatch, tokens: readonly string[], lang: Lang): Lang | undefined {
  if (match.concept === 'lang_en') return 'en';
  if (match.concept === 'lang_id') return 'id';
  if (match.concept !== 'language') return undefined;
  // In English, "bahasa" on its own ("answer in bahasa") is Indonesian; in Indonesian ("ganti
  // bahasa") it names no language, and "bahasa inggris" is named by its next word.
  if (lang !== 'en') return undefined;
  const bare = squeeze(tokens[match.start] ?? '') === 'bahasa';
  const next = squeeze(tokens[match.end] ?? '');
  const namesNext = conceptsIn([next]).some((m) => m.concept === 'lang_en' || m.concept === 'lang_id');
  return bare && !namesNext ? 'id' : undefined;
}

/**
 * The language a message asks to be answered in, when it names one; undefined when it names none or
 * pulls both ways equally.
 *
 * @example languageWanted('ga ngerti bahasa inggris', 'id') // 'id'
 */
export function languageWanted(text: string, lang: Lang): Lang | undefined {
  const tokens = plainTokens(text);
  const squeezed = tokens.map(squeeze);
  const mentions = conceptsIn(tokens).flatMap((match) => {
    const named = namedLanguage(match, tokens, lang);
    if (!named) return [];
    // "bahasa inggris": the words before "bahasa" belong to the whole name.
    const start = LANGUAGE_WORDS.has(squeezed[match.start - 1] ?? '') ? match.start - 1 : match.start;
    return [{ lang: named, start, end: match.end }];
  });
  const votes: Record<Lang, number> = { id: 0, en: 0 };
  mentions.forEach((mention, i) => {
    // Each mention's window stops at its neighbours ("not english, indonesian").
    const previousEnd = mentions[i - 1]?.end ?? 0;
    const next = mentions[i + 1];
    const lead = squeezed.slice(Math.max(previousEnd, mention.start - WINDOW), mention.start);
    // "english, saya kurang lancar bahasa indonesia": a weakness just before the next name is its own.
    const afterEnd = Math.min(mention.end + AFTER_WINDOW, next ? next.start - WINDOW : Infinity);
    const after = squeezed.slice(mention.end, Math.max(mention.end, afterEnd));
    const refused = lead.some((w) => REFUSING.has(w)) || after.some((w) => WEAK_AFTER.has(w));
    if (refused) votes[other(mention.lang)] += 1;
    else votes[mention.lang] += lead.some((w) => ASKING.has(w)) ? 2 : 1;
  });
  // A flag names its language ("🇬🇧").
  for (const concept of flagConcepts(text)) votes[concept === 'lang_en' ? 'en' : 'id'] += 1;
  if (votes.id === votes.en) return undefined;
  return votes.id > votes.en ? 'id' : 'en';
}
