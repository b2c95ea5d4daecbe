/**
 * Crash-safe file writes: the content goes to a temporary file in the same folder, which is then
 * renamed into place, so readers see the old file or the new one, never half of one.
 */
import { rename, writeFile } from 'node:fs/promises';

/** Writes `content` to `path` atomically, readable and writable by the owner only (0600). */
export async function writeFileAtomic(path: string, content: string | Buffer): Promise<void> {
  const temp = `${path}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, content, { mode: 0o600 });
  await rename(temp, path);
}
