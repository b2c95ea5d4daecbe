/**
 * Masks personal numbers in free text before it reaches a log or a screen: NIKs (16 digits, also
 * typed in groups), Indonesian phone numbers, and any other long digit run (KPJ, bank accounts)
 * keep only their last digits. Applied to every log line, whatever field the number hides in, and
 * to console transcripts (where {@link findPersonalNumbers} lets an agent reveal one value).
 */

const GROUPED_NIK = /(?<!\d)(\d{6}[ .-]\d{6}[ .-]\d{4}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4})(?!\d)/;
const PHONE = /(?<![\d+])((?:\+?62|0)[ -]?8\d{1,2}(?:[ -]?\d){6,10})(?!\d)/;
const LONG_DIGIT_RUN = /(?<!\d)\d{10,}(?!\d)/;
/** The three, tried in this order at each position. */
const PERSONAL_NUMBER = new RegExp(`${GROUPED_NIK.source}|${PHONE.source}|${LONG_DIGIT_RUN.source}`, 'g');

/** One personal number found in a text. */
export interface PersonalNumber {
  /** Where it starts and ends in the text (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  /** The number as written. */
  text: string;
  /** What is shown instead. */
  masked: string;
}

function keepLast(digits: string, visible: number): string {
  return `${'*'.repeat(Math.max(digits.length - visible, 0))}${digits.slice(-visible)}`;
}

function maskPhone(match: string): string {
  const digits = match.replace(/\D/g, '');
  const head = digits.startsWith('62')
    ? `${match.startsWith('+') ? '+' : ''}${digits.slice(0, 4)}`
    : digits.slice(0, 3);
  return `${head}${'*'.repeat(Math.max(digits.length - head.replace('+', '').length - 3, 3))}${digits.slice(-3)}`;
}

/** The NIK-like, phone-like and other long numbers in `text`, in order, with their masked forms. */
export function findPersonalNumbers(text: string): PersonalNumber[] {
  return [...text.matchAll(PERSONAL_NUMBER)].map((match) => {
    const found = match[0];
    const masked =
      match[1] !== undefined
        ? keepLast(found.replace(/\D/g, ''), 4)
        : match[2] !== undefined
          ? maskPhone(found)
          : keepLast(found, 4);
    return { start: match.index, end: match.index + found.length, text: found, masked };
  });
}

/** Replaces NIK-like, phone-like and other long numbers in `text` with masked forms. */
export function maskPersonalNumbers(text: string): string {
  let out = '';
  let last = 0;
  for (const found of findPersonalNumbers(text)) {
    out += `${text.slice(last, found.start)}${found.masked}`;
    last = found.end;
  }
  return out + text.slice(last);
}
