/**
 * NIK (Nomor Induk Kependudukan) validation and decoding.
 *
 * Layout `PPKKCC DDMMYY SSSS`: province, regency/city and district where the NIK was first
 * issued; day of birth (+40 for women), month, two-digit year; a serial that is never `0000`.
 * There is no check digit, so a NIK that passes is *plausible*, not proven to exist.
 *
 * @module
 */

import { ageOn, daysInMonth, isIsoDate, localDate, toIsoDate, type IsoDate } from './dates.js';
import { isKnownRegency, isProvinceCode, isRenumberedPapuaCode } from './provinces.js';

/** Why a NIK was rejected. */
export type NikInvalidReason =
  /** Nothing typed. */
  | 'empty'
  /** Contains letters or symbols other than spaces, dots and dashes between digits. */
  | 'invalid_characters'
  /** Not exactly 16 digits. */
  | 'not_16_digits'
  /** The first two digits are not one of the 38 province codes. */
  | 'unknown_province'
  /** DDMMYY is not a real date (after removing +40), or no century puts the age in 0..100. */
  | 'invalid_birthdate'
  /** The last four digits are `0000`. */
  | 'invalid_serial';

/** Something odd about a NIK that is still accepted. */
export type NikWarning =
  /** The regency/city code is not in our (incomplete) list; regions split and get new codes. */
  | 'unknown_regency'
  /** The district code is `00`. */
  | 'unknown_district'
  /** Both centuries give an age in 0..100 (a newborn or a centenarian); the younger was chosen. */
  | 'century_ambiguous'
  /** Province code 91 or 94, whose meaning changed in 2022 (old NIKs: 91 Papua Barat, 94 Papua). */
  | 'province_code_renumbered';

/** A NIK that passed validation, with what it encodes. */
export interface ValidNik {
  readonly ok: true;
  /** The 16 digits, without separators. */
  readonly nik: string;
  /** Decoded date of birth `YYYY-MM-DD`. */
  readonly birthDate: IsoDate;
  /** Sex encoded by the day field (+40 = female). */
  readonly sex: 'F' | 'M';
  /** Age in completed years at `now` (WIB). */
  readonly age: number;
  /** Two-digit province code (`PP`). */
  readonly provinceCode: string;
  /** Four-digit regency/city code (`PPKK`). */
  readonly regencyCode: string;
  /** Six-digit district code (`PPKKCC`). */
  readonly districtCode: string;
  /** Non-fatal oddities; empty for a clean NIK. */
  readonly warnings: readonly NikWarning[];
}

/** A rejected NIK. */
export interface InvalidNik {
  readonly ok: false;
  readonly reason: NikInvalidReason;
}

/** Result of {@link validateNik}. */
export type NikResult = ValidNik | InvalidNik;

const MAX_AGE = 100;

function decodeBirth(
  dd: number,
  mm: number,
  yy: number,
  today: IsoDate,
): { birthDate: IsoDate; sex: 'F' | 'M'; age: number; ambiguous: boolean } | undefined {
  const sex = dd > 40 ? 'F' : 'M';
  const day = dd > 40 ? dd - 40 : dd;
  if (mm < 1 || mm > 12 || day < 1) return undefined;
  const todayYear = Number(today.slice(0, 4));
  const base = Math.floor(todayYear / 100) * 100;
  const fits: { birthDate: IsoDate; age: number }[] = [];
  for (const century of [base, base - 100]) {
    const y = century + yy;
    if (day > daysInMonth(y, mm)) continue;
    const birthDate = toIsoDate(y, mm, day);
    const age = ageOn(birthDate, today);
    if (age >= 0 && age <= MAX_AGE) fits.push({ birthDate, age });
  }
  const [first] = fits; // the most recent century first: the younger reading wins a tie
  if (!first) return undefined;
  return { ...first, sex, ambiguous: fits.length > 1 };
}

