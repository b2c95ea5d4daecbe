/**
 * Monthly income as Indonesians type it ("2 juta", "2,5jt", "Rp1.500.000,00", "500rb",
 * "satu setengah juta", "2 juta 500 ribu") and rupiah formatting.
 *
 * Number conventions: `.` groups thousands and `,` marks decimals (Indonesian), but a single
 * separator followed by other than exactly three digits is read as a decimal point either way
 * ("1.5jt" = 1,500,000; "2,5 juta" = 2,500,000; "2.500" = 2,500). English grouping with commas
 * ("2,500,000") is accepted too.
 *
 * @module
 */

/** Why a text could not be read as a monthly income. */
export type IncomeInvalidReason =
  /** Nothing typed. */
  | 'empty'
  /** No number found, or words we do not understand. */
  | 'unrecognized'
  /** Several readings are possible: a range ("2-3 juta"), "kurang dari", "2 juta 500", "1M"… */
  | 'ambiguous'
  /** A bare small number such as "2" or "500": juta? ribu? Ask again with a unit. */
  | 'needs_unit'
  /** Per day, week, year or hour: ask for the monthly amount. */
  | 'not_monthly'
  /** A negative amount. */
  | 'negative'
  /** Zero or "tidak ada". */
  | 'zero'
  /** More than Rp1 miliar a month. */
  | 'too_large';

/** Result of {@link parseIncome}. */
export type IncomeResult =
  | { readonly ok: true; /** Whole rupiah. */ readonly amount: number }
  | { readonly ok: false; readonly reason: IncomeInvalidReason };

/** The largest monthly income accepted (Rp1 miliar); anything above is treated as a typo. */
export const MAX_MONTHLY_INCOME = 1_000_000_000;

// A decimal number m / 10^d, kept exact (all values here stay far below 2^53).
interface Dec {
  m: number;
  d: number;
}

const ZERO: Dec = { m: 0, d: 0 };

function scaleTo(a: Dec, d: number): number {
  return a.m * 10 ** (d - a.d);
}

function addDec(a: Dec, b: Dec): Dec {
  const d = Math.max(a.d, b.d);
  return { m: scaleTo(a, d) + scaleTo(b, d), d };
}

function mulPow10(a: Dec, k: number): Dec {
  return a.d >= k ? { m: a.m, d: a.d - k } : { m: a.m * 10 ** (k - a.d), d: 0 };
}

function isZero(a: Dec): boolean {
  return a.m === 0;
}

function isWhole(a: Dec): boolean {
  return a.d === 0 || a.m % 10 ** a.d === 0;
}

function toNumber(a: Dec): number {
  return a.m / 10 ** a.d;
}

/** Reads "2.500.000", "1.500.000,00", "2,5", "1.5", "2,500,000"; undefined when malformed. */
function parseNumeral(raw: string): Dec | undefined {
  const dots = (raw.match(/\./g) ?? []).length;
  const commas = (raw.match(/,/g) ?? []).length;
  let intPart = raw;
  let frac = '';
  if (dots > 0 && commas > 0) {
    const decimalSep = raw.lastIndexOf(',') > raw.lastIndexOf('.') ? ',' : '.';
    const groupSep = decimalSep === ',' ? '.' : ',';
    const at = raw.lastIndexOf(decimalSep);
    if (raw.split(decimalSep).length !== 2) return undefined;
    intPart = raw.slice(0, at);
    frac = raw.slice(at + 1);
    if (!validGroups(intPart, groupSep)) return undefined;
    intPart = intPart.split(groupSep).join('');
  } else if (dots + commas > 0) {
    const sep = dots > 0 ? '.' : ',';
    const parts = raw.split(sep);
    if (parts.length > 2) {
      if (!validGroups(raw, sep)) return undefined;
      intPart = parts.join('');
    } else {
      const [a = '', b = ''] = parts;
      if (b.length === 3 && a.length <= 3 && a !== '0') {
        intPart = a + b; // thousands: "2.500", "1,500"
      } else {
        intPart = a;
        frac = b;
      }
    }
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return undefined;
  const digits = (intPart + frac).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return { m: 1e15, d: 0 }; // absurdly large; caught as too_large
  return { m: Number(digits), d: frac.length };
}

function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  const [head = '', ...rest] = groups;
  return /^\d{1,3}$/.test(head) && rest.every((g) => /^\d{3}$/.test(g));
}

// prettier-ignore
const UNITS: Readonly<Record<string, number>> = {
  ribu: 3, rb: 3, rbu: 3, rebu: 3, ribuan: 3, rban: 3, k: 3, rbuan: 3, thousand: 3, thousands: 3,
  juta: 6, jt: 6, jta: 6, jutaan: 6, jtan: 6, jtaan: 6, million: 6, millions: 6, mio: 6, mln: 6,
  miliar: 9, milyar: 9, miliyar: 9, milyard: 9, billion: 9, bn: 9,
};

// prettier-ignore
const DIGIT_WORDS: Readonly<Record<string, number>> = {
  nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9,
};

