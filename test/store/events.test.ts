/**
 * The EventStore contract, run against both implementations (Redis on a private redis-server),
 * plus a property test that both give identical answers on random data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventsFile, SAMPLE_EVENTS_FILE } from '../../src/content/events/import.js';
import { EVENT_BOUNDS, type Event, type EventType } from '../../src/content/events/model.js';
import { haversineKm } from '../../src/content/geo/distance.js';
import { InvalidEventsError, RedisEventStore, type NearQuery } from '../../src/store/events.js';
import { CorruptEventError } from '../../src/store/events-redis.js';
import { eventStoreVariants } from '../helpers/events.js';
import { useTestRedis } from '../helpers/redis-fixture.js';

const redis = useTestRedis();
const stores = eventStoreVariants(redis, 'test');

/** Penjaringan, Jakarta Utara. */
const HERE = { lat: -6.1267, lon: 106.7824 };
const NOW = new Date('2026-11-21T03:00:00Z');

function event(id: string, over: Partial<Event> = {}): Event {
  return {
    id,
    type: 'sosialisasi',
    title: `Acara ${id}`,
    venue: 'Balai Warga',
    address: 'Jl. Contoh',
    city: 'Kota Jakarta Utara',
    lat: HERE.lat,
    lon: HERE.lon,
    start: '2027-01-10T09:00:00+07:00',
    end: '2027-01-10T12:00:00+07:00',
    ...over,
  };
}

/** Moves a point roughly `km` kilometres east. */
const east = (km: number) => ({ lat: HERE.lat, lon: HERE.lon + km / 110.6 });

const query = (over: Partial<NearQuery> = {}): NearQuery => ({ ...HERE, limit: 5, from: NOW, ...over });
const idsOf = (events: readonly { id: string }[]) => events.map((e) => e.id);

