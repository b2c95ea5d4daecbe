/**
 * The generic half of the locale checks of `tanya content check`: dialogs compose some keys at run
 * time (`nik_${reason}`, `doc.${type}`), so no static scan finds them. Each dialog lists the keys it
 * can compose, and {@link missingRuntimeStrings} reports every one that is missing or empty in a
 * language, instead of a user meeting a raw key.
 */
import type { Resource } from 'i18next';
import type { IncomeInvalidReason } from '../rules/income.js';
import type { NikInvalidReason } from '../rules/nik.js';

/** The languages every run-time key must exist in. */
export const CHECKED_LOCALES = ['id', 'en'] as const;

/** Keys a dialog composes at run time, by namespace (each key without its `namespace:` prefix). */
export type RuntimeKeys = Readonly<Record<string, readonly string[]>>;

// Records over the reason unions: adding a reason to a rule without its messages fails to compile.

/** Every reason a NIK is refused (src/rules/nik.ts), for dialogs that word each one. */
export const NIK_INVALID_REASONS: Readonly<Record<NikInvalidReason, true>> = {
  empty: true,
  invalid_characters: true,
  not_16_digits: true,
  unknown_province: true,
  invalid_birthdate: true,
  invalid_serial: true,
};

/** Every reason an amount of money is refused (src/rules/income.ts), for dialogs that word each one. */
export const INCOME_INVALID_REASONS: Readonly<Record<IncomeInvalidReason, true>> = {
  empty: true,
  unrecognized: true,
  ambiguous: true,
  needs_unit: true,
  not_monthly: true,
  negative: true,
  zero: true,
  too_large: true,
};

/** `prefix` before each name: the keys of a message composed as `${prefix}${name}`. */
export function keysWithPrefix(
  prefix: string,
  names: readonly string[] | Readonly<Record<string, true>>,
): string[] {
  return (Array.isArray(names) ? names : Object.keys(names)).map((name) => `${prefix}${name}`);
}

/** Whether the (dotted) `path` leads to a non-blank string in a namespace's resource. */
function hasString(resource: unknown, path: string): boolean {
  let node = resource;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.trim().length > 0;
}

/**
 * One problem per run-time key that is missing, not a string or blank in one of
 * {@link CHECKED_LOCALES}, naming the file and the key (and `usedBy`, the feature, when given).
 */
export function missingRuntimeStrings(resources: Resource, keys: RuntimeKeys, usedBy?: string): string[] {
  const problems: string[] = [];
  const suffix = usedBy ? ` (used by ${usedBy})` : '';
  for (const locale of CHECKED_LOCALES) {
    for (const [ns, nsKeys] of Object.entries(keys)) {
      const resource = resources[locale]?.[ns];
      for (const key of nsKeys) {
        if (!hasString(resource, key)) {
          problems.push(`locales/${locale}/${ns}.json: ${key}: missing or empty${suffix}`);
        }
      }
    }
  }
  return problems;
}
