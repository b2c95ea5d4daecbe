/**
 * Uploaded claim documents, kept under `DATA_DIR/documents/`. Each file gets a random 128-bit name
 * (nothing the user typed or sent ever reaches a path, so traversal is impossible), mode 0600, and
 * a sidecar `<id>.json` with its metadata. With a key (`DOCUMENT_KEY`) the bytes are encrypted at
 * rest with AES-256-GCM: a random 12-byte IV per file, the 16-byte tag stored with it and the
 * document id as additional data, so a file swapped for another one fails to decrypt.
 *
 * The type of a file is decided by its bytes ({@link sniffDocument}), and so is its size limit.
 * Documents are never served by the bot; the agent console reads them through {@link DocumentStore.read}.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { conversationKey, type Address } from '../engine/types.js';
import { maskPersonalNumbers } from '../log/mask.js';
import { sniffDocument, type SniffRejection, type SniffedMime } from './sniff.js';

/** Default upload limit (`DOCUMENT_MAX_BYTES`): 10 MB. */
export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const ID = /^[0-9a-f]{32}$/;
const MAGIC = Buffer.from('TNYD1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The metadata kept beside each document (the sidecar file). */
export const DocumentMeta = z.object({
  v: z.literal(1),
  id: z.string().regex(ID),
  /** What the document is (`ktp`, `kk`, `selfie`…), as the dialog that asked for it named it. */
  type: z.string().min(1).max(64),
  mime: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  size: z.number().int().positive(),
  /** SHA-256 of the plaintext bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 of the conversation key (`channel:conversationId`): findable, not readable. */
  conversation: z.string().regex(/^[0-9a-f]{64}$/),
  /** The name the file was sent with, without folders and with long numbers masked. */
  originalName: z.string().max(120).optional(),
  encrypted: z.boolean(),
  createdAt: z.string(),
});
/** The metadata kept beside each document. */
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** What {@link DocumentStore.save} returns and claim records keep. */
export interface SavedDocument {
  id: string;
  mime: SniffedMime;
  size: number;
  sha256: string;
}

/** Why a document was refused: its bytes ({@link SniffRejection}) or its size. */
export type DocumentRejection = SniffRejection | 'too_large';

/** Bytes that are not an acceptable document; `reason` says why in a way a dialog can explain. */
export class DocumentRejectedError extends Error {
  override readonly name = 'DocumentRejectedError';
  constructor(readonly reason: DocumentRejection) {
    super(`document rejected: ${reason}`);
  }
}

/** A stored document cannot be read: unknown id, missing key, or bytes that fail authentication. */
export class DocumentReadError extends Error {
  override readonly name = 'DocumentReadError';
  constructor(
    readonly reason: 'not_found' | 'key_missing' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/** Options of {@link DocumentStore.open}. */
export interface DocumentStoreOptions {
  /** 32-byte AES key; without it files are stored in plaintext. */
  key?: Buffer | undefined;
  /** Largest accepted document in bytes (default {@link DEFAULT_DOCUMENT_MAX_BYTES}). */
  maxBytes?: number;
}

/** Who sent a document and what it is. */
export interface DocumentOwner {
  conversation: Address;
  type: string;
  originalName?: string | undefined;
  /** When it was received (the turn's clock); defaults to now. */
  now?: Date;
}

/** Hex SHA-256. */
function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The sidecar's form of a conversation: a hash, so the folder does not list phone numbers. */
export function conversationHash(conversation: Address): string {
  return sha256(conversationKey(conversation));
}

function cleanName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = maskPersonalNumbers(base.replace(/[\u0000-\u001f\u007f]/g, ''))
    .trim()
    .slice(0, 120);
  return clean || undefined;
}

/** Documents on disk. One instance per process; ids are random, so instances never collide. */
export class DocumentStore {
  readonly #dir: string;
  readonly #key: Buffer | undefined;
  /** Largest accepted document in bytes. */
  readonly maxBytes: number;

  private constructor(dir: string, options: DocumentStoreOptions) {
    this.#dir = dir;
    this.#key = options.key;
    this.maxBytes = options.maxBytes ?? DEFAULT_DOCUMENT_MAX_BYTES;
    if (this.#key && this.#key.length !== 32) throw new Error('DOCUMENT_KEY must be 32 bytes');
  }

  /** Opens (and creates, mode 0700) `dataDir/documents`. */
  static async open(dataDir: string, options: DocumentStoreOptions = {}): Promise<DocumentStore> {
    const dir = join(dataDir, 'documents');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return new DocumentStore(dir, options);
  }

  /** Like {@link open}, synchronously (test helpers, tools). */
  static openSync(dataDir: string, options: DocumentStoreOptions = {}): DocumentStore {
    const dir = join(dataDir, 'documents');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new DocumentStore(dir, options);
  }

  /** Whether files are encrypted at rest. */
  get encrypted(): boolean {
    return this.#key !== undefined;
  }

  /** Checks bytes without storing them: the sniffed type, or why they are refused. */
  inspect(bytes: Uint8Array): { ok: true; mime: SniffedMime } | { ok: false; reason: DocumentRejection } {
    if (bytes.length > this.maxBytes) return { ok: false, reason: 'too_large' };
    return sniffDocument(bytes);
  }

  /**
   * Stores a document; throws {@link DocumentRejectedError} for bytes that are not a JPEG, PNG or
   * PDF, or that exceed {@link maxBytes}.
   */
  async save(bytes: Uint8Array, owner: DocumentOwner): Promise<SavedDocument> {
    const checked = this.inspect(bytes);
    if (!checked.ok) throw new DocumentRejectedError(checked.reason);
    const id = randomBytes(16).toString('hex');
    const originalName = cleanName(owner.originalName);
    const meta: DocumentMeta = {
      v: 1,
      id,
      type: owner.type,
      mime: checked.mime,
      size: bytes.length,
      sha256: sha256(bytes),
      conversation: conversationHash(owner.conversation),
      ...(originalName ? { originalName } : {}),
      encrypted: this.encrypted,
      createdAt: (owner.now ?? new Date()).toISOString(),
    };
    // Both files are new ('wx': the id is random and nothing is ever overwritten), so they are
    // written side by side, not one after the other: on a busy disk that halves the upload turn's
    // wait. The document exists for the claim only once both are written (the caller commits its
    // id after this returns); a reader meeting a sidecar without its file treats it as not found.
    const written = await Promise.allSettled([
      writeFile(this.#blobPath(id), this.#seal(id, bytes), { mode: 0o600, flag: 'wx' }),
      writeFile(this.#metaPath(id), `${JSON.stringify(meta)}\n`, { mode: 0o600, flag: 'wx' }),
    ]);
    const failed = written.find((result) => result.status === 'rejected');
    if (failed) {
      await this.#remove(id);
      throw failed.reason;
    }
    return { id, mime: meta.mime, size: meta.size, sha256: meta.sha256 };
  }

  /** A document's metadata, or undefined for an unknown (or malformed) id. */
  async meta(id: string): Promise<DocumentMeta | undefined> {
    if (!ID.test(id)) return undefined;
    let raw: string;
    try {
      raw = await readFile(this.#metaPath(id), 'utf8');
    } catch {
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new DocumentReadError('corrupt', `document ${id}: unreadable metadata`);
    }
    const parsed = DocumentMeta.safeParse(json);
    if (!parsed.success) throw new DocumentReadError('corrupt', `document ${id}: invalid metadata`);
    return parsed.data;
  }

  /** A document's bytes (decrypted) and metadata; throws {@link DocumentReadError}. */
  async read(id: string): Promise<{ meta: DocumentMeta; bytes: Buffer }> {
    const meta = await this.meta(id);
    if (!meta) throw new DocumentReadError('not_found', `document ${id} not found`);
    const stored = await readFile(this.#blobPath(id)).catch(() => {
      throw new DocumentReadError('not_found', `document ${id} has no file`);
    });
    const bytes = meta.encrypted ? this.#open(id, stored) : stored;
    if (sha256(bytes) !== meta.sha256)
      throw new DocumentReadError('corrupt', `document ${id}: checksum mismatch`);
    return { meta, bytes };
  }

  /** Removes a document; false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    if (!(await this.meta(id).catch(() => undefined))) return false;
    await this.#remove(id);
    return true;
  }

  /** Removes both files of a document, whichever exist. */
  async #remove(id: string): Promise<void> {
    await Promise.all([rm(this.#metaPath(id), { force: true }), rm(this.#blobPath(id), { force: true })]);
  }

  /** Removes every document a conversation sent (privacy requests, abandoned forms); returns how many. */
  async deleteByConversation(conversation: Address): Promise<number> {
    const hash = conversationHash(conversation);
    let removed = 0;
    for (const meta of await this.list()) {
      if (meta.conversation === hash && (await this.delete(meta.id))) removed += 1;
    }
    return removed;
  }

  /** Metadata of every stored document (corrupt sidecars are skipped). */
  async list(): Promise<DocumentMeta[]> {
    const names = (await readdir(this.#dir)).filter((name) => /^[0-9a-f]{32}\.json$/.test(name));
    const metas: DocumentMeta[] = [];
    for (const name of names) {
      const meta = await this.meta(name.slice(0, 32)).catch(() => undefined);
      if (meta) metas.push(meta);
    }
    return metas;
  }

  /**
   * Removes files older than `olderThan` that no sidecar describes: a document file whose sidecar a
   * crash left unwritten or a deletion cut short removed, and temporary files. {@link list} never
   * shows them, so nothing else would. Returns how many.
   */
  async removeStrayFiles(olderThan: Date): Promise<number> {
    const names = await readdir(this.#dir);
    const sidecars = new Set(names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)));
    let removed = 0;
    for (const name of names) {
      const stray = name.endsWith('.tmp') || (name.endsWith('.bin') && !sidecars.has(name.slice(0, -4)));
      if (!stray) continue;
      const path = join(this.#dir, name);
      const modified = await stat(path).then(
        (info) => info.mtimeMs,
        () => Number.POSITIVE_INFINITY,
      );
      if (modified >= olderThan.getTime()) continue;
      await rm(path, { force: true });
      removed += 1;
    }
    return removed;
  }

  #blobPath(id: string): string {
    if (!ID.test(id)) throw new Error('invalid document id');
    return join(this.#dir, `${id}.bin`);
  }

  #metaPath(id: string): string {
    if (!ID.test(id)) throw new Error('invalid document id');
    return join(this.#dir, `${id}.json`);
  }

  #seal(id: string, bytes: Uint8Array): Uint8Array {
    if (!this.#key) return bytes;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(id, 'ascii'));
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
  }

  #open(id: string, stored: Buffer): Buffer {
    if (!this.#key)
      throw new DocumentReadError('key_missing', `document ${id} is encrypted; set DOCUMENT_KEY`);
    const head = MAGIC.length;
    if (stored.length < head + IV_BYTES + TAG_BYTES || !stored.subarray(0, head).equals(MAGIC)) {
      throw new DocumentReadError('corrupt', `document ${id}: not an encrypted document`);
    }
    const iv = stored.subarray(head, head + IV_BYTES);
    const tag = stored.subarray(head + IV_BYTES, head + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAAD(Buffer.from(id, 'ascii'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(stored.subarray(head + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DocumentReadError(
        'corrupt',
        `document ${id}: authentication failed (wrong key or altered file)`,
      );
    }
  }
}
