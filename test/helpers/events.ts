/**
 * Event fixtures for the events dialog, store and CLI tests: the shipped sample file plus a few events
 * around Cilandak (Jakarta Selatan) placed relative to a fixed "now", Wednesday 13 Jan 2027 10:00 WIB,
 * and both {@link EventStore} implementations to run a test against.
 */
import { parseEventsFile, SAMPLE_EVENTS_FILE } from '../../src/content/events/import.js';
import type { Event } from '../../src/content/events/model.js';
import { MemoryEventStore, RedisEventStore, type EventStore } from '../../src/store/events.js';
import type { RedisFixture } from './redis-fixture.js';

/** Wednesday 13 January 2027, 10:00 WIB. */
export const NOW = '2027-01-13T03:00:00.000Z';

/** A point in Cilandak, Jakarta Selatan. */
export const CILANDAK = { lat: -6.29, lon: 106.798 };

function fixture(
  over: Partial<Event> & Pick<Event, 'id' | 'type' | 'title' | 'lat' | 'lon' | 'start' | 'end'>,
): Event {
  return {
    venue: `Tempat ${over.id}`,
    address: 'Cilandak, Jakarta Selatan',
    city: 'Kota Jakarta Selatan',
    ...over,
  };
}

/** Events around {@link CILANDAK}, relative to {@link NOW}. */
export const FIXTURE_EVENTS: readonly Event[] = [
  // Running now, 0.1 km away.
  fixture({
    id: 'uji-vaksin-berlangsung',
    type: 'vaksinasi',
    title: 'Vaksinasi uji berlangsung',
    venue: 'Balai Warga Cilandak',
    lat: -6.2905,
    lon: 106.799,
    start: '2027-01-13T08:00:00+07:00',
    end: '2027-01-13T15:00:00+07:00',
  }),
  // Ended an hour ago, at the very point: must never appear.
  fixture({
    id: 'uji-sudah-selesai',
    type: 'sosialisasi',
    title: 'Sosialisasi uji sudah selesai',
    lat: CILANDAK.lat,
    lon: CILANDAK.lon,
    start: '2027-01-13T06:00:00+07:00',
    end: '2027-01-13T09:00:00+07:00',
  }),
  // Saturday of this week, about 2 km away.
  fixture({
    id: 'uji-sosialisasi-sabtu',
    type: 'sosialisasi',
    title: 'Sosialisasi uji hari Sabtu',
    venue: 'Aula Kelurahan Gandaria',
    lat: -6.27,
    lon: 106.795,
    start: '2027-01-16T09:00:00+07:00',
    end: '2027-01-16T12:00:00+07:00',
  }),
  // Tuesday of next week, about 4 km away.
  fixture({
    id: 'uji-layanan-minggu-depan',
    type: 'layanan',
    title: 'Layanan uji minggu depan',
    lat: -6.26,
    lon: 106.81,
    start: '2027-01-19T09:00:00+07:00',
    end: '2027-01-19T15:00:00+07:00',
  }),
];

/** The shipped sample events (historical and `[Contoh]`). */
export async function sampleEvents(): Promise<Event[]> {
  const result = await parseEventsFile(SAMPLE_EVENTS_FILE);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.events;
}

/** Samples plus fixtures. */
export async function allTestEvents(): Promise<Event[]> {
  return [...(await sampleEvents()), ...FIXTURE_EVENTS];
}

/** One {@link EventStore} implementation to run tests against, named for `describe.each`. */
export interface EventStoreVariant {
  name: string;
  /** A new, empty store. */
  create: () => EventStore;
}

/**
 * The memory store and the Redis store on `redis`, each Redis store under a fresh key prefix
 * (`${prefix}1:`, `${prefix}2:` …) so that tests do not see each other's events.
 */
export function eventStoreVariants(redis: Pick<RedisFixture, 'client'>, prefix: string): EventStoreVariant[] {
  let created = 0;
  return [
    { name: 'MemoryEventStore', create: () => new MemoryEventStore() },
    {
      name: 'RedisEventStore',
      create: () => new RedisEventStore(redis.client, { prefix: `${prefix}${++created}:` }),
    },
  ];
}