describe.each(stores)('$name', ({ create }) => {
  it('starts empty', async () => {
    const store = create();
    expect(await store.count()).toBe(0);
    expect(await store.all()).toEqual([]);
    expect(await store.get('nope')).toBeUndefined();
    expect(await store.near(query())).toEqual([]);
  });

  it('stores, gets and lists events by start then id', async () => {
    const store = create();
    const a = event('a', {
      start: '2027-02-01T09:00:00+07:00',
      end: '2027-02-01T10:00:00+07:00',
      capacity: 50,
      sample: true,
    });
    const b = event('b', {
      organizer: 'Kantor Cabang Jakarta Pluit',
      registration_url: 'https://example.org/x',
    });
    const c = event('c');
    await store.upsertMany([a, c, b]);
    expect(await store.count()).toBe(3);
    expect(await store.get('a')).toEqual(a);
    expect(idsOf(await store.all())).toEqual(['b', 'c', 'a']);
  });

  it('upserts idempotently by id, replacing fields and location', async () => {
    const store = create();
    const batch = [event('a'), event('b', { ...east(5) })];
    await store.upsertMany(batch);
    await store.upsertMany(batch);
    expect(await store.count()).toBe(2);
    expect(await store.all()).toEqual(batch);

    await store.upsertMany([event('b', { title: 'Baru', ...east(1) }), event('a', { ...east(20) })]);
    expect(await store.count()).toBe(2);
    expect((await store.get('b'))?.title).toBe('Baru');
    expect(idsOf(await store.near(query()))).toEqual(['b', 'a']);
  });

  it('rejects a batch with any invalid event and stores none of it', async () => {
    const store = create();
    await store.upsertMany([event('keep')]);
    const bad = [
      event('new-ok'),
      event('bad-lat', { lat: 95 }),
      event('bad-time', { end: '2027-01-10T08:00:00+07:00' }),
      { ...event('bad-type'), type: 'konser' as EventType },
      event('new-ok'),
    ];
    const error = await store.upsertMany(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEventsError);
    expect((error as InvalidEventsError).problems).toEqual([
      'row 2, field lat: must be between -12 and 7 (Indonesia)',
      'row 3, field end: must be after start',
      'row 4, field type: must be one of vaksinasi, sosialisasi, layanan',
      'row 5, field id: duplicate of row 1',
    ]);
    await expect(store.upsertMany([event('swapped', { lat: 106.8, lon: -6.2 })])).rejects.toThrow(
      /field lat: must be between -12 and 7/,
    );
    expect(idsOf(await store.all())).toEqual(['keep']);
  });

  it('returns the nearest events first with their distance, up to the limit', async () => {
    const store = create();
    await store.upsertMany([30, 2, 500, 10, 0.5, 80, 1200].map((km, i) => event(`e${i}-${km}km`, east(km))));
    const near = await store.near(query({ limit: 4 }));
    expect(idsOf(near)).toEqual(['e4-0.5km', 'e1-2km', 'e3-10km', 'e0-30km']);
    for (const item of near) expect(item.distanceKm).toBeCloseTo(haversineKm(HERE, item), 9);
    expect(near[0]?.distanceKm).toBeCloseTo(0.5, 1);
    expect(idsOf(await store.near(query({ limit: 100 })))).toHaveLength(7);
  });

  it('never returns events that ended, but keeps ongoing ones', async () => {
    const store = create();
    await store.upsertMany([
      event('past', { start: '2021-09-04T08:00:00+07:00', end: '2021-09-04T15:00:00+07:00' }),
      event('ended-just-now', {
        start: '2026-11-21T08:00:00+07:00',
        end: '2026-11-21T10:00:00+07:00',
        ...east(1),
      }),
      event('ongoing', { start: '2026-11-21T09:00:00+07:00', end: '2026-11-21T12:00:00+07:00', ...east(2) }),
      event('future', { ...east(3) }),
    ]);
    expect(idsOf(await store.near(query()))).toEqual(['ongoing', 'future']);
    expect(idsOf(await store.near(query({ from: new Date('2021-09-04T00:00:00Z') })))).toEqual([
      'past',
      'ended-just-now',
      'ongoing',
      'future',
    ]);
  });

  it('filters by type, by start before `to`, and by radius', async () => {
    const store = create();
    await store.upsertMany([
      event('vaks-near', { type: 'vaksinasi', ...east(1) }),
      event('sos-near', { type: 'sosialisasi', ...east(2) }),
      event('vaks-far', { type: 'vaksinasi', ...east(40) }),
      event('vaks-later', {
        type: 'vaksinasi',
        start: '2027-06-01T09:00:00+07:00',
        end: '2027-06-01T12:00:00+07:00',
        ...east(3),
      }),
    ]);
    expect(idsOf(await store.near(query({ type: 'vaksinasi' })))).toEqual([
      'vaks-near',
      'vaks-later',
      'vaks-far',
    ]);
    expect(idsOf(await store.near(query({ type: 'layanan' })))).toEqual([]);
    expect(idsOf(await store.near(query({ to: new Date('2027-03-01T00:00:00Z') })))).toEqual([
      'vaks-near',
      'sos-near',
      'vaks-far',
    ]);
    expect(idsOf(await store.near(query({ radiusKm: 10 })))).toEqual(['vaks-near', 'sos-near', 'vaks-later']);
    expect(idsOf(await store.near(query({ radiusKm: 0.5 })))).toEqual([]);
  });

  it('orders events at the same venue by start, then id', async () => {
    const store = create();
    await store.upsertMany([
      event('b-second', { start: '2027-01-11T09:00:00+07:00', end: '2027-01-11T12:00:00+07:00' }),
      event('z-first'),
      event('a-first'),
      event('farther', { ...east(0.01) }),
    ]);
    expect(idsOf(await store.near(query({ limit: 3 })))).toEqual(['a-first', 'z-first', 'b-second']);
  });

  it('finds the nearest events however far they are', async () => {
    const store = create();
    await store.upsertMany([
      event('jayapura', { lat: -2.537, lon: 140.706 }),
      event('aceh', { lat: 5.55, lon: 95.317 }),
      event('merauke', { lat: -8.4932, lon: 140.4018 }),
    ]);
    const near = await store.near(query({ limit: 3 }));
    expect(idsOf(near)).toEqual(['aceh', 'merauke', 'jayapura']);
    expect(near[2]!.distanceKm).toBeGreaterThan(3_500);
  });

  it('rejects nonsensical queries', async () => {
    const store = create();
    await expect(store.near(query({ limit: 0 }))).rejects.toThrow(RangeError);
    await expect(store.near(query({ lat: 91 }))).rejects.toThrow(RangeError);
    await expect(store.near(query({ radiusKm: -1 }))).rejects.toThrow(RangeError);
    await expect(store.near(query({ from: new Date('nope') }))).rejects.toThrow(RangeError);
  });

  it('serves the sample events: upcoming ones only', async () => {
    const store = create();
    const file = await parseEventsFile(SAMPLE_EVENTS_FILE);
    if (!file.ok) throw new Error(file.problems.join('\n'));
    await store.upsertMany(file.events);
    const near = await store.near(query({ limit: 3 }));
    expect(near.every((e) => e.sample === true && e.title.startsWith('[Contoh]'))).toBe(true);
    expect(near[0]?.city).toBe('Kota Jakarta Utara');
    const vaccination = await store.near(query({ limit: 1, type: 'vaksinasi', lat: -0.03, lon: 109.33 }));
    expect(vaccination[0]?.city).toBe('Kota Pontianak');
  });
});

