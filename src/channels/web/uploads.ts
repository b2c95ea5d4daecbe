/**
 * Files web chat users upload, kept temporarily in DATA_DIR/uploads/web (mode 0600) under random
 * names, referred to by a {@link FileRef} whose `ref` is only that name. A name starts with a short
 * hash of the conversation that uploaded it, so "hapus data saya" can delete them at once
 * ({@link WebUploads.forget}); the rest is random. Files older than the session TTL are deleted by
 * {@link WebUploads.sweep}.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRef } from '../../engine/types.js';
import { FileFetchError } from '../channel.js';
import { readFileWithinLimit } from '../local-file.js';

const REF = /^[A-Za-z0-9_-]{32}$/;
/** Characters of a name that say whose it is. */
const OWNER_LENGTH = 11;

/** The start of the names of a conversation's uploads. */
function ownerPrefix(conversationId: string): string {
  return createHash('sha256')
    .update(`web-upload:${conversationId}`)
    .digest('base64url')
    .slice(0, OWNER_LENGTH);
}

/** Temporary storage of uploaded files. */
export class WebUploads {
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  /** Stores bytes (of `conversationId`, when given); throws when they exceed the limit. */
  async save(bytes: Buffer, name: string, mime: string, conversationId?: string): Promise<FileRef> {
    if (bytes.length > this.maxBytes)
      throw new FileFetchError('too_large', `file is ${bytes.length} bytes, limit ${this.maxBytes}`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const random = randomBytes(24).toString('base64url');
    const ref =
      conversationId === undefined
        ? random
        : `${ownerPrefix(conversationId)}${random.slice(0, 32 - OWNER_LENGTH)}`;
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

  /** Deletes one stored file (a message that was not processed); false when it was not there. */
  async delete(file: FileRef): Promise<boolean> {
    if (!REF.test(file.ref)) return false;
    return rm(join(this.dir, file.ref)).then(
      () => true,
      () => false,
    );
  }

  /** Deletes every upload of a conversation at once; returns how many. */
  async forget(conversationId: string): Promise<number> {
    const prefix = ownerPrefix(conversationId);
    let removed = 0;
    for (const name of await this.#names()) {
      if (name.startsWith(prefix) && REF.test(name) && (await this.delete({ ref: name }))) removed++;
    }
    return removed;
  }

  async #names(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch {
      return [];
    }
  }

  /** Deletes uploads older than `maxAgeMs`; returns how many. */
  async sweep(maxAgeMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await this.#names()) {
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
