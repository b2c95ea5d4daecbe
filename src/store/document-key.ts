/**
 * The `DOCUMENT_KEY` format: 32 bytes written as 64 hex digits or as base64 (standard or URL-safe,
 * padding optional). Kept apart from the document store so configuration can validate it early.
 */

/** The decoded 32-byte key, or undefined when `text` is not a valid key. */
export function decodeDocumentKey(text: string): Buffer | undefined {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,43}={0,2}$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}
