/**
 * Reading a file a channel keeps on this machine (a path typed in the terminal, a web chat upload),
 * refusing one over the limit by its size before reading it.
 */
import { open } from 'node:fs/promises';
import { FileFetchError } from './channel.js';

/**
 * Reads the file at `path` whole, unless it is larger than `maxBytes` (`too_large`, nothing read).
 * A file that cannot be opened fails with `whenMissing()`, so each channel says why in its own words.
 */
export async function readFileWithinLimit(
  path: string,
  maxBytes: number,
  whenMissing: () => FileFetchError,
): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw whenMissing();
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new FileFetchError('too_large', `file is ${size} bytes, limit ${maxBytes}`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
