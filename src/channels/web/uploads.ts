/**
 * Files web chat users upload, kept temporarily in DATA_DIR/uploads/web (mode 0600) under random
 * names, referred to by a {@link FileRef} whose `ref` is only that name. Files older than the
 * session TTL are deleted by {@link WebUploads.sweep}.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRef } from '../../engine/types.js';
import { FileFetchError } from '../channel.js';
import { readFileWithinLimit } from '../local-file.js';

const REF = /^[A-Za-z0-9_-]{32}$/;

/** Temporary storage of uploaded files. */
export class WebUploads {
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  /** Stores bytes; throws when they exceed the limit. */
  async save(bytes: Buffer, name: string, mime: string): Promise<FileRef> {
    if (bytes.length > this.maxBytes)
      throw new FileFetchError('too_large', `file is ${bytes.length} bytes, limit ${this.maxBytes}`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const ref = randomBytes(24).toString('base64url');
    await writeFile(join(this.dir, ref), bytes, { mode: 0o600 });
    return { ref, name, mime, size: bytes.length };
  }

  /** Reads a stored file, refusing anything over `maxBytes`. */
  async read(file: FileRef, maxBytes: number): Promise<Buffer> {
    if (!REF.test(file.ref)) throw new FileFetchError('not_found', 'not a web upload');
    return readFileWithinLimit(
      join(this.dir, file.ref),
      maxBytes,
      () => new FileFetchError('expired', 'the uploaded file is no longer kept'),
    );
  }

  /** Deletes uploads older than `maxAgeMs`; returns how many. */
  async sweep(maxAgeMs: number, now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > maxAgeMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
