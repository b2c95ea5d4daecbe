/**
 * Masks personal numbers in free text before it reaches a log: NIKs (16 digits, also typed in
 * groups), Indonesian phone numbers, and any other long digit run (KPJ, bank accounts) keep only
 * their last digits. Applied to every log line, whatever field the number hides in.
 */

const GROUPED_NIK = /(?<!\d)(\d{6}[ .-]\d{6}[ .-]\d{4}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4})(?!\d)/g;
const PHONE = /(?<![\d+])((?:\+?62|0)[ -]?8\d{1,2}(?:[ -]?\d){6,10})(?!\d)/g;
const LONG_DIGIT_RUN = /(?<!\d)\d{10,}(?!\d)/g;

function keepLast(digits: string, visible: number): string {
  return `${'*'.repeat(Math.max(digits.length - visible, 0))}${digits.slice(-visible)}`;
}

/** Replaces NIK-like, phone-like and other long numbers in `text` with masked forms. */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(GROUPED_NIK, (match) => keepLast(match.replace(/\D/g, ''), 4))
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '');
      const head = digits.startsWith('62')
        ? `${match.startsWith('+') ? '+' : ''}${digits.slice(0, 4)}`
        : digits.slice(0, 3);
      return `${head}${'*'.repeat(Math.max(digits.length - head.replace('+', '').length - 3, 3))}${digits.slice(-3)}`;
    })
    .replace(LONG_DIGIT_RUN, (match) => keepLast(match, 4));
}