/**
 * Validates a NIK typed by a user. Spaces, dots and dashes between digits are ignored, as is a
 * leading `NIK:` label. Checks: 16 digits; a current province code; a real birth date after
 * removing the +40 for women, in the century that gives an age of 0 to 100 at `now` (WIB; when
 * both centuries fit, the younger reading is chosen and `century_ambiguous` is warned); serial not
 * `0000`. Regency/district codes only produce warnings.
 *
 * Never throws for string input.
 */
export function validateNik(input: string, now: Date): NikResult {
  if (typeof input !== 'string') return { ok: false, reason: 'empty' };
  const trimmed = input
    .trim()
    .replace(/^nik\s*[:.]?\s*/i, '')
    .trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (!/^\d(?:[\s.-]*\d)*$/.test(trimmed)) {
    return { ok: false, reason: /^[\d\s.-]+$/.test(trimmed) ? 'not_16_digits' : 'invalid_characters' };
  }
  const nik = trimmed.replace(/[\s.-]/g, '');
  if (nik.length !== 16) return { ok: false, reason: 'not_16_digits' };

  const provinceCode = nik.slice(0, 2);
  if (!isProvinceCode(provinceCode)) return { ok: false, reason: 'unknown_province' };

  let today: IsoDate;
  try {
    today = localDate(now);
  } catch {
    return { ok: false, reason: 'invalid_birthdate' };
  }
  const birth = decodeBirth(
    Number(nik.slice(6, 8)),
    Number(nik.slice(8, 10)),
    Number(nik.slice(10, 12)),
    today,
  );
  if (!birth) return { ok: false, reason: 'invalid_birthdate' };
  if (nik.slice(12) === '0000') return { ok: false, reason: 'invalid_serial' };

  const warnings: NikWarning[] = [];
  if (!isKnownRegency(provinceCode, nik.slice(2, 4))) warnings.push('unknown_regency');
  if (nik.slice(4, 6) === '00') warnings.push('unknown_district');
  if (birth.ambiguous) warnings.push('century_ambiguous');
  if (isRenumberedPapuaCode(provinceCode)) warnings.push('province_code_renumbered');

  return {
    ok: true,
    nik,
    birthDate: birth.birthDate,
    sex: birth.sex,
    age: birth.age,
    provinceCode,
    regencyCode: nik.slice(0, 4),
    districtCode: nik.slice(0, 6),
    warnings,
  };
}

/** A part of the typed identity that disagrees with the NIK. */
export type NikMismatch = 'day' | 'month' | 'year' | 'sex' | 'invalid_typed_date';

/** Result of {@link crossCheckBirthDate}. */
export interface NikCrossCheck {
  /** True when every checked part agrees. */
  readonly match: boolean;
  /** What disagrees; empty when `match` is true. */
  readonly mismatches: readonly NikMismatch[];
}

/**
 * Compares a separately typed date of birth (ISO `YYYY-MM-DD`, e.g. from `parseDate`) and
 * optionally sex against a validated NIK. The year is compared on its last two digits, because
 * that is all the NIK encodes: a typed 1926 matches a NIK decoded as 2026.
 */
export function crossCheckBirthDate(nik: ValidNik, typedDate: IsoDate, typedSex?: 'F' | 'M'): NikCrossCheck {
  const mismatches: NikMismatch[] = [];
  if (!isIsoDate(typedDate)) {
    mismatches.push('invalid_typed_date');
  } else {
    if (typedDate.slice(8, 10) !== nik.birthDate.slice(8, 10)) mismatches.push('day');
    if (typedDate.slice(5, 7) !== nik.birthDate.slice(5, 7)) mismatches.push('month');
    if (typedDate.slice(2, 4) !== nik.birthDate.slice(2, 4)) mismatches.push('year');
  }
  if (typedSex !== undefined && typedSex !== nik.sex) mismatches.push('sex');
  return { match: mismatches.length === 0, mismatches };
}

/**
 * Masks a NIK for display and logs, keeping the last 4 digits: `************3456`. Separators are
 * dropped; input that is not 16 digits is masked entirely except its last 4 digits.
 */
export function maskNik(nik: string): string {
  const digits = nik.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
