/**
 * Light rule-based stemmers, written for this project (no third-party dictionary).
 *
 * Indonesian: particles (-lah, -kah, -pun), possessives (-nya, -ku, -mu), derivational suffixes
 * (-kan, -an; -i and colloquial -in only when the result is a known root), prefixes di-, ke-, se-,
 * ter-, ber-, me-, pe-, per- with nasal assimilation (meny+impan → simpan, pe+nipu → tipu), at most
 * three prefixes deep. Invalid prefix/suffix pairs (di-…-an, me-…-an, ke-…-i) are not stripped, so
 * `dimakan` stays `makan`. Conservative: it prefers leaving a word alone to inventing a root.
 *
 * English: plural, -ing, -ed and a final -e (a tiny Porter step 1), enough for query/index agreement.
 */
import { ROOTS, UNSTEMMABLE } from './roots.js';

const LETTERS = /^[a-z]+$/;
const VOWELS = 'aeiou';
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.includes(c);
const isKnown = (w: string): boolean => ROOTS.has(w) || UNSTEMMABLE.has(w);

/** Time words that `se-` attaches to as "one" (`sebulan` → `bulan`). */
const SE_UNITS: ReadonlySet<string> = new Set(['bulan', 'tahun', 'minggu', 'hari', 'kali', 'jam', 'menit']);

/** Prefix/suffix pairs Indonesian morphology does not allow together. */
const INVALID_CONFIX: Readonly<Record<string, readonly string[]>> = {
  ber: ['i'],
  di: ['an'],
  ke: ['i', 'kan'],
  me: ['an'],
  se: ['i', 'kan'],
  ter: ['an'],
};

function stripEnding(w: string, endings: readonly string[], minRest: number): string {
  for (const e of endings) {
    if (w.endsWith(e) && w.length - e.length >= minRest) return w.slice(0, -e.length);
  }
  return w;
}

/** The word without particles/possessives, most stripped first: `kartunyalah` → `kartu`, `kartunya`, … */
function inflectionBases(word: string): string[] {
  const noParticle = stripEnding(word, ['lah', 'kah', 'pun'], 4);
  const bases = new Set<string>();
  for (const w of [noParticle, word]) {
    const noNya = stripEnding(w, ['nya'], 3);
    bases.add(noNya !== w ? noNya : stripEnding(w, ['ku', 'mu'], 4));
  }
  bases.add(noParticle).add(word);
  return [...bases];
}

interface PrefixStep {
  prefix: string;
  form: string;
}

/** Ways to remove one prefix from `w`, the default reading first. */
function prefixSteps(w: string): PrefixStep[] {
  const out: PrefixStep[] = [];
  const add = (prefix: string, form: string): void => {
    if (form.length >= 3) out.push({ prefix, form });
  };
  if (w.startsWith('di')) add('di', w.slice(2));
  else if (w.startsWith('ke')) add('ke', w.slice(2));
  else if (w.startsWith('se')) add('se', w.slice(2));
  else if (w.startsWith('ter')) add('ter', w.slice(3));
  else if (w.startsWith('ber')) add('ber', w.slice(3));
  else if (w.startsWith('belajar')) add('ber', w.slice(3));
  else if (w.startsWith('beker')) add('ber', w.slice(2));
  else if (w.startsWith('me') || w.startsWith('pe')) {
    const p = w.slice(0, 2) === 'me' ? 'me' : 'pe';
    const rest = w.slice(2);
    const a = rest[1];
    const b = rest[2];
    if (p === 'pe' && rest.startsWith('r')) {
      add('per', rest.slice(1));
      add('pe', rest);
    } else if (rest.startsWith('nge')) {
      add(p, rest.slice(3));
      add(p, rest.slice(2));
    } else if (rest.startsWith('ny') && isVowel(b)) {
      add(p, 's' + rest.slice(2));
      add(p, 'c' + rest.slice(2));
    } else if (rest.startsWith('ng')) {
      add(p, rest.slice(2));
      if (isVowel(b)) add(p, 'k' + rest.slice(2));
    } else if (rest.startsWith('m')) {
      if (a !== undefined && 'bfvp'.includes(a)) add(p, rest.slice(1));
      else if (isVowel(a)) {
        add(p, 'p' + rest.slice(1));
        add(p, rest);
      }
    } else if (rest.startsWith('n')) {
      if (a !== undefined && 'cdjszt'.includes(a)) add(p, rest.slice(1));
      else if (isVowel(a)) {
        add(p, 't' + rest.slice(1));
        add(p, rest);
      }
    } else if (rest[0] !== undefined && 'lrwy'.includes(rest[0])) add(p, rest);
    else if (p === 'pe' && rest[0] !== undefined && !isVowel(rest[0])) add(p, rest);
  }
  return out;
}

function confixAllowed(prefix: string, suffix: string, form: string, viaRoot: boolean): boolean {
  if ((INVALID_CONFIX[prefix] ?? []).includes(suffix)) return false;
  if (prefix === 'ke') return suffix === 'an' || viaRoot;
  if (prefix === 'se') return suffix === 'an' || SE_UNITS.has(form);
  return true;
}

