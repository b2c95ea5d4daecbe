/**
 * Calendar dates as Indonesians type them, and the date arithmetic the other rules need.
 *
 * Dates are plain ISO strings `YYYY-MM-DD` (calendar days, no time, no zone). "Today" is always
 * derived from an injected `now: Date` in an Indonesian time zone (WIB by default); nothing here
 * reads the clock. Years outside 1900-2100 are treated as typos.
 *
 * @module
 */

import { TIME_ZONES, type TimeZoneCode } from './provinces.js';

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** Why {@link parseDate} could not produce a date. */
export type DateParseReason =
  /** Nothing typed. */
  | 'empty'
  /** Not a date format we understand. */
  | 'unrecognized'
  /** Looks like a date but does not exist (31-02-2024, month 13, year out of range). */
  | 'invalid_date'
  /** A vague reference ("bulan lalu", "maret 2024", "awal tahun"): ask for the exact day. */
  | 'need_exact_date';

/** Result of {@link parseDate}. */
export type DateParseResult =
  | {
      readonly ok: true;
      readonly date: IsoDate;
      /** Set when part of the date was not typed: the year ("12 maret") or the century ("12-03-24"). */
      readonly inferred?: 'year' | 'century';
    }
  | { readonly ok: false; readonly reason: DateParseReason };

/** Options for {@link parseDate}. */
export interface ParseDateOptions {
  /** Time zone used to decide what "today" is. Default `'WIB'`. */
  readonly zone?: TimeZoneCode;
  /**
   * How to complete a missing year or century: `'past'` (default) takes the latest such date that
   * is not after today (birth, resignation and PHK dates are in the past); `'nearest'` takes the
   * closest one in either direction.
   */
  readonly complete?: 'past' | 'nearest';
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const DAY_MS = 86_400_000;

/** True for leap years of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats year, month (1-12) and day as `YYYY-MM-DD`. Does not validate. */
export function toIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function fromYmd(v: Ymd): IsoDate {
  return toIsoDate(v.y, v.m, v.d);
}

/** True when `s` is a real calendar date written exactly as `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  return toYmd(s) !== undefined;
}

function toYmd(s: string): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return validYmd(y, mo, d) ? { y, m: mo, d } : undefined;
}

function mustYmd(s: IsoDate): Ymd {
  const v = toYmd(s);
  if (!v) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return v;
}

function dayNumber(v: Ymd): number {
  const dt = new Date(0);
  dt.setUTCFullYear(v.y, v.m - 1, v.d);
  return Math.floor(dt.getTime() / DAY_MS);
}

function fromDayNumber(n: number): Ymd {
  const dt = new Date(n * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/**
 * The calendar date at instant `now` in an Indonesian time zone (default WIB, UTC+7).
 *
 * @throws RangeError when `now` is an invalid Date.
 */
export function localDate(now: Date, zone: TimeZoneCode = 'WIB'): IsoDate {
  const t = now.getTime();
  if (!Number.isFinite(t)) throw new RangeError('invalid Date');
  const shifted = new Date(t + TIME_ZONES[zone].utcOffsetHours * 3_600_000);
  return toIsoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * Adds (or with a negative `days`, subtracts) calendar days.
 *
 * @throws RangeError when `date` is not a valid ISO date.
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromYmd(fromDayNumber(dayNumber(mustYmd(date)) + Math.trunc(days)));
}

/** Days from `from` to `to` (positive when `to` is later). @throws RangeError on invalid dates. */
export function diffDays(from: IsoDate, to: IsoDate): number {
  return dayNumber(mustYmd(to)) - dayNumber(mustYmd(from));
}

/** Compares two ISO dates: negative, zero or positive like `Array.prototype.sort` expects. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function shiftMonths(v: Ymd, months: number): { y: number; m: number } {
  const index = v.y * 12 + (v.m - 1) + Math.trunc(months);
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

/**
 * Adds calendar months; a day that does not exist in the target month is clamped to the month's
 * last day (31 Jan + 1 month = 28/29 Feb). This is the *earlier* reading of "one month later",
 * used for deadlines so that the bot never announces a deadline later than the real one.
 *
 * @throws RangeError when `date` is not a valid ISO date.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const v = mustYmd(date);
  const { y, m } = shiftMonths(v, months);
  return toIsoDate(y, m, Math.min(v.d, daysInMonth(y, m)));
}

/**
 * Adds calendar months; a day that does not exist in the target month rolls forward to the
 * first day of the following month (31 Jan + 1 month = 1 Mar). This is the *later* reading of
 * "one month later", used for waiting periods so that the bot never sends a member to claim
 * before the period has surely ended.
 *
 * @throws RangeError when `date` is not a valid ISO date.
 */
export function addMonthsRollForward(date: IsoDate, months: number): IsoDate {
  const v = mustYmd(date);
  const { y, m } = shiftMonths(v, months);
  if (v.d <= daysInMonth(y, m)) return toIsoDate(y, m, v.d);
  return m === 12 ? toIsoDate(y + 1, 1, 1) : toIsoDate(y, m + 1, 1);
}

/** True for Saturdays and Sundays. @throws RangeError on an invalid date. */
export function isWeekend(date: IsoDate): boolean {
  const dow = new Date(dayNumber(mustYmd(date)) * DAY_MS).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * Adds working days (Monday-Friday). National holidays and collective leave (cuti bersama) are
 * NOT known here, so the result is a lower bound; word it as "sekitar". Counting starts the day
 * after `date`; `days <= 0` returns `date` unchanged.
 *
 * @throws RangeError when `date` is not a valid ISO date.
 */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  let current = date;
  mustYmd(date);
  let left = Math.trunc(days);
  while (left > 0) {
    current = addDays(current, 1);
    if (!isWeekend(current)) left -= 1;
  }
  return current;
}

/**
 * Age in completed years on `on` for someone born on `birth`. A 29 February birthday is reached
 * on 1 March in non-leap years. Negative when `on` is before the birth date.
 *
 * @throws RangeError on invalid dates.
 */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const b = mustYmd(birth);
  const o = mustYmd(on);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age -= 1;
  return age;
}

