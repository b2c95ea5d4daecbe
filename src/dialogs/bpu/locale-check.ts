/**
 * Content check for the BPU registration: every locale key the form builds at run time (rejection
 * reasons, per-mode questions, option labels, months) must exist in each language, so a missing
 * string is caught by `tanya content check` instead of reaching a user as a raw key.
 */
import type { Resource } from 'i18next';
import type { DateParseReason } from '../../rules/dates.js';
import type { IncomeInvalidReason } from '../../rules/income.js';
import type { NikInvalidReason } from '../../rules/nik.js';
import type { PhoneInvalidReason } from '../../rules/phone.js';
import { OCCUPATIONS } from './occupations.js';
import { RELATIONSHIPS } from './relationships.js';
import { FIELDS } from './state.js';

// Records over the reason unions: adding a reason to a rule without a message fails to compile.
const NIK_REASONS: Record<NikInvalidReason, true> = {
  empty: true,
  invalid_characters: true,
  not_16_digits: true,
  unknown_province: true,
  invalid_birthdate: true,
  invalid_serial: true,
};
const PHONE_REASONS: Record<PhoneInvalidReason, true> = {
  invalid: true,
  not_mobile: true,
  not_indonesian: true,
};
const DATE_REASONS: Record<DateParseReason, true> = {
  empty: true,
  unrecognized: true,
  invalid_date: true,
  need_exact_date: true,
};
const INCOME_REASONS: Record<IncomeInvalidReason, true> = {
  empty: true,
  unrecognized: true,
  ambiguous: true,
  needs_unit: true,
  not_monthly: true,
  negative: true,
  zero: true,
  too_large: true,
};
const PER_MODE = ['consent', 'nik', 'name', 'birthdate', 'phone', 'occupation', 'city', 'income'];

/** Every key of the `bpu` namespace the form composes at run time (without the `bpu:` prefix). */
export function bpuDynamicKeys(): string[] {
  return [
    ...Object.keys(NIK_REASONS).map((reason) => `nik_${reason}`),
    ...Object.keys(PHONE_REASONS).map((reason) => `phone_${reason}`),
    ...Object.keys(DATE_REASONS).map((reason) => `birthdate_${reason}`),
    ...Object.keys(INCOME_REASONS).map((reason) => `income_${reason}`),
    ...PER_MODE.flatMap((field) => [`ask_${field}_self`, `ask_${field}_other`]),
    ...['day', 'month', 'year'].map((part) => `part_${part}`),
    ...['jkk', 'jkm', 'jht'].map((program) => `line_${program}`),
    ...['basic', 'jht'].flatMap((choice) => [`prog_${choice}`, `programs_${choice}`]),
    ...['self', 'other'].map((mode) => `done_${mode}`),
    ...Array.from({ length: 12 }, (_, index) => `month_${index + 1}`),
    ...[...OCCUPATIONS, ...RELATIONSHIPS].map((option) => option.labelKey.replace(/^bpu:/, '')),
    ...FIELDS.map((field) => field.labelKey.replace(/^bpu:/, '')),
  ];
}

/** Problems with the `bpu` locale files: a composed key missing, or not a non-empty string. */
export function checkBpuLocales(resources: Resource): string[] {
  const problems: string[] = [];
  for (const locale of ['id', 'en']) {
    const namespace = (resources[locale]?.bpu ?? {}) as Record<string, unknown>;
    for (const key of bpuDynamicKeys()) {
      const value = namespace[key];
      if (typeof value !== 'string' || value.trim() === '') {
        problems.push(`locales/${locale}/bpu.json: ${key}: missing or empty (used by the BPU registration)`);
      }
    }
  }
  return problems;
}
