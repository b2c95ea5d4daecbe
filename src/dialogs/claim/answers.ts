/**
 * Small readers of typed answers used by the claim steps.
 */
import { fold } from '../../nlu/text.js';
import type { Inbound } from '../../engine/types.js';

/** The text of a text message, else undefined. */
export function textOf(input: Inbound): string | undefined {
  return input.kind === 'text' ? input.text.trim() : undefined;
}

const SKIP = new Set(['lewati', 'lewat', 'skip', 'tidak ada', 'tdk ada', 'gak ada', 'ga ada', 'nggak ada', 'tidak punya', 'tdk punya', 'gak punya', 'ga punya', 'belum ada', 'tidak tahu', 'tdk tahu', 'gak tau', 'ga tau', 'nanti', 'none', 'no']); // prettier-ignore
const REPLACE = new Set(['ganti', 'ganti dokumen', 'ganti file', 'ganti foto', 'ganti berkas', 'ulang upload', 'upload ulang', 'kirim ulang', 'salah kirim', 'salah file', 'replace', 'replace it', 'change it']); // prettier-ignore
const CHANGE_ACCOUNT = new Set(['ganti rekening', 'ganti bank', 'ubah rekening', 'ubah bank', 'rekening lain', 'change account', 'other account']); // prettier-ignore

/** "lewati", "skip", "tidak punya"… */
export function isSkip(input: Inbound): boolean {
  const text = textOf(input);
  return text !== undefined && SKIP.has(fold(text));
}

/** "ganti", "kirim ulang"…: replace the last upload. */
export function isReplace(input: Inbound): boolean {
  const text = textOf(input);
  return text !== undefined && REPLACE.has(fold(text));
}

/** "ganti rekening": enter another account. */
export function isChangeAccount(input: Inbound): boolean {
  const text = textOf(input);
  return text !== undefined && CHANGE_ACCOUNT.has(fold(text));
}

/** Digits of a number typed with spaces, dots or dashes ("1234 5678-90"), else undefined. */
export function digitsOf(text: string): string | undefined {
  const trimmed = text.trim();
  return /^\d[\d\s.-]*$/.test(trimmed) ? trimmed.replace(/\D/g, '') : undefined;
}

/** A person's name as typed: spaces collapsed; undefined when it does not look like a name. */
export function personName(text: string): string | undefined {
  const name = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length < 2 || name.length > 100) return undefined;
  if (!/^[\p{L}][\p{L}\p{M} .,'’-]*$/u.test(name)) return undefined;
  return (name.match(/\p{L}/gu) ?? []).length >= 2 ? name : undefined;
}

/** Whole years typed as "12", "12 tahun", "sudah 12 thn"; undefined otherwise. */
export function yearsOf(text: string): number | undefined {
  const folded = fold(text);
  const m =
    /^(?:sudah |sdh |udah |kurang lebih |sekitar |lebih dari |lbh dari )?(\d{1,2})(?: ?(?:tahun|thn|th|years?|yrs?))?(?: lebih)?$/.exec(
      folded,
    );
  return m ? Number(m[1]) : undefined;
}

/** Whether a text is one of the claim steps' own words (skip, replace, change account). */
export function isClaimWord(text: string): boolean {
  const folded = fold(text);
  return SKIP.has(folded) || REPLACE.has(folded) || CHANGE_ACCOUNT.has(folded);
}
