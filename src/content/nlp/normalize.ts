/**
 * Indonesian + English text normalisation for FAQ retrieval: one function turns a chat message or a
 * content string into canonical tokens, so that the index and the user's question meet.
 *
 * Pipeline: fold (case, diacritics, punctuation, `10%`, `kapan-kapan`) → elongation (`gimanaaa`) →
 * slang (`gmn` → `bagaimana`) → per token: stopword flag, number words, synonyms, stemming
 * (repeated until stable) → multi-word concepts (`bpjs tk`, `keluar kerja`), matched across
 * stopwords → stopwords dropped → number composition (`500 ribu` → `500000`).
 */
import { elongationCandidates, foldTokens } from './fold.js';
import { detectLanguage, type Lang } from './language.js';
import { isKnownWord } from './lexicon.js';
import { composeNumbers, NUMBER_WORDS, SCALE_WORDS } from './numbers.js';
import { PHRASES } from './phrases.js';
import { ROOTS, UNSTEMMABLE } from './roots.js';
import { EN_OVERRIDES, EN_SLANG, ID_SLANG } from './slang.js';
import { stemEnglish, stemIndonesian } from './stemmer.js';
import { EN_STOPWORDS, ID_STOPWORDS } from './stopwords.js';
import { SYNONYM_GROUPS } from './synonyms.js';

export type { Lang } from './language.js';
export { detectLanguage } from './language.js';

/** A token on its way through the pipeline; stopwords are kept until phrases have been matched. */
interface Token {
  readonly value: string;
  readonly stop: boolean;
}

const MAX_DEPTH = 6;

// ---- concept maps, built once --------------------------------------------------------------------

/** Canonical concept tokens: fixed points of every step. */
const CANONICAL = new Set<string>();
/** Exact surface word → canonical token. */
const SURFACE = new Map<string, string>();
/** Stem of a member word → canonical token, per language (lower priority than SURFACE); split
 *  so an English stem never captures an Indonesian word (`mobile` → `mobil` is not "car"). */
const STEMMED: Record<Lang, Map<string, string>> = { id: new Map(), en: new Map() };
/** Multi-word members become phrases. */
const SYNONYM_PHRASES: [string, string][] = [];

for (const group of SYNONYM_GROUPS) CANONICAL.add(group.canonical);
for (const group of SYNONYM_GROUPS) {
  const members: [string, Lang][] = [
    ...(group.id ?? []).map((m): [string, Lang] => [m, 'id']),
    ...(group.en ?? []).map((m): [string, Lang] => [m, 'en']),
  ];
  for (const [member, lang] of members) {
    const exact = member.startsWith('=');
    const word = exact ? member.slice(1) : member;
    if (word.includes(' ')) {
      SYNONYM_PHRASES.push([word, group.canonical]);
      continue;
    }
    if (!SURFACE.has(word) && !CANONICAL.has(word)) SURFACE.set(word, group.canonical);
    if (exact) continue;
    const stem = lang === 'id' ? stemIndonesian(word) : stemEnglish(word);
    // A stem that is itself a root word keeps its own meaning (`pembantu` → `bantu` is not "maid").
    if (stem === word || STEMMED[lang].has(stem) || CANONICAL.has(stem) || ROOTS.has(stem)) continue;
    STEMMED[lang].set(stem, group.canonical);
  }
}

const STOPWORDS = new Set<string>([...ID_STOPWORDS, ...EN_STOPWORDS]);
const ID_LOOKING = (w: string): boolean =>
  ROOTS.has(w) || UNSTEMMABLE.has(w) || Object.hasOwn(ID_SLANG, w) || ID_STOPWORDS.has(w);

// ---- per-token canonicalisation ------------------------------------------------------------------

function slangFor(token: string, lang: Lang): string | undefined {
  if (lang === 'en') {
    // Own keys only: a user typing "constructor" must not reach Object.prototype.
    const en = Object.hasOwn(EN_SLANG, token) ? EN_SLANG[token] : undefined;
    if (en !== undefined) return en;
    if (EN_OVERRIDES.has(token)) return undefined;
  }
  return Object.hasOwn(ID_SLANG, token) ? ID_SLANG[token] : undefined;
}

/** The language-appropriate stem, or the token itself. */
function stemFor(token: string, lang: Lang): string {
  if (/\d/.test(token)) return token;
  if (lang === 'en') {
    if (ID_LOOKING(token)) return token;
    const en = stemEnglish(token);
    if (en !== token) return en;
    const id = stemIndonesian(token);
    return id !== token && (ROOTS.has(id) || SURFACE.has(id) || STEMMED.id.has(id)) ? id : token;
  }
  const id = stemIndonesian(token);
  if (id !== token) return id;
  const en = stemEnglish(token);
  return en !== token && (SURFACE.has(en) || STEMMED.en.has(en)) ? en : token;
}

/** One surface token → canonical tokens (usually one; slang may expand to several). */
function canonToken(token: string, lang: Lang, depth = 0): Token[] {
  if (CANONICAL.has(token) || depth > MAX_DEPTH) return [{ value: token, stop: false }];
  const slang = slangFor(token, lang);
  if (slang !== undefined && slang !== token) {
    return slang.split(' ').flatMap((w) => canonToken(w, lang, depth + 1));
  }
  if (STOPWORDS.has(token)) return [{ value: token, stop: true }];
  if (Object.hasOwn(SCALE_WORDS, token)) return [{ value: token, stop: false }];
  const n = Object.hasOwn(NUMBER_WORDS, token) ? NUMBER_WORDS[token] : undefined;
  if (n !== undefined) return [{ value: String(n), stop: false }];
  const synonym = SURFACE.get(token);
  if (synonym !== undefined) return [{ value: synonym, stop: false }];
  const stem = stemFor(token, lang);
  if (stem !== token) {
    // An English stem found in the English concept map is final (Indonesian rules must not re-stem it).
    const en = lang === 'id' ? STEMMED.en.get(stem) : undefined;
    return en !== undefined ? [{ value: en, stop: false }] : canonToken(stem, lang, depth + 1);
  }
  return [{ value: STEMMED[lang].get(token) ?? token, stop: false }];
}

