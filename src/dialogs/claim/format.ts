/**
 * Formatting for claim messages: dates and sizes in the user's language.
 */
import type { Locale } from '../../engine/types.js';
import type { IsoDate } from '../../rules/dates.js';
import { dateTimeFormat, numberFormat } from '../../content/intl.js';

/** "5 Desember 2026" / "5 December 2026". */
export function formatDate(date: IsoDate, locale: Locale): string {
  return dateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** "120 KB", "1,5 MB" (decimal comma in Indonesian). */
export function formatSize(bytes: number, locale: Locale): string {
  const tag = locale === 'en' ? 'en-GB' : 'id-ID';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${numberFormat(tag, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** The short name of a file format, from its MIME type. */
export function formatName(mime: string): string {
  return mime === 'application/pdf' ? 'PDF' : mime === 'image/png' ? 'PNG' : 'JPG';
}
