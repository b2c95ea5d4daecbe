/**
 * Indonesian mobile numbers: normalisation to E.164 and masking.
 *
 * Uses `libphonenumber-js/max`: only the full metadata tells mobile from fixed-line numbers
 * (`getType()`); the default ("min") metadata checks lengths only and would accept a Jakarta
 * landline such as 021-3456789.
 *
 * @module
 */

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Why a phone number was rejected. */
export type PhoneInvalidReason =
  /** Not a valid phone number (wrong length, letters, unknown prefix). */
  | 'invalid'
  /** A valid Indonesian number, but a landline or other non-mobile type. */
  | 'not_mobile'
  /** A number with a country code other than +62. */
  | 'not_indonesian';

/** Result of {@link normalizePhone}. */
export type PhoneResult =
  | {
      readonly ok: true;
      /** E.164, e.g. `+6281234567890`. */
      readonly e164: string;
      /** National digits with the trunk 0, e.g. `081234567890`. */
      readonly national: string;
    }
  | { readonly ok: false; readonly reason: PhoneInvalidReason };

const MAX_INPUT = 40;

/**
 * Normalises an Indonesian mobile number typed as `08xx`, `628xx`, `+62 8xx`, `+62 (0)8xx`, with
 * spaces, dots, dashes or parentheses. Idempotent on its own `e164` output. Never throws.
 */
export function normalizePhone(input: string): PhoneResult {
  if (typeof input !== 'string') return { ok: false, reason: 'invalid' };
  const text = input.trim();
  if (text === '' || text.length > MAX_INPUT || /[a-z]/i.test(text)) return { ok: false, reason: 'invalid' };
  // "0062..." is the international call prefix some people type instead of "+".
  const cleaned = text.replace(/^00(?=\s*[1-9])/, '+');
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(cleaned, 'ID');
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!parsed) return { ok: false, reason: 'invalid' };
  if (parsed.countryCallingCode !== '62') {
    return { ok: false, reason: cleaned.startsWith('+') ? 'not_indonesian' : 'invalid' };
  }
  if (!parsed.isValid()) return { ok: false, reason: 'invalid' };
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { ok: false, reason: 'not_mobile' };
  return { ok: true, e164: parsed.number, national: `0${parsed.nationalNumber}` };
}

/**
 * Masks an E.164 Indonesian number for display: the `+62`, the first three national digits
 * (operator prefix) and the last four stay visible: `+6281234567890` → `+62812****7890`.
 * Anything else keeps only its last four digits.
 */
export function maskPhone(e164: string): string {
  const m = /^\+62(\d{3})(\d+)(\d{4})$/.exec(e164);
  if (m) return `+62${m[1] ?? ''}${'*'.repeat((m[2] ?? '').length)}${m[3] ?? ''}`;
  const digits = e164.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
