/**
 * Content check for the BPU registration: every locale key the form builds at run time (rejection
 * reasons, per-mode questions, option labels, months) must exist in each language, so a missing
 * string is caught by `tanya content check` instead of reaching a user as a raw key.
 */
import type { Resource } from 'i18next';
import {
  INCOME_INVALID_REASONS,
  keysWithPrefix,
  missingRuntimeStrings,
  NIK_INVALID_REASONS,
} from '../../content/locale-check.js';
import type { DateParseReason } from '../../rules/dates.js';
import type { PhoneInvalidReason } from '../../rules/phone.js';
import { OCCUPATIONS } from './occupations.js';
import { RELATIONSHIPS } from './relationships.js';
import { FIELDS } from './state.js';

// Records over the reason unions: adding a reason to a rule without a message fails to compile.
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
const PER_MODE = ['consent', 'nik', 'name', 'birthdate', 'phone', 'occupation', 'city', 'income'];

/** Every key of the `bpu` namespace the form composes at run time (without the `bpu:` prefix). */
export function bpuDynamicKeys(): string[] {
  return [
    ...keysWithPrefix('nik_', NIK_INVALID_REASONS),
    ...keysWithPrefix('phone_', PHONE_REASONS),
    ...keysWithPrefix('birthdate_', DATE_REASONS),
    ...keysWithPrefix('income_', INCOME_INVALID_REASONS),
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
  return missingRuntimeStrings(resources, { bpu: bpuDynamicKeys() }, 'the BPU registration');
}
