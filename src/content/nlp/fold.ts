/**
 * Surface folding: turns raw chat text into lowercase ASCII-ish word and number pieces.
 *
 * This step knows nothing about words; it only removes what carries no meaning for retrieval
 * (case, diacritics, punctuation, thousands separators) and splits glued pieces such as `500rb`.
 */

const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Lowercases and strips diacritics. Applied twice because some compatibility characters only
 * decompose (or only gain a lowercase form) after the other step, and folding must be idempotent.
 */
function foldCase(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').toLowerCase().normalize('NFKD').toLowerCase().replace(COMBINING_MARKS, '');
}

/** English contractions, expanded before the apostrophe is treated as punctuation. */
function expandContractions(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/'re\b/g, ' are')
    .replace(/'m\b/g, ' am')
    .replace(/'ve\b/g, ' have')
    .replace(/'ll\b/g, ' will')
    .replace(/'[sd]\b/g, '');
}

/** `1.500.000` and `1,500,000` become `1500000`; `10%` becomes `10 persen`. */
function foldNumbers(text: string): string {
  let out = text;
  // Repeat: each pass removes one separator per group (overlapping matches are skipped).
  for (let i = 0; i < 4 && /\d[.,]\d{3}(?!\d)/.test(out); i++)
    out = out.replace(/(\d)[.,](\d{3})(?!\d)/g, '$1$2');
  return out.replace(/%/g, ' persen ');
}

/**
 * Indonesian reduplication: `kapan-kapan` → `kapan`, `anak2` → `anak`. A single-letter prefix
 * joined by a hyphen is glued (`e-wallet` → `ewallet`, `e-ktp` → `ektp`).
 */
function foldReduplication(text: string): string {
  return text
    .replace(/(?<![\p{L}\p{N}])(\p{L}+)-\1(?![\p{L}\p{N}])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}])(\p{L}{2,})2(?![\p{L}\p{N}])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}])(\p{L})-(?=\p{L}{2})/gu, '$1');
}

/**
 * Folds raw text into surface tokens: lowercase, no diacritics, no punctuation, letters and digits
 * split apart (`500rb` → `500`, `rb`). Never throws; returns `[]` for text with no letters or digits.
 *
 * @example foldTokens('Gimana cara cairin JHT-nya?? 10%') // ['gimana','cara','cairin','jht','nya','10','persen']
 */
export function foldTokens(text: string): string[] {
  // Each step runs only when its trigger character is present: folding whole answers at index
  // build time is hot, and Unicode look-behind regexes are slow.
  let s = foldCase(text);
  if (/['\u2018\u2019\u02bc`]/.test(s)) s = expandContractions(s);
  const digits = /\d/.test(s);
  if (digits || s.includes('%')) s = foldNumbers(s);
  if (s.includes('-') || (digits && /\p{L}2/u.test(s))) {
    // Only the whitespace-separated pieces that can hold a reduplication go through the regexes.
    s = s
      .split(/\s+/)
      .map((piece) => (piece.includes('-') || /\p{L}2/u.test(piece) ? foldReduplication(piece) : piece))
      .join(' ');
  }
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(s);
  if (digits) {
    s = ascii
      ? s.replace(/([a-z])(\d)/g, '$1 $2').replace(/(\d)([a-z])/g, '$1 $2')
      : s.replace(/(\p{L})(\p{N})/gu, '$1 $2').replace(/(\p{N})(\p{L})/gu, '$1 $2');
  }
  return s.split(ascii ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/**
 * Collapses letters repeated three or more times (`gimanaaa`, `tolooong`). Returns both readings:
 * one letter and two letters, so the caller can keep a real double letter (`saaat` → `saat`) when
 * it is a known word. Returns `undefined` when the token has no such run.
 */
export function elongationCandidates(token: string): { single: string; double: string } | undefined {
  if (!/(\p{L})\1\1/u.test(token)) return undefined;
  return {
    single: token.replace(/(\p{L})\1{2,}/gu, '$1'),
    double: token.replace(/(\p{L})\1{2,}/gu, '$1$1'),
  };
}
