/**
 * Decides what a file is from its first bytes, never from its name or the MIME type a client claims.
 * Only JPEG, PNG and PDF are accepted; executables, zip containers (.docx, .xlsx, .apk…) and empty
 * files are named so the user can be told exactly what went wrong.
 */

/** A file type accepted for claim documents. */
export type SniffedMime = 'image/jpeg' | 'image/png' | 'application/pdf';

/** Why bytes were not accepted as a document. */
export type SniffRejection =
  /** Zero bytes. */
  | 'empty'
  /** A Windows (MZ) or Linux/Android (ELF) executable, or a script with a `#!` line. */
  | 'executable'
  /** A zip container: Word/Excel (.docx/.xlsx), .apk, .zip. */
  | 'archive'
  /** Anything else (text, GIF, HEIC, video…). */
  | 'unsupported';

/** Result of {@link sniffDocument}. */
export type SniffResult = { ok: true; mime: SniffedMime } | { ok: false; reason: SniffRejection };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const MZ = [0x4d, 0x5a];
const ELF = [0x7f, 0x45, 0x4c, 0x46];
const SHEBANG = [0x23, 0x21];
const ZIP = [0x50, 0x4b];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The type of a file from its magic bytes: JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, PDF
 * `%PDF-` (a UTF-8 byte-order mark before it is tolerated, as some scanners write one).
 */
export function sniffDocument(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (startsWith(bytes, JPEG)) return { ok: true, mime: 'image/jpeg' };
  if (startsWith(bytes, PNG)) return { ok: true, mime: 'image/png' };
  if (startsWith(bytes, PDF) || (startsWith(bytes, UTF8_BOM) && startsWith(bytes, PDF, UTF8_BOM.length))) {
    return { ok: true, mime: 'application/pdf' };
  }
  if (startsWith(bytes, MZ) || startsWith(bytes, ELF) || startsWith(bytes, SHEBANG)) {
    return { ok: false, reason: 'executable' };
  }
  if (startsWith(bytes, ZIP)) return { ok: false, reason: 'archive' };
  return { ok: false, reason: 'unsupported' };
}
