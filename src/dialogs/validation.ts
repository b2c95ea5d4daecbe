/**
 * Rejection messages that several dialogs share, from the `validation` locale namespace, so that a
 * date is explained the same way wherever it is asked for.
 */
import type { Translate } from '../engine/dialog.js';
import type { DateParseReason } from '../rules/dates.js';

/** The date rejections that have a message (`validation:date.<rejection>`). */
export const DATE_REJECTIONS = ['need_exact_date', 'invalid_date', 'unrecognized'] as const;

/** One of {@link DATE_REJECTIONS}. */
export type DateRejection = (typeof DATE_REJECTIONS)[number];

/**
 * The reprompt for a date that could not be taken: the specific message for a vague or impossible
 * date, "could not read it" for anything else.
 */
export function dateRejection(t: Translate, reason: DateParseReason | DateRejection): string {
  const rejection: DateRejection =
    reason === 'need_exact_date' || reason === 'invalid_date' ? reason : 'unrecognized';
  return t(`validation:date.${rejection}`);
}