/** "se-" words: seratus = 100 within a group; seribu/sejuta/semiliar = 1 × unit. */
const SE_GROUP: Readonly<Record<string, number>> = { sepuluh: 10, sebelas: 11, seratus: 100 };
const SE_UNIT: Readonly<Record<string, number>> = { seribu: 3, sejuta: 6, semiliar: 9, semilyar: 9 };
const HALF = new Set(['setengah', 'stengah', 'setengh', 'half']);

const IGNORED = new Set(
  (
    'rp rupiah idr sekitar skitar sekitaran kisaran kira kira2 around about approximately approx roughly ' +
    'an per bulan bln bl sebulan perbulan bulanan tiap setiap month months monthly mo a ' +
    'gaji gajinya gajiku penghasilan penghasilannya pendapatan pendapatannya income salary upah ' +
    'saya aku sy gue gua gw kak kakak min bang pak bu mas mbak sih aja saja ya yah kok cuma cuman hanya ' +
    'rata rata2 biasanya kotor bersih net gross is my adalah nya itu dapat dapet hasil'
  ).split(' '),
);
const NOT_MONTHLY = new Set(
  (
    'hari harian sehari perhari hr minggu mingguan seminggu perminggu mgg pekan sepekan tahun tahunan ' +
    'setahun pertahun thn th jam perjam day days daily week weeks weekly year years yearly annual annually ' +
    'hour hours hourly'
  ).split(' '),
);
const RANGE_WORDS = new Set('sampai sampe smp hingga atau or to antara between'.split(' '));
const VAGUE_WORDS = new Set(
  'kurang lebih tentu menentu nentu pasti variasi bervariasi beda berbeda tergantung tdk tidak gak ga nggak ngga enggak belum blm m'.split(
    ' ',
  ),
);
const NEGATIVE_WORDS = new Set(['minus', 'negatif', 'negative']);
const ZERO_PHRASE =
  /^(?:(?:tidak|tdk|gak|ga|nggak|ngga|enggak|belum|blm)\s+(?:ada|punya)(?:\s+(?:penghasilan|pendapatan|gaji))?|kosong|nol|none|nothing)$/;

type Token = { kind: 'num'; value: Dec } | { kind: 'word'; w: string } | { kind: 'sym'; s: string };

function tokenize(s: string): Token[] | undefined {
  const tokens: Token[] = [];
  const re = /(\d(?:[\d.,]*\d)?)|([a-z]+)|(\S)/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m[1] !== undefined) {
      const value = parseNumeral(m[1]);
      if (!value) return undefined;
      tokens.push({ kind: 'num', value });
    } else if (m[2] !== undefined) {
      tokens.push({ kind: 'word', w: m[2] });
    } else if (m[3] !== undefined) {
      tokens.push({ kind: 'sym', s: m[3] });
    }
  }
  return tokens;
}

function fail(reason: IncomeInvalidReason): IncomeResult {
  return { ok: false, reason };
}