describe('RedisEventStore keys', () => {
  it('uses the prefix `tanya:` by default: a hash of JSON and a geo set', async () => {
    const store = new RedisEventStore(redis.client);
    await store.upsertMany([event('a')]);
    expect(JSON.parse((await redis.client.hGet('tanya:events', 'a')) ?? '')).toEqual(event('a'));
    const [position] = await redis.client.geoPos('tanya:events:geo', 'a');
    expect(Number(position?.latitude)).toBeCloseTo(HERE.lat, 5);
  });

  it('refuses values it did not write', async () => {
    const store = new RedisEventStore(redis.client, { prefix: 'corrupt:' });
    await redis.client.hSet('corrupt:events', 'x', '{"id":"x"}');
    await expect(store.get('x')).rejects.toThrow(CorruptEventError);
  });
});

describe('MemoryEventStore and RedisEventStore agree', () => {
  const TYPES: EventType[] = ['vaksinasi', 'sosialisasi', 'layanan'];
  const BASE = Date.parse('2026-11-01T00:00:00Z');
  const HOUR = 3_600_000;

  /** Events in a few clusters (several per venue) around Indonesia, plus scattered ones anywhere events may be. */
  const arbitraryEvents = fc
    .array(
      fc.record({
        cluster: fc.integer({ min: 0, max: 5 }),
        dLat: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
        dLon: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
        sameVenue: fc.boolean(),
        anywhere: fc.option(
          fc.record({
            lat: fc.double({ min: EVENT_BOUNDS.lat.min, max: EVENT_BOUNDS.lat.max, noNaN: true }),
            lon: fc.double({ min: EVENT_BOUNDS.lon.min, max: EVENT_BOUNDS.lon.max, noNaN: true }),
          }),
          { freq: 8 },
        ),
        type: fc.constantFrom(...TYPES),
        startHour: fc.integer({ min: 0, max: 24 * 60 }),
        hours: fc.integer({ min: 1, max: 72 }),
      }),
      { minLength: 0, maxLength: 120 },
    )
    .map((rows) =>
      rows.map((row, i): Event => {
        const centre = CLUSTERS[row.cluster]!;
        const point =
          row.anywhere ??
          (row.sameVenue ? centre : { lat: centre.lat + row.dLat, lon: centre.lon + row.dLon });
        return event(`ev-${i}`, {
          type: row.type,
          lat: point.lat,
          lon: point.lon,
          start: new Date(BASE + row.startHour * HOUR).toISOString(),
          end: new Date(BASE + (row.startHour + row.hours) * HOUR).toISOString(),
        });
      }),
    );

  const arbitraryQuery = fc.record({
    cluster: fc.integer({ min: 0, max: 5 }),
    dLat: fc.double({ min: -1, max: 1, noNaN: true }),
    dLon: fc.double({ min: -1, max: 1, noNaN: true }),
    limit: fc.integer({ min: 1, max: 12 }),
    type: fc.option(fc.constantFrom(...TYPES), { nil: undefined }),
    fromHour: fc.integer({ min: 0, max: 24 * 60 }),
    spanHours: fc.option(fc.integer({ min: 1, max: 24 * 30 }), { nil: undefined }),
    radiusKm: fc.option(fc.double({ min: 0.5, max: 3000, noNaN: true }), { nil: undefined }),
  });

  it('on random events and queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryEvents,
        fc.array(arbitraryQuery, { minLength: 1, maxLength: 8 }),
        async (events, queries) => {
          const memory = stores[0]!.create();
          const shared = stores[1]!.create();
          await memory.upsertMany(events);
          await shared.upsertMany(events);
          expect(await shared.all()).toEqual(await memory.all());
          for (const q of queries) {
            const centre = CLUSTERS[q.cluster]!;
            const from = new Date(BASE + q.fromHour * HOUR);
            const nearQuery: NearQuery = {
              lat: centre.lat + q.dLat,
              lon: centre.lon + q.dLon,
              limit: q.limit,
              type: q.type,
              from,
              to: q.spanHours === undefined ? undefined : new Date(from.getTime() + q.spanHours * HOUR),
              radiusKm: q.radiusKm,
            };
            expect(await shared.near(nearQuery)).toEqual(await memory.near(nearQuery));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

const CLUSTERS = [
  { lat: -6.2, lon: 106.82 }, // Jakarta
  { lat: -0.03, lon: 109.34 }, // Pontianak
  { lat: -7.8, lon: 110.37 }, // Yogyakarta
  { lat: -8.65, lon: 115.22 }, // Denpasar
  { lat: -2.54, lon: 140.71 }, // Jayapura
  { lat: 3.59, lon: 98.67 }, // Medan
];
