/**
 * Word lists assembled from the other NLP modules: which words are known Indonesian, which are
 * known English. Used to detect a question's language and to undo elongation (`saaat` → `saat`).
 */
import { COMMON_EN, COMMON_ID } from './common.js';
import { NUMBER_WORDS, SCALE_WORDS } from './numbers.js';
import { ROOTS, UNSTEMMABLE } from './roots.js';
import { EN_SLANG, ID_SLANG } from './slang.js';
import { EN_STOPWORDS, GENERIC_TERMS, ID_STOPWORDS } from './stopwords.js';
import { SYNONYM_GROUPS } from './synonyms.js';

const ID_NUMBERS = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
  'seratus',
  'seribu',
  'sejuta',
  'belas',
  'puluh',
  'ratus',
  'ribu',
  'juta',
  'miliar',
];

function singleWords(lists: readonly (readonly string[] | undefined)[]): string[] {
  return lists
    .flatMap((l) => l ?? [])
    .map((w) => w.replace(/^=/, ''))
    .filter((w) => !w.includes(' '));
}

const idAll = new Set<string>([
  ...ID_STOPWORDS,
  ...Object.keys(ID_SLANG),
  ...ROOTS,
  ...UNSTEMMABLE,
  ...ID_NUMBERS,
  ...singleWords(SYNONYM_GROUPS.map((g) => g.id)),
  ...'bagaimana berapa kapan dimana mengapa siapa cara sudah belum masih tidak bisa mau saya'.split(' '),
]);
const enAll = new Set<string>([
  ...EN_STOPWORDS,
  ...Object.keys(EN_SLANG),
  ...singleWords(SYNONYM_GROUPS.map((g) => g.en)),
  ...Object.keys(NUMBER_WORDS).filter((w) => !ID_NUMBERS.includes(w)),
  ...Object.keys(SCALE_WORDS).filter((w) => !ID_NUMBERS.includes(w)),
  ...'how what where when why who which whose'.split(' '),
]);

/** Words that only Indonesian uses (among the lists this project keeps). */
export const ID_ONLY: ReadonlySet<string> = new Set([...idAll].filter((w) => !enAll.has(w)));
/** Words that only English uses (among the lists this project keeps). */
export const EN_ONLY: ReadonlySet<string> = new Set([...enAll].filter((w) => !idAll.has(w)));

/** True when the word is in any of the project's word lists (either language). */
export function isKnownWord(word: string): boolean {
  return idAll.has(word) || enAll.has(word) || GENERIC_TERMS.has(word);
}

/**
 * Every word in the project's lists for one language, including everyday out-of-domain words, e.g.
 * to seed a spelling corrector (a real word must not be "corrected" into another one).
 */
export function knownWords(lang: 'id' | 'en'): ReadonlySet<string> {
  return lang === 'id'
    ? new Set([...idAll, ...GENERIC_TERMS, ...COMMON_ID])
    : new Set([...enAll, ...COMMON_EN]);
}
