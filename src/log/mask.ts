/**
 * Masks personal numbers in free text: NIK-like 16-digit numbers keep their last 4 digits, and
 * Indonesian phone numbers keep their country/operator prefix and last 3 digits. Applied to every
 * log line, whatever field the number hides in.
 */

const NIK_LIKE = /(?<![\d])(\d[\d .-]{14,22}\d)(?![\d])/g;
const PHONE_LIKE = /(?<![\d+])((?:\+?62|0)8\d(?:[\d .-]?\d){6,11})(?![\d])/g;

/** Replaces NIK-like and phone-like numbers in `text` with masked forms. */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(NIK_LIKE, (match) => {
      const digits = match.replace(/\D/g, '');
      return digits.length === 16 ? `${'*'.repeat(12)}${digits.slice(12)}` : match;
    })
    .replace(PHONE_LIKE, (match) => {
      const digits = match.replace(/\D/g, '');
      const head = match.startsWith('+') ? `+${digits.slice(0, 4)}` : digits.slice(0, 4);
      return `${head}${'*'.repeat(Math.max(digits.length - 7, 3))}${digits.slice(-3)}`;
    });
}