// ---------------------------------------------------------------------------------------------
// Parsing

// prettier-ignore
const MONTHS: Readonly<Record<string, number>> = {
  januari: 1, jan: 1, january: 1, janu: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, february: 2, febr: 2,
  maret: 3, mar: 3, march: 3, mrt: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, ags: 8, agus: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nop: 11, nopember: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

// prettier-ignore
const SMALL_NUMBERS: Readonly<Record<string, number>> = {
  se: 1, satu: 1, a: 1, an: 1, one: 1, dua: 2, two: 2, tiga: 3, three: 3, empat: 4, four: 4,
  lima: 5, five: 5, enam: 6, six: 6, tujuh: 7, seven: 7, delapan: 8, eight: 8,
  sembilan: 9, nine: 9, sepuluh: 10, ten: 10,
};

// prettier-ignore
const RELATIVE_EXACT: Readonly<Record<string, number>> = {
  'hari ini': 0, 'hr ini': 0, 'today': 0, 'sekarang': 0, 'skrg': 0, 'skrng': 0,
  'kemarin': -1, 'kemaren': -1, 'kmrn': -1, 'kmarin': -1, 'kmren': -1, 'yesterday': -1,
  'kemarin lusa': -2, 'lusa kemarin': -2, 'kemaren lusa': -2,
  'besok': 1, 'bsk': 1, 'besuk': 1, 'tomorrow': 1, 'lusa': 2,
};

const WEEKDAYS =
  "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun";

const VAGUE =
  /\b(bulan|bln|bl|month|months|tahun|thn|th|year|years|minggu|mgg|pekan|week|weeks|awal|akhir|pertengahan|tengah|beginning|end|mid|early|late|lalu|kemarin|kmrn|kemaren|ago|last|sekitar|kira|around|about)\b/;

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tgl|tanggal|tangal|tg|pada|on|date)\b\.?:?\s*/, '')
    .replace(new RegExp(`^(hari\\s+)?(${WEEKDAYS})\\b,?\\s*(?=\\d)`), '')
    .replace(/\s*[.,!?]+$/, '')
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .trim();
}