/** `gimanaaa` → `gimana`; `saaat` → `saat` when the double-letter reading is a known word. */
function fixElongation(token: string): string {
  const c = elongationCandidates(token);
  if (c === undefined) return token;
  return isKnownWord(c.double) && !isKnownWord(c.single) ? c.double : c.single;
}

/** Per-language memo of surface token → canonical tokens (vocabularies repeat a lot). */
const MEMO: Record<Lang, Map<string, readonly Token[]>> = { id: new Map(), en: new Map() };
const MEMO_LIMIT = 200_000;

function canonMemo(surface: string, lang: Lang): readonly Token[] {
  const memo = MEMO[lang];
  let out = memo.get(surface);
  if (out === undefined) {
    out = canonToken(fixElongation(surface), lang);
    if (memo.size >= MEMO_LIMIT) memo.clear(); // bounded: user text is unbounded
    memo.set(surface, out);
  }
  return out;
}

function canonicalise(surface: readonly string[], lang: Lang): Token[] {
  const out: Token[] = [];
  for (const word of surface) for (const t of canonMemo(word, lang)) out.push(t);
  return out;
}

// ---- phrases -------------------------------------------------------------------------------------

interface Phrase {
  key: string[];
  out: string[];
}

/** First key token → phrases starting with it, longest first. */
const PHRASE_INDEX = new Map<string, Phrase[]>();

function registerPhrase(surface: string, out: string): void {
  for (const lang of ['id', 'en'] as const) {
    const key = canonicalise(foldTokens(surface), lang).map((t) => t.value);
    if (key.length < 2) continue;
    const first = key[0] as string;
    const list = PHRASE_INDEX.get(first) ?? [];
    if (list.some((p) => p.key.join(' ') === key.join(' '))) continue;
    list.push({ key, out: out.split(' ').filter((w) => w.length > 0) });
    list.sort((a, b) => b.key.length - a.key.length);
    PHRASE_INDEX.set(first, list);
  }
}
for (const [surface, out] of [...PHRASES, ...SYNONYM_PHRASES]) registerPhrase(surface, out);

/** Index just past the match of `key` at `start`, skipping stopwords not in the key; -1 if none. */
function matchAt(tokens: readonly Token[], start: number, key: readonly string[]): number {
  let j = start;
  for (let k = 0; k < key.length; k++) {
    if (k > 0)
      while (j < tokens.length && (tokens[j] as Token).stop && (tokens[j] as Token).value !== key[k]) j++;
    if (j >= tokens.length || (tokens[j] as Token).value !== key[k]) return -1;
    j++;
  }
  return j;
}

function applyPhrasesOnce(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    let end = -1;
    let phrase: Phrase | undefined;
    for (const p of PHRASE_INDEX.get(t.value) ?? []) {
      end = matchAt(tokens, i, p.key);
      if (end > 0) {
        phrase = p;
        break;
      }
    }
    if (phrase === undefined) {
      out.push(t);
      i++;
    } else {
      for (const value of phrase.out) out.push({ value, stop: false });
      i = end;
    }
  }
  return out;
}

function applyPhrases(tokens: Token[]): Token[] {
  let current = tokens;
  for (let pass = 0; pass < 4; pass++) {
    const next = applyPhrasesOnce(current);
    const same =
      next.length === current.length && next.every((t, k) => t.value === (current[k] as Token).value);
    current = next;
    if (same) break;
  }
  return current;
}

// ---- public API ----------------------------------------------------------------------------------

/**
 * Normalises text into canonical retrieval tokens (stopwords removed). Never throws; deterministic;
 * idempotent for a fixed language: `normalize(normalize(s, l).join(' '), l)` equals `normalize(s, l)`.
 *
 * @param text - any user or content text
 * @param lang - the language's rules to use (English stemming, slang readings); detected when omitted,
 *   Indonesian when undecidable
 * @returns canonical tokens in text order, duplicates kept
 *
 * @example normalize('min cara cairin jht gmn??') // ['cara', 'klaim', 'jht', 'cara']
 * @example normalize('I was laid off, can I withdraw my old age savings?') // ['phk', 'klaim', 'jht']
 */
export function normalize(text: string, lang?: Lang): string[] {
  return normalizeFolded(foldTokens(text), lang ?? detectLanguage(text) ?? 'id');
}

/**
 * {@link normalize} for text already split by `foldTokens` (saves folding twice when the caller
 * also needs the surface words).
 */
export function normalizeFolded(surface: readonly string[], lang: Lang): string[] {
  const tokens = applyPhrases(canonicalise(surface, lang)).filter((t) => !t.stop);
  return composeNumbers(tokens, (value) => ({ value, stop: false }))
    .map((t) => t.value)
    .filter((value) => !LONE_LETTER.test(value));
}

/** A single letter carries no meaning on its own ("x" of "2 x 24", a stray key press). */
const LONE_LETTER = /^\p{L}$/u;

/** True when `token` is a canonical concept token (see `synonyms.ts`). */
export function isCanonical(token: string): boolean {
  return CANONICAL.has(token);
}

/**
 * Pairs of (member word, canonical token): lets a typo-tolerant lookup land on a concept from a
 * misspelt member (`pencairn` is one edit from `pencairan`).
 */
export function synonymEntries(): [string, string][] {
  return [...SURFACE.entries()];
}
