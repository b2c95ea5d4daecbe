/**
 * First-start seeding: an empty event store gets the events shipped with the project (historical
 * seed-article events and `[Contoh]` sample events), so a fresh install has something to show.
 * A store that holds anything (an operator's import) is never touched.
 */
import type { EventStore } from '../../store/events.js';
import { parseEventsFile, SAMPLE_EVENTS_FILE } from './import.js';

/** The tag every sample event's title carries, in every language (the sample data is Indonesian). */
export const SAMPLE_TAG = '[Contoh]';

/** Stores the shipped sample events when `store` is empty; returns how many were stored (0 = none). */
export async function seedSampleEventsIfEmpty(store: EventStore, file = SAMPLE_EVENTS_FILE): Promise<number> {
  if ((await store.count()) > 0) return 0;
  const result = await parseEventsFile(file);
  if (!result.ok) throw new Error(`sample events file ${file} is invalid: ${result.problems.join('; ')}`);
  await store.upsertMany(result.events);
  return result.events.length;
}