function todayYmd(now: Date, zone: TimeZoneCode): Ymd {
  return mustYmd(localDate(now, zone));
}

function expandYear(
  twoDigits: number,
  m: number,
  d: number,
  today: Ymd,
  complete: 'past' | 'nearest',
): Ymd | undefined {
  const base = Math.floor(today.y / 100) * 100;
  const candidates = [base - 100, base, base + 100]
    .map((c) => ({ y: c + twoDigits, m, d }))
    .filter((v) => validYmd(v.y, v.m, v.d));
  return pickCandidate(candidates, today, complete);
}

function pickCandidate(candidates: Ymd[], today: Ymd, complete: 'past' | 'nearest'): Ymd | undefined {
  const t = dayNumber(today);
  if (complete === 'past') {
    let best: Ymd | undefined;
    for (const c of candidates) {
      if (dayNumber(c) <= t && (best === undefined || dayNumber(c) > dayNumber(best))) best = c;
    }
    return best;
  }
  let best: Ymd | undefined;
  for (const c of candidates) {
    if (best === undefined || Math.abs(dayNumber(c) - t) < Math.abs(dayNumber(best) - t)) best = c;
  }
  return best;
}

function finish(v: Ymd, inferred?: 'year' | 'century'): DateParseResult {
  if (!validYmd(v.y, v.m, v.d) || v.y < MIN_YEAR || v.y > MAX_YEAR)
    return { ok: false, reason: 'invalid_date' };
  return inferred ? { ok: true, date: fromYmd(v), inferred } : { ok: true, date: fromYmd(v) };
}

function withYear(
  d: number,
  m: number,
  yearText: string | undefined,
  today: Ymd,
  complete: 'past' | 'nearest',
): DateParseResult {
  if (m < 1 || m > 12 || d < 1 || d > 31) return { ok: false, reason: 'invalid_date' };
  if (yearText === undefined) {
    const candidates = [today.y - 1, today.y, today.y + 1]
      .map((y) => ({ y, m, d }))
      .filter((v) => validYmd(v.y, v.m, v.d));
    // 29 Feb without a year: look back up to 8 years for a leap year.
    if (candidates.length === 0) {
      for (let y = today.y; y >= today.y - 8; y -= 1) if (validYmd(y, m, d)) candidates.push({ y, m, d });
    }
    const pick = pickCandidate(candidates, today, complete);
    return pick ? finish(pick, 'year') : { ok: false, reason: 'invalid_date' };
  }
  if (yearText.length === 2) {
    const pick = expandYear(Number(yearText), m, d, today, complete);
    return pick ? finish(pick, 'century') : { ok: false, reason: 'invalid_date' };
  }
  if (yearText.length === 4) return finish({ y: Number(yearText), m, d });
  return { ok: false, reason: 'unrecognized' };
}

