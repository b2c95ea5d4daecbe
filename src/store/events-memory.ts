/**
 * The embedded event store: events in a Map, nearest search through a {@link GeoKdTree} rebuilt
 * lazily after changes, and optionally one JSON file (an array, one event per line) rewritten
 * atomically (temporary file, fsync, rename) on every change.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { validateEvents } from '../content/events/import.js';
import type { Event } from '../content/events/model.js';
import { GeoKdTree } from '../content/geo/kdtree.js';
import {
  byStartThenId,
  checkNearQuery,
  passesFilters,
  prepareEvents,
  timed,
  type EventStore,
  type NearEvent,
  type NearQuery,
  type TimedEvent,
} from './events.js';

/** Where a persisted {@link MemoryEventStore} keeps its file. */
export interface MemoryEventStoreOptions {
  /** Data directory (created when missing). */
  dataDir: string;
  /** File name inside `dataDir`; default `events.json`. */
  fileName?: string;
}

interface Index {
  tree: GeoKdTree;
  items: TimedEvent[];
}

/** In-process {@link EventStore}; `new MemoryEventStore()` keeps nothing on disk, {@link MemoryEventStore.open} does. */
export class MemoryEventStore implements EventStore {
  private events = new Map<string, TimedEvent>();
  private index: Index | undefined;
  private file: string | undefined;
  /** Serialises writes so the file always matches the latest state. */
  private writes: Promise<unknown> = Promise.resolve();

  /**
   * Opens (or creates) a store persisted in `dataDir`, loading its file when present.
   * @throws Error when the file exists but is not a valid events array
   */
  static async open(options: MemoryEventStoreOptions): Promise<MemoryEventStore> {
    await mkdir(options.dataDir, { recursive: true });
    const file = join(options.dataDir, options.fileName ?? 'events.json');
    const store = new MemoryEventStore();
    store.file = file;
    let content: string | undefined;
    try {
      content = await readFile(file, 'utf8');
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
    }
    if (content !== undefined) {
      const data: unknown = JSON.parse(content);
      const result = validateEvents(Array.isArray(data) ? data : [data]);
      if (!result.ok)
        throw new Error(`events file ${file} is invalid: ${result.problems.slice(0, 5).join('; ')}`);
      for (const event of result.events) store.events.set(event.id, timed(event));
    }
    return store;
  }

  /** {@inheritDoc EventStore.upsertMany} */
  async upsertMany(events: readonly Event[]): Promise<void> {
    const prepared = prepareEvents(events);
    const write = this.writes.then(async () => {
      const next = new Map(this.events);
      for (const event of prepared) next.set(event.id, timed(event));
      if (this.file !== undefined) await writeAtomically(this.file, serialise(next));
      this.events = next;
      this.index = undefined;
    });
    this.writes = write.catch(() => undefined);
    await write;
  }

  /** {@inheritDoc EventStore.near} */
  async near(query: NearQuery): Promise<NearEvent[]> {
    checkNearQuery(query);
    const { tree, items } = this.ensureIndex();
    const neighbours = tree.nearest(query, {
      limit: query.limit,
      maxKm: query.radiusKm,
      accept: (i) => passesFilters(items[i]!, query),
      tieBreak: (a, b) => byStartThenId(items[a]!, items[b]!),
    });
    return neighbours.map(({ index, distanceKm }) => ({ ...items[index]!.event, distanceKm }));
  }

  /** {@inheritDoc EventStore.get} */
  async get(id: string): Promise<Event | undefined> {
    const item = this.events.get(id);
    return item && { ...item.event };
  }

  /** {@inheritDoc EventStore.count} */
  async count(): Promise<number> {
    return this.events.size;
  }

  /** {@inheritDoc EventStore.all} */
  async all(): Promise<Event[]> {
    return [...this.events.values()].sort(byStartThenId).map((item) => ({ ...item.event }));
  }

  private ensureIndex(): Index {
    if (!this.index) {
      const items = [...this.events.values()];
      this.index = { tree: new GeoKdTree(items.map((item) => item.event)), items };
    }
    return this.index;
  }
}

/** A JSON array with one event per line, by id (stable, diff-friendly). */
function serialise(events: ReadonlyMap<string, TimedEvent>): string {
  const ids = [...events.keys()].sort();
  const lines = ids.map((id) => JSON.stringify(events.get(id)!.event));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

/** Writes `content` to a temporary file beside `file` (recreating the directory if needed), flushes it, renames it over `file`. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
