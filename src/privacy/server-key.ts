/**
 * The server's own secret, from which purpose-bound keys are derived (HMAC-SHA256 of the purpose):
 * web chat conversation ids from their cookies, keyed hashes in the audit log, signed-out console
 * CSRF cookies. Configured, or generated on first start and kept where every instance finds it: in
 * Redis (`<prefix>server-key`, set once) when `REDIS_URL` is set, so instances agree; otherwise in
 * `DATA_DIR/server.key` (mode 0600). The key itself is never logged or shown.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeDocumentKey } from '../store/document-key.js';
import { connectRedis } from '../store/redis-client.js';

/** Where {@link ServerKey.load} finds or keeps the key. */
export interface ServerKeySource {
  /** A configured key: 32 bytes as 64 hex digits or base64 (the `DOCUMENT_KEY` format). */
  configured?: string | undefined;
  /** The data directory (`server.key` is kept there without Redis). */
  dataDir: string;
  /** Redis to keep the key in, shared by instances. */
  redis?: { url: string; prefix: string } | undefined;
}

/** The file name of the generated key in DATA_DIR. */
export const SERVER_KEY_FILE = 'server.key';

/** The server secret; only derived keys and keyed hashes leave it. */
export class ServerKey {
  readonly #secret: Buffer;

  /** A key from 32 or more secret bytes (tests may pass their own). */
  constructor(secret: Buffer) {
    if (secret.length < 32) throw new Error('a server key needs at least 32 bytes');
    this.#secret = Buffer.from(secret);
  }

  /** Loads (or generates and keeps) the key of `source`. */
  static async load(source: ServerKeySource): Promise<ServerKey> {
    if (source.configured) {
      const bytes = decodeDocumentKey(source.configured);
      if (!bytes) throw new Error('the server key must be 32 bytes: 64 hex digits or base64');
      return new ServerKey(bytes);
    }
    if (source.redis) return new ServerKey(await fromRedis(source.redis.url, source.redis.prefix));
    return new ServerKey(await fromFile(join(source.dataDir, SERVER_KEY_FILE)));
  }

  /** The key for one purpose (`web-conversation`, `audit`, ...): different purposes never share one. */
  derive(purpose: string): Buffer {
    return createHmac('sha256', this.#secret).update(`tanya:${purpose}`).digest();
  }

  /** HMAC-SHA256 of `value` under the key of `purpose`, base64url (43 characters). */
  hash(purpose: string, value: string): string {
    return createHmac('sha256', this.derive(purpose)).update(value).digest('base64url');
  }

  /** Never print the secret (console.log, JSON, pino). */
  toJSON(): string {
    return '[ServerKey]';
  }
}

const ENCODED = /^[A-Za-z0-9_-]{43}$/;

/** A new key, base64url. */
function generated(): string {
  return randomBytes(32).toString('base64url');
}

function decoded(text: string, where: string): Buffer {
  const value = text.trim();
  if (!ENCODED.test(value)) throw new Error(`${where}: not a server key`);
  return Buffer.from(value, 'base64url');
}

/** Reads the key file, creating it (0600, never overwriting) on first start. */
async function fromFile(path: string): Promise<Buffer> {
  try {
    await writeFile(path, `${generated()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Kept from an earlier start (or another process won the race): tighten it if it was loosened.
    await chmod(path, 0o600);
  }
  return decoded(await readFile(path, 'utf8'), path);
}

/** Sets the key once in Redis (the first instance wins) and reads the one that is there. */
async function fromRedis(url: string, prefix: string): Promise<Buffer> {
  const client = await connectRedis(url);
  try {
    const key = `${prefix}server-key`;
    await client.set(key, generated(), { condition: 'NX' });
    const value = await client.get(key);
    if (value === null) throw new Error(`Redis ${key}: missing after it was set`);
    return decoded(value, `Redis ${key}`);
  } finally {
    await client.close();
  }
}