function parseRelative(s: string, today: Ymd): DateParseResult | undefined {
  const exact = RELATIVE_EXACT[s];
  if (exact !== undefined) return finish(fromDayNumber(dayNumber(today) + exact));
  const m =
    /^(\d{1,3}|se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s*(hari|hr|minggu|mgg|pekan|days?|weeks?)\s*(?:yang\s+|yg\s+)?(lalu|yll|yl|kemarin|kemaren|kmrn|sebelumnya|ago)$/.exec(
      s,
    );
  if (!m) return undefined;
  const [, countText = '', unit = ''] = m;
  const count = /^\d+$/.test(countText) ? Number(countText) : SMALL_NUMBERS[countText];
  if (count === undefined) return undefined;
  const perUnit = /^(hari|hr|day|days)$/.test(unit) ? 1 : 7;
  return finish(fromDayNumber(dayNumber(today) - count * perUnit));
}

function parseUnsafe(text: string, now: Date, options: ParseDateOptions): DateParseResult {
  const s = normalize(text);
  if (s === '') return { ok: false, reason: 'empty' };
  const complete = options.complete ?? 'past';
  const today = todayYmd(now, options.zone ?? 'WIB');

  const relative = parseRelative(s, today);
  if (relative) return relative;

  // 2024-03-12, 2024/3/12
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return withYear(Number(m[3]), Number(m[2]), m[1], today, complete);

  // 12-03-2024, 12/3/2024, 12.03.24, 12 03 2024 (day first, the Indonesian order)
  m =
    /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$/.exec(s) ??
    /^(\d{1,2}) (\d{1,2}) (\d{4})$/.exec(s);
  if (m) return withYear(Number(m[1]), Number(m[2]), m[3], today, complete);

  // 12032024 (ddmmyyyy) or 20240312 (yyyymmdd)
  m = /^(\d{8})$/.exec(s);
  if (m) {
    const x = m[1] ?? '';
    const dmy = { d: Number(x.slice(0, 2)), m: Number(x.slice(2, 4)), y: Number(x.slice(4)) };
    const ymd = { y: Number(x.slice(0, 4)), m: Number(x.slice(4, 6)), d: Number(x.slice(6)) };
    const okDmy = validYmd(dmy.y, dmy.m, dmy.d) && dmy.y >= MIN_YEAR && dmy.y <= MAX_YEAR;
    const okYmd = validYmd(ymd.y, ymd.m, ymd.d) && ymd.y >= MIN_YEAR && ymd.y <= MAX_YEAR;
    if (okDmy && !okYmd) return finish(dmy);
    if (okYmd && !okDmy) return finish(ymd);
    return { ok: false, reason: okDmy ? 'unrecognized' : 'invalid_date' };
  }

  // 12 maret 2024, 12 mar 24, 12-mar-2024, 12 maret
  m = new RegExp(
    `^(\\d{1,2})(?!\\d)\\s*[-/ ]?\\s*(${MONTH_ALT})\\.?(?:\\s*[-/ ,]\\s*'?(\\d{2}|\\d{4}))?$`,
  ).exec(s);
  if (m) return withYear(Number(m[1]), MONTHS[m[2] ?? ''] ?? 0, m[3], today, complete);

  // March 12, 2024 / mar 12 2024 / march 12
  m = new RegExp(`^(${MONTH_ALT})\\.?\\s*(\\d{1,2})(?!\\d)(?:\\s*,?\\s*'?(\\d{2}|\\d{4}))?$`).exec(s);
  if (m) return withYear(Number(m[2]), MONTHS[m[1] ?? ''] ?? 0, m[3], today, complete);

  // maret 2024, bulan maret, 03/2024, 2024: no day
  if (
    new RegExp(`^(bulan |bln )?(${MONTH_ALT})\\.?( '?(\\d{2}|\\d{4}))?$`).test(s) ||
    /^(\d{1,2})[-/.](\d{4})$/.test(s) ||
    /^(tahun |thn )?\d{4}$/.test(s)
  ) {
    return { ok: false, reason: 'need_exact_date' };
  }

  if (VAGUE.test(s)) return { ok: false, reason: 'need_exact_date' };
  if (/^[\d\s./-]+$/.test(s) && /\d/.test(s)) return { ok: false, reason: 'invalid_date' };
  return { ok: false, reason: 'unrecognized' };
}

/**
 * Parses a date the way Indonesians type it: `12-03-2024`, `12/3/2024`, `12.03.24`,
 * `12 maret 2024`, `12 mar 24`, `2024-03-12`, `12032024`, `March 12, 2024`, `kemarin`,
 * `hari ini`, `3 hari lalu`, `2 minggu lalu`. Numeric dates are always read day first.
 * Vague references (`bulan lalu`, `bln kmrn`, `maret 2024`) give `need_exact_date`.
 * Two-digit years and missing years are completed per {@link ParseDateOptions.complete}.
 * Future dates are returned as parsed; callers decide whether they make sense.
 *
 * Never throws (an invalid `now` gives `unrecognized`).
 */
export function parseDate(text: string, now: Date, options: ParseDateOptions = {}): DateParseResult {
  try {
    if (typeof text !== 'string') return { ok: false, reason: 'empty' };
    return parseUnsafe(text.slice(0, 200), now, options);
  } catch {
    return { ok: false, reason: 'unrecognized' };
  }
}