/** Every form reachable by removing up to three prefixes, the default path first, deeper first. */
function prefixForms(body: string, suffix: string, depth: number, firstPrefix: string | undefined): string[] {
  if (depth === 3 || isKnown(body)) return [body];
  const deeper: string[] = [];
  for (const step of prefixSteps(body)) {
    const prefix = firstPrefix ?? step.prefix;
    if (!confixAllowed(prefix, suffix, step.form, isKnown(step.form))) continue;
    if (!isKnown(step.form) && step.form.length < 4) continue;
    deeper.push(...prefixForms(step.form, suffix, depth + 1, prefix));
  }
  return [...deeper, body];
}

/**
 * Stems one Indonesian word (lowercase ASCII). Words of four letters or fewer, words with digits,
 * known roots and listed exceptions are returned unchanged.
 *
 * @example stemIndonesian('pencairan') // 'cair'
 * @example stemIndonesian('menyimpan') // 'simpan'
 * @example stemIndonesian('kepesertaannya') // 'peserta'
 */
export function stemIndonesian(word: string): string {
  // Stemming a stem again must change nothing ("aaaamumu" loses one "-mu" per pass): repeat to a fixed point.
  let stem = stemOnce(word);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const again = stemOnce(stem);
    if (again === stem) break;
    stem = again;
  }
  return stem;
}

/** More passes than any real word needs (a particle, a possessive, two prefixes). */
const MAX_PASSES = 4;

/** One pass of {@link stemIndonesian}. */
function stemOnce(word: string): string {
  if (word.length <= 4 || !LETTERS.test(word) || isKnown(word)) return word;
  const bases = inflectionBases(word);
  const readings = bases.flatMap(suffixReadings);
  // 1. A reading that lands on a known root wins (this also undoes a wrong particle cut: menikah).
  for (const r of readings) {
    const hit = r.forms.find(isKnown);
    if (hit !== undefined) return hit;
  }
  // 2. Otherwise the default reading of the most stripped base: -kan/-an (never the risky -i/-in),
  //    deepest prefix removal; a body that still looks prefixed must actually lose its prefix.
  const base = bases[0] ?? word;
  for (const r of readings) {
    if (r.base !== base || r.suffix === 'i' || r.suffix === 'in') continue;
    if (r.suffix === 'an' && r.body.length < 4) continue;
    const form = r.forms[0] ?? r.body;
    if (r.suffix !== '' && form === r.body && LOOKS_PREFIXED.test(r.body)) continue;
    if (form.length >= 4) return form;
  }
  return base;
}

/** Starts like a derivational prefix. */
const LOOKS_PREFIXED = /^(di|ke|se|te|be|me|pe)/;

interface Reading {
  base: string;
  body: string;
  suffix: string;
  forms: string[];
}

/** Suffix readings of one base (`-kan`, `-an`, `-in`, `-i`, none), each with its prefix forms. */
function suffixReadings(base: string): Reading[] {
  const out: Reading[] = [];
  for (const suffix of ['kan', 'an', 'in', 'i', '']) {
    if (!base.endsWith(suffix)) continue;
    const body = suffix === '' ? base : base.slice(0, -suffix.length);
    if (body.length < 3 || (suffix === 'an' && body.endsWith('w'))) continue;
    out.push({ base, body, suffix, forms: prefixForms(body, suffix, 0, undefined) });
  }
  return out;
}

const EN_STEPS: readonly ((w: string) => string)[] = [
  (w) => (/(sses|xes|zes|ches|shes)$/.test(w) ? w.slice(0, -2) : w),
  (w) => (w.length > 4 && /(ies|ied)$/.test(w) ? w.slice(0, -3) + 'y' : w),
  (w) => (w.endsWith('s') && !/(ss|us|is)$/.test(w) ? w.slice(0, -1) : w),
  (w) => stripVerbEnding(w, 'ing'),
  (w) => stripVerbEnding(w, 'ed'),
  (w) => (w.length > 4 && w.endsWith('e') && !w.endsWith('ee') ? w.slice(0, -1) : w),
];

function stripVerbEnding(w: string, ending: string): string {
  if (!w.endsWith(ending)) return w;
  let rest = w.slice(0, -ending.length);
  if (rest.length < 3 || !/[aeiouy]/.test(rest)) return w;
  if (/([b-df-hj-kmnp-rtv-z])\1$/.test(rest)) rest = rest.slice(0, -1);
  return rest;
}

/**
 * Stems one English word (lowercase ASCII): plurals, -ing, -ed, final -e. Idempotent.
 *
 * @example stemEnglish('claims') // 'claim'
 * @example stemEnglish('requirements') // 'requirement'
 */
export function stemEnglish(word: string): string {
  if (word.length <= 3 || !LETTERS.test(word)) return word;
  let s = word;
  for (let round = 0; round < 4; round++) {
    let next = s;
    for (const step of EN_STEPS) {
      const stepped = step(next);
      if (stepped.length >= 3) next = stepped;
    }
    if (next === s) break;
    s = next;
  }
  return s;
}
