/**
 * Reads the typed answers of the BPU form with the project's rules (NIK, phone, dates, income,
 * places) and turns every rejection into its specific, localized reprompt.
 */
import type { TurnContext } from '../../engine/dialog.js';
import { crossCheckBirthDate, validateNik, type ValidNik } from '../../rules/nik.js';
import { normalizePhone } from '../../rules/phone.js';
import { parseIncome } from '../../rules/income.js';
import { localDate, parseDate, type IsoDate } from '../../rules/dates.js';
import { invalid, parsed, type Parsed } from '../prompts.js';
import { listFormat } from '../../content/intl.js';

/** Registrants must be younger than this (domain file: "younger than 65 at registration"). */
export const BPU_MAX_AGE_EXCLUSIVE = 65;

/** A typed NIK: valid, and young enough to register. */
export function readNik(ctx: TurnContext, text: string): Parsed<ValidNik> {
  const result = validateNik(text, ctx.now);
  if (!result.ok) {
    const digits = text.replace(/\D/g, '');
    return invalid(ctx.t(`bpu:nik_${result.reason}`, { count: digits.length, code: digits.slice(0, 2) }));
  }
  if (result.age >= BPU_MAX_AGE_EXCLUSIVE) return invalid(ctx.t('bpu:nik_too_old', { age: result.age }));
  return parsed(result);
}

/** Re-validates a stored NIK (it validated when typed; the clock only makes people older). */
export function storedNik(nik: string, now: Date): ValidNik | undefined {
  const result = validateNik(nik, now);
  return result.ok ? result : undefined;
}

/** A person's name as on the KTP: letters, spaces and . , ' - ; at least two letters; no question. */
export function readPersonName(ctx: TurnContext, text: string): Parsed<string> {
  const name = text.trim().replace(/\s+/g, ' ');
  if (name.includes('?')) return invalid(ctx.t('bpu:looks_like_question'));
  const letters = name.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 2 || name.length > 100 || !/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u.test(name)) {
    return invalid(ctx.t('bpu:name_invalid'));
  }
  return parsed(name);
}

/** An Indonesian mobile number, normalised to E.164. */
export function readPhone(ctx: TurnContext, text: string): Parsed<string> {
  const result = normalizePhone(text);
  return result.ok ? parsed(result.e164) : invalid(ctx.t(`bpu:phone_${result.reason}`));
}

/** A birth date that exists and is not in the future (its agreement with the NIK is checked apart). */
export function readBirthDate(ctx: TurnContext, text: string): Parsed<IsoDate> {
  const result = parseDate(text, ctx.now, { complete: 'past' });
  if (!result.ok) return invalid(ctx.t(`bpu:birthdate_${result.reason}`));
  if (result.date > localDate(ctx.now)) return invalid(ctx.t('bpu:birthdate_future'));
  return parsed(result.date);
}

/** Whether a birth date agrees with the NIK; the message names day, month and/or year. */
export function birthDateAgrees(ctx: TurnContext, date: IsoDate, nik: ValidNik): Parsed<IsoDate> {
  const check = crossCheckBirthDate(nik, date);
  if (check.match) return parsed(date);
  const parts = check.mismatches
    .filter((part) => part === 'day' || part === 'month' || part === 'year')
    .map((part) => ctx.t(`bpu:part_${part}`));
  const list = listFormat(ctx.locale, { type: 'conjunction' }).format(parts);
  const lines = [ctx.t('bpu:birthdate_mismatch', { parts: list })];
  // The +40 of women's NIKs is the usual reason a KTP's day digits "disagree" with the birthday.
  if (check.mismatches.includes('day') && nik.sex === 'F') lines.push(ctx.t('bpu:birthdate_women_hint'));
  return invalid(lines.join('\n'));
}

/** A monthly income in whole rupiah (below the minimum is accepted here and raised later). */
export function readIncome(ctx: TurnContext, text: string): Parsed<number> {
  const result = parseIncome(text);
  if (result.ok) return parsed(result.amount);
  return invalid(ctx.t(`bpu:income_${result.reason}`, { text: text.trim().slice(0, 40) }));
}