function evaluate(tokens: Token[]): IncomeResult {
  let total: Dec = ZERO;
  let group: Dec = ZERO; // built from words like "lima ratus"
  let pending: Dec | undefined; // the last number not yet combined
  let pendingFromDigits = false;
  let lastUnit = Number.POSITIVE_INFINITY; // units must decrease: juta then ribu
  let sawUnit = false;
  let sawNumber = false;
  let negative = false;
  let previous: Token | undefined;

  const flushTo = (exp: number): IncomeInvalidReason | undefined => {
    if (exp >= lastUnit) return 'ambiguous';
    const value = addDec(group, pending ?? ZERO);
    if (isZero(value) && pending === undefined && isZero(group)) return 'ambiguous'; // "juta" alone
    total = addDec(total, mulPow10(value, exp));
    group = ZERO;
    pending = undefined;
    pendingFromDigits = false;
    lastUnit = exp;
    sawUnit = true;
    return undefined;
  };

  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t === undefined) break;
    const next = tokens[i + 1];
    if (t.kind === 'num') {
      if (pending !== undefined || !isZero(group)) return fail('ambiguous'); // "2 3", "1/2"
      pending = t.value;
      pendingFromDigits = true;
      sawNumber = true;
    } else if (t.kind === 'sym') {
      if (t.s === '-') {
        if (!sawNumber && next?.kind === 'num') negative = true;
        else if (sawNumber && next?.kind === 'num') return fail('ambiguous'); // a range
      } else if (t.s === '/') {
        if (previous?.kind === 'num' && next?.kind === 'num') return fail('ambiguous');
      } else if (t.s === '~' || t.s === '±' || t.s === '+' || t.s === ':' || t.s === '=') {
        // approximations and labels carry no amount
      } else if (t.s === '%') {
        return fail('unrecognized');
      }
      // other punctuation (. , ! ?) is ignored
    } else {
      const w = t.w;
      const unit = UNITS[w];
      const digit = DIGIT_WORDS[w];
      if (unit !== undefined) {
        const err = flushTo(unit);
        if (err) return fail(err);
      } else if (SE_UNIT[w] !== undefined) {
        if (pending !== undefined || !isZero(group)) return fail('ambiguous');
        pending = { m: 1, d: 0 };
        const err = flushTo(SE_UNIT[w] ?? 0);
        if (err) return fail(err);
        sawNumber = true;
      } else if (SE_GROUP[w] !== undefined) {
        if (pending !== undefined) return fail('ambiguous');
        group = addDec(group, { m: SE_GROUP[w] ?? 0, d: 0 });
        sawNumber = true;
      } else if (digit !== undefined) {
        if (pending !== undefined) return fail('ambiguous'); // "dua tiga"
        pending = { m: digit, d: 0 };
        pendingFromDigits = false;
        sawNumber = true;
      } else if (w === 'puluh' || w === 'belas' || w === 'ratus') {
        if (pending === undefined || pendingFromDigits || !isWhole(pending) || toNumber(pending) > 9) {
          return fail(pending === undefined ? 'ambiguous' : 'unrecognized');
        }
        const n = toNumber(pending);
        const add = w === 'puluh' ? n * 10 : w === 'belas' ? n + 10 : n * 100;
        group = addDec(group, { m: add, d: 0 });
        pending = undefined;
      } else if (HALF.has(w)) {
        if (pending !== undefined) {
          if (!isWhole(pending)) return fail('ambiguous');
          pending = addDec(pending, { m: 5, d: 1 }); // "satu setengah juta"
        } else if (isZero(group) && sawUnit && Number.isFinite(lastUnit)) {
          total = addDec(total, mulPow10({ m: 5, d: 1 }, lastUnit)); // "sejuta setengah"
          lastUnit = lastUnit - 1; // only smaller units may follow
        } else if (isZero(group)) {
          pending = { m: 5, d: 1 }; // "setengah juta"
        } else {
          return fail('ambiguous');
        }
        sawNumber = true;
      } else if (NOT_MONTHLY.has(w)) {
        return fail('not_monthly');
      } else if (RANGE_WORDS.has(w) || VAGUE_WORDS.has(w)) {
        return fail('ambiguous');
      } else if (NEGATIVE_WORDS.has(w)) {
        negative = true;
      } else if (!IGNORED.has(w)) {
        return fail('unrecognized');
      }
    }
    previous = t;
  }

  if (!sawNumber) return fail('unrecognized');
  const rest = addDec(group, pending ?? ZERO);
  if (sawUnit && !isZero(rest)) return fail('ambiguous'); // "2 juta 500"
  const amount = sawUnit ? total : rest;
  if (isZero(amount)) return fail('zero');
  if (negative) return fail('negative');
  if (!sawUnit && toNumber(amount) < 1000) return fail('needs_unit');
  if (toNumber(amount) > MAX_MONTHLY_INCOME) return fail('too_large');
  if (!isWhole(amount)) return fail('ambiguous'); // "1,2345678 juta", "Rp1.500.000,50"
  return { ok: true, amount: Math.round(toNumber(amount)) };
}

/**
 * Reads a monthly income in rupiah from free text. Accepts digits with Indonesian or English
 * grouping, `Rp`/`IDR`, units (`rb`, `ribu`, `k`, `jt`, `juta`, `miliar`), Indonesian number
 * words (`dua juta`, `satu setengah juta`, `lima ratus ribu`, `sejuta setengah`) and filler
 * ("sekitar", "per bulan", "gaji saya"). Rejects negatives, zero, amounts above
 * {@link MAX_MONTHLY_INCOME}, non-monthly amounts, ranges and other ambiguous text with a
 * reason code. "1M" is ambiguous (miliar or million). Never throws.
 */
export function parseIncome(text: string): IncomeResult {
  try {
    if (typeof text !== 'string') return fail('empty');
    const s = text
      .normalize('NFKC')
      .toLowerCase()
      .slice(0, 200)
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/\+\s*\/?\s*-/g, ' ') // "+-", "+/-"
      .replace(/\bkurang\s+lebih\b|\bkurleb\b|\bkira[\s-]+kira\b|\brata[\s-]+rata\b/g, ' ')
      .replace(/\bs\s*[/.]\s*d\b\.?/g, ' sampai ')
      .replace(/\s+/g, ' ')
      .trim();
    if (s === '') return fail('empty');
    if (ZERO_PHRASE.test(s)) return fail('zero');
    const tokens = tokenize(s);
    if (!tokens) return fail('unrecognized');
    return evaluate(tokens);
  } catch {
    return fail('unrecognized');
  }
}

/**
 * Formats whole rupiah the Indonesian way: `1500000` → `Rp1.500.000`, `-2500` → `-Rp2.500`.
 * Non-integers are rounded to the nearest rupiah (halves away from zero).
 *
 * @throws RangeError for NaN or infinite values.
 */
export function formatRupiah(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${n}`);
  const abs = Math.round(Math.abs(n));
  const grouped = String(abs).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 && abs !== 0 ? '-' : ''}Rp${grouped}`;
}
