/**
 * Durable Baileys auth state (credentials + signal keys), so a restart resumes without a new QR.
 * Same shape as Baileys' `useMultiFileAuthState`, with two backends:
 *
 * - Redis (when `REDIS_URL` is set): `<prefix>wa:<number>:creds` (a string) and one hash per key
 *   type, `<prefix>wa:<number>:key:<type>` with the key id as field; key writes are one MULTI.
 * - Files otherwise: `DATA_DIR/whatsapp/<number>/creds.json` and `<type>-<id>.json`, each written
 *   atomically (temp file + rename, mode 0600) in a 0700 directory.
 *
 * Values are JSON with Baileys' `BufferJSON` replacer/reviver, so Buffers survive the round trip.
 * Losing or mixing these keys breaks message decryption, which is why a Redis lease keeps a second
 * instance from writing them at the same time (see lease.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { TanyaRedis } from '../../store/redis-client.js';

/** A loaded auth state: hand `state` to `makeWASocket`, call `saveCreds` on `creds.update`. */
export interface WhatsAppAuthState {
  readonly state: AuthenticationState;
  /** Persists `state.creds` (Baileys mutates the object in place). */
  saveCreds(): Promise<void>;
  /** Deletes credentials and keys (after a logout); open the state again for a fresh pairing. */
  clear(): Promise<void>;
  /** Where the state lives, for logs (`redis:<key prefix>` or a directory). */
  readonly location: string;
}

/** Raw storage under an auth state: JSON strings by name. */
interface AuthBackend {
  readonly location: string;
  readCreds(): Promise<string | null>;
  writeCreds(json: string): Promise<void>;
  readKeys(type: string, ids: readonly string[]): Promise<Array<string | null>>;
  writeKeys(changes: ReadonlyArray<{ type: string; id: string; value: string | null }>): Promise<void>;
  clear(): Promise<void>;
}

const encode = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
const decode = (json: string): unknown => JSON.parse(json, BufferJSON.reviver) as unknown;

async function fromBackend(backend: AuthBackend): Promise<WhatsAppAuthState> {
  const stored = await backend.readCreds();
  const creds = stored ? (decode(stored) as AuthenticationCreds) : initAuthCreds();
  const keys: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const raw = await backend.readKeys(type, ids);
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      ids.forEach((id, index) => {
        const json = raw[index];
        if (json == null) return;
        let value = decode(json);
        if (type === 'app-state-sync-key' && value && typeof value === 'object') {
          value = proto.Message.AppStateSyncKeyData.fromObject(value);
        }
        found[id] = value as SignalDataTypeMap[T];
      });
      return found;
    },
    async set(data: SignalDataSet) {
      const changes: Array<{ type: string; id: string; value: string | null }> = [];
      for (const type of Object.keys(data) as Array<keyof SignalDataSet>) {
        const entries = data[type] ?? {};
        for (const [id, value] of Object.entries(entries)) {
          changes.push({ type, id, value: value == null ? null : encode(value) });
        }
      }
      if (changes.length) await backend.writeKeys(changes);
    },
    async clear() {
      await backend.clear();
    },
  };
  return {
    state: { creds, keys },
    location: backend.location,
    saveCreds: () => backend.writeCreds(encode(creds)),
    clear: () => backend.clear(),
  };
}

// ---- Redis -------------------------------------------------------------------------------------------

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Auth state in Redis under `namespace` (e.g. `tanya:wa:default:`): `<ns>creds` and the hashes
 * `<ns>key:<type>`. Other keys under the namespace (the lease) are left alone by `clear`.
 */
