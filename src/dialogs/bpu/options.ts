/**
 * Coded answer lists with free text (occupations, the payer's relationship): each option has a code,
 * a label key and informal aliases; anything else typed is kept as the user's own words.
 */
import type { Translate } from '../../engine/dialog.js';
import { fold } from '../../nlu/text.js';
import type { Choice } from '../../engine/types.js';

/** One option of a coded list. */
export interface CodedOption {
  readonly code: string;
  /** i18n key of the label. */
  readonly labelKey: string;
  /** Folded phrases that mean this option when typed as the whole answer. */
  readonly aliases: readonly string[];
}

/** A stored answer: a known code, or `other` with the user's own text. */
export type CodedAnswer = { code: string; text: string | null };

/** The code of the "something else" option every list ends with. */
export const OTHER = 'other';

/** The options as choices, ids `<prefix>:<code>`. */
export function optionChoices(options: readonly CodedOption[], prefix: string, t: Translate): Choice[] {
  return options.map((option) => ({ id: `${prefix}:${option.code}`, label: t(option.labelKey) }));
}

/** The option a choice id names, if it is one of the list. */
export function optionFromChoice(
  options: readonly CodedOption[],
  prefix: string,
  choiceId: string,
): CodedOption | undefined {
  if (!choiceId.startsWith(`${prefix}:`)) return undefined;
  const code = choiceId.slice(prefix.length + 1);
  return options.find((option) => option.code === code);
}

/** The option whose alias is the whole typed text, if any. */
export function optionFromAlias(options: readonly CodedOption[], text: string): CodedOption | undefined {
  const folded = fold(text);
  return options.find((option) => option.aliases.includes(folded));
}

/** A free-text answer: 2-60 characters with at least two letters, no question mark. */
export function readFreeLabel(text: string): { ok: true; text: string } | { ok: false; question: boolean } {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed.includes('?')) return { ok: false, question: true };
  const letters = trimmed.match(/\p{L}/gu)?.length ?? 0;
  if (trimmed.length < 2 || trimmed.length > 60 || letters < 2 || /[<>{}[\]\\|@#$%^*_=~`]/.test(trimmed)) {
    return { ok: false, question: false };
  }
  return { ok: true, text: trimmed };
}

/** The label to show for a stored answer: the option's label, or the user's own words. */
export function answerLabel(options: readonly CodedOption[], answer: CodedAnswer, t: Translate): string {
  if (answer.text) return answer.text;
  const option = options.find((candidate) => candidate.code === answer.code);
  return option ? t(option.labelKey) : answer.code;
}
