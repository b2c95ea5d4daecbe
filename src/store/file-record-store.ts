/**
 * Records as JSON files in `DATA_DIR/records/` (the embedded default, one process). Each write goes to
 * a temporary file that is renamed into place, so a crash never leaves half a record; files are 0600.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.js';
import { join } from 'node:path';
import { KeyedSerialQueue } from '../engine/lock.js';
import {
  materialise,
  newReference,
  StoredRecord,
  withStatus,
  type CreateResult,
  type NewRecord,
  type RecordQuery,
  type RecordStore,
  type StatusChange,
} from './records.js';
import type { JsonObject } from '../engine/types.js';

export { writeFileAtomic } from './atomic-file.js';

/** A {@link RecordStore} over files. Indexes are rebuilt from the files when opened. */
export class FileRecordStore implements RecordStore {
  readonly kind = 'file' as const;
  /** Where records are written; null keeps them in memory only (tests, tools). */
  readonly #dir: string | null;
  readonly #records = new Map<string, StoredRecord>();
  readonly #byIdempotency = new Map<string, string>();
  readonly #byUnique = new Map<string, string>();
  readonly #queue = new KeyedSerialQueue();

  private constructor(dir: string | null) {
    this.#dir = dir;
  }

  /** A store that keeps records in memory only, for tests and one-off tools. */
  static inMemory(): FileRecordStore {
    return new FileRecordStore(null);
  }

  /** Opens (and creates) `dataDir/records`, loading every record; a corrupt file is named in the error. */
  static async open(dataDir: string): Promise<FileRecordStore> {
    const dir = join(dataDir, 'records');
    const store = new FileRecordStore(dir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const name of (await readdir(dir)).filter((file) => file.endsWith('.json'))) {
      const path = join(dir, name);
      const parsed = StoredRecord.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (!parsed.success)
        throw new Error(
          `${path}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
        );
      store.#index(parsed.data);
    }
    return store;
  }

  async create(record: NewRecord, now: Date): Promise<CreateResult> {
    // One writer at a time, so the uniqueness checks and the write cannot interleave.
    return this.#queue.run('create', async () => {
      const existing = this.#get(this.#byIdempotency.get(record.idempotencyKey));
      if (existing) return { status: 'existing', record: existing };
      for (const key of record.uniqueKeys ?? []) {
        const holder = this.#get(this.#byUnique.get(key));
        if (holder) return { status: 'duplicate', key, record: holder };
      }
      let id = newReference(record.prefix, now);
      while (this.#records.has(id)) id = newReference(record.prefix, now);
      const stored = materialise(record, id, now);
      await this.#write(stored);
      this.#index(stored);
      return { status: 'created', record: stored };
    });
  }

  async get(id: string): Promise<StoredRecord | undefined> {
    return this.#refresh(id);
  }

  async findByUniqueKey(key: string): Promise<StoredRecord | undefined> {
    return this.#get(this.#byUnique.get(key));
  }

  async list(query: RecordQuery = {}): Promise<StoredRecord[]> {
    return [...this.#records.values()]
      .filter((record) => !query.type || record.type === query.type)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async setStatus(
    id: string,
    change: StatusChange,
    dataPatch?: JsonObject,
  ): Promise<StoredRecord | undefined> {
    return this.#queue.run(`record:${id}`, async () => {
      const current = await this.#refresh(id);
      if (!current) return undefined;
      const updated = withStatus(current, change, dataPatch);
      await this.#write(updated);
      this.#records.set(id, updated);
      return updated;
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.#queue.run('create', async () => {
      const record = this.#records.get(id);
      if (!record) return false;
      if (this.#dir) await rm(join(this.#dir, `${id}.json`), { force: true });
      this.#records.delete(id);
      this.#byIdempotency.delete(record.idempotencyKey);
      for (const key of record.uniqueKeys) this.#byUnique.delete(key);
      return true;
    });
  }

  async close(): Promise<void> {
    await this.#queue.drain();
  }

  /**
   * The record as its file says now: another process (`tanya records set-status`) may have changed
   * or created it since this one loaded its records.
   */
  async #refresh(id: string): Promise<StoredRecord | undefined> {
    const known = this.#records.get(id);
    if (!this.#dir || !/^[A-Z]{2,4}-\d{8}-[0-9A-Z]{6}$/.test(id)) return known;
    try {
      const parsed = StoredRecord.safeParse(
        JSON.parse(await readFile(join(this.#dir, `${id}.json`), 'utf8')),
      );
      if (parsed.success && parsed.data.id === id && (!known || parsed.data.rev > known.rev)) {
        this.#index(parsed.data);
      }
    } catch {
      // Unreadable or gone: keep what we know.
    }
    return this.#records.get(id);
  }

  #get(id: string | undefined): StoredRecord | undefined {
    return id === undefined ? undefined : this.#records.get(id);
  }

  #index(record: StoredRecord): void {
    this.#records.set(record.id, record);
    this.#byIdempotency.set(record.idempotencyKey, record.id);
    for (const key of record.uniqueKeys) this.#byUnique.set(key, record.id);
  }

  async #write(record: StoredRecord): Promise<void> {
    if (!this.#dir) return;
    await writeFileAtomic(join(this.#dir, `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }
}