export async function useRedisAuthState(redis: TanyaRedis, namespace: string): Promise<WhatsAppAuthState> {
  const credsKey = `${namespace}creds`;
  const typeKey = (type: string) => `${namespace}key:${type}`;
  return fromBackend({
    location: `redis:${namespace}`,
    readCreds: () => redis.get(credsKey),
    async writeCreds(json) {
      await redis.set(credsKey, json);
    },
    async readKeys(type, ids) {
      if (ids.length === 0) return [];
      return redis.hmGet(typeKey(type), [...ids]);
    },
    async writeKeys(changes) {
      const multi = redis.multi();
      for (const change of changes) {
        if (change.value === null) multi.hDel(typeKey(change.type), change.id);
        else multi.hSet(typeKey(change.type), change.id, change.value);
      }
      await multi.exec();
    },
    async clear() {
      const doomed: string[] = [credsKey];
      for await (const batch of redis.scanIterator({ MATCH: `${escapeGlob(namespace)}key:*`, COUNT: 200 })) {
        doomed.push(...(Array.isArray(batch) ? batch : [batch]));
      }
      await redis.del(doomed);
    },
  });
}

// ---- files -------------------------------------------------------------------------------------------

/** The file name Baileys' multi-file state would use (`/` → `__`, `:` → `-`). */
function safeName(name: string): string {
  return name.replace(/\//g, '__').replace(/:/g, '-');
}

/** Serialises writes per path so a later write can never be overtaken by an earlier one. */
class PathQueue {
  readonly #tails = new Map<string, Promise<void>>();

  run(path: string, action: () => Promise<void>): Promise<void> {
    const previous = this.#tails.get(path) ?? Promise.resolve();
    const next = previous.then(action, action);
    const tail = next.catch(() => undefined);
    this.#tails.set(path, tail);
    void tail.then(() => {
      if (this.#tails.get(path) === tail) this.#tails.delete(path);
    });
    return next;
  }
}

async function writeAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Auth state as files in `dir` (created with mode 0700), one JSON file per credential or key. */
export async function useFileAuthState(dir: string): Promise<WhatsAppAuthState> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const queue = new PathQueue();
  const pathOf = (name: string) => join(dir, safeName(name));
  const write = (name: string, data: string | null) => {
    const path = pathOf(name);
    return queue.run(path, () => (data === null ? rm(path, { force: true }) : writeAtomic(path, data)));
  };
  return fromBackend({
    location: dir,
    readCreds: () => readOrNull(pathOf('creds.json')),
    writeCreds: (json) => write('creds.json', json),
    readKeys: (type, ids) => Promise.all(ids.map((id) => readOrNull(pathOf(`${type}-${id}.json`)))),
    async writeKeys(changes) {
      await Promise.all(changes.map((change) => write(`${change.type}-${change.id}.json`, change.value)));
    },
    async clear() {
      const names = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(
        names
          .filter((name) => name.endsWith('.json') || name.endsWith('.tmp'))
          .map((name) => rm(join(dir, name), { force: true })),
      );
    },
  });
}

// ---- choice of backend -------------------------------------------------------------------------------

/** Where one number's auth state lives. */
export interface AuthStateLocation {
  /** Names the number (`WHATSAPP_NUMBER_ID`); letters, digits, `_` and `-`. */
  numberId: string;
  /** When given, the state lives in Redis under `<prefix>wa:<numberId>:`. */
  redis?: TanyaRedis;
  /** Redis key prefix (`REDIS_PREFIX`, default `tanya:`). */
  prefix?: string;
  /** The data directory; files go to `<dataDir>/whatsapp/<numberId>/`. */
  dataDir: string;
}

/** The Redis namespace of one number: `<prefix>wa:<numberId>:`. */
export function whatsappNamespace(prefix: string, numberId: string): string {
  return `${prefix}wa:${numberId}:`;
}

/** Opens the number's auth state in Redis when a client is given, else in the data directory. */
export function openAuthState(location: AuthStateLocation): Promise<WhatsAppAuthState> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(location.numberId)) {
    throw new Error(`invalid WhatsApp number id ${JSON.stringify(location.numberId)}`);
  }
  return location.redis
    ? useRedisAuthState(location.redis, whatsappNamespace(location.prefix ?? 'tanya:', location.numberId))
    : useFileAuthState(join(location.dataDir, 'whatsapp', location.numberId));
}
