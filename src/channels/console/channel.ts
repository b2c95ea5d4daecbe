/**
 * The terminal channel as a {@link Channel}: files are local paths given on the command line, and
 * proactive messages (notifications) are written to the terminal when one is attached.
 */
import type { Address, FileRef, Outbound } from '../../engine/types.js';
import { FileFetchError, type Channel } from '../channel.js';
import { readFileWithinLimit } from '../local-file.js';

/** Reads a local file, refusing anything larger than `maxBytes` without reading it whole. */
export async function readLocalFile(path: string, maxBytes: number): Promise<Buffer> {
  return readFileWithinLimit(
    path,
    maxBytes,
    () => new FileFetchError('not_found', `file not found: ${path}`),
  );
}

/** The `cli` channel. */
export function createConsoleChannel(
  write?: (address: Address, outbounds: readonly Outbound[]) => void,
): Channel {
  return {
    name: 'cli',
    async send(address, outbounds) {
      write?.(address, outbounds);
    },
    async fetchFile(file: FileRef, maxBytes: number) {
      return readLocalFile(file.ref, maxBytes);
    },
  };
}
