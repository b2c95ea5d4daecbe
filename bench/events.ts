/**
 * Event store benchmark: nearest-5 upcoming events over 100,000 synthetic events spread over
 * Indonesia (a quarter of them already over), for the memory store (k-d tree) beside a linear scan
 * of the same data, and for the Redis store beside a raw GET round trip, all in the same run.
 * Runnable alone: `node --import tsx bench/events.ts` (starts its own redis-server).
 */
import { pathToFileURL } from 'node:url';
import { createClient } from 'redis';
import type { Event, EventType } from '../src/content/events/model.js';
import { haversineKm, type LatLon } from '../src/content/geo/distance.js';
import { MemoryEventStore, RedisEventStore, type EventStore, type NearQuery } from '../src/store/events.js';
import { startRedis } from '../test/helpers/redis.js';
import { elapsedMs, percentile, printTable, row, seededRandom } from './stats.js';
import type { BenchRow } from './types.js';

const EVENTS = 100_000;
const LIMIT = 5;
const NOW = new Date('2026-11-21T00:00:00Z');
const TYPES: readonly EventType[] = ['vaksinasi', 'sosialisasi', 'layanan'];

/** A random point in Indonesia's bounding box (11°S-6°N, 95°E-141°E). */
const pointIn = (random: () => number): LatLon => ({ lat: -11 + random() * 17, lon: 95 + random() * 46 });

function syntheticEvents(): Event[] {
  const random = seededRandom(20261121);
  return Array.from({ length: EVENTS }, (_, i) => {
    const past = i % 4 === 0;
    return {
      id: `bench-${i}`,
      type: TYPES[i % TYPES.length]!,
      title: `Acara sintetis ${i}`,
      venue: 'Balai Warga',
      address: 'Jl. Contoh No. 1',
      city: 'Kota Contoh',
      ...pointIn(random),
      start: past ? '2025-03-01T09:00:00+07:00' : '2027-03-01T09:00:00+07:00',
      end: past ? '2025-03-01T12:00:00+07:00' : '2027-03-01T12:00:00+07:00',
    };
  });
}

function queries(count: number): NearQuery[] {
  const random = seededRandom(496);
  return Array.from({ length: count }, () => ({ ...pointIn(random), limit: LIMIT, from: NOW }));
}

/** Latency samples (ms) of `store.near` over the queries. */
async function timeNear(store: EventStore, list: readonly NearQuery[]): Promise<number[]> {
  const samples: number[] = [];
  for (const query of list) {
    const t0 = process.hrtime.bigint();
    await store.near(query);
    samples.push(elapsedMs(t0));
  }
  return samples;
}

/** Baseline: the same question answered by scanning every event. */
function timeLinearScan(events: readonly Event[], list: readonly NearQuery[]): number[] {
  const from = NOW.getTime();
  const ends = events.map((event) => Date.parse(event.end));
  return list.map((query) => {
    const t0 = process.hrtime.bigint();
    const best: { index: number; km: number }[] = [];
    events.forEach((event, index) => {
      if (ends[index]! <= from) return;
      const km = haversineKm(query, event);
      if (best.length === LIMIT && km >= best[LIMIT - 1]!.km) return;
      best.push({ index, km });
      best.sort((a, b) => a.km - b.km);
      if (best.length > LIMIT) best.pop();
    });
    return elapsedMs(t0);
  });
}

/** Nearest-5 latency rows for both stores, each beside its baseline. */
export async function benchEvents(): Promise<BenchRow[]> {
  const events = syntheticEvents();
  const rows: BenchRow[] = [];

  const memory = new MemoryEventStore();
  await memory.upsertMany(events);
  await timeNear(memory, queries(500)); // builds the index and warms up
  const memorySamples = await timeNear(memory, queries(5_000));
  const scanSamples = timeLinearScan(events, queries(200));
  for (const p of [50, 99]) {
    rows.push(
      row(`events near (5 of 100k), memory k-d tree: p${p}`, percentile(memorySamples, p), 'ms', {
        name: `linear scan p${p}`,
        value: percentile(scanSamples, p),
      }),
    );
  }

  const redis = await startRedis();
  const client = createClient({ url: redis.url });
  try {
    await client.connect();
    const store = new RedisEventStore(client, { prefix: 'bench:' });
    const t0 = process.hrtime.bigint();
    await store.upsertMany(events);
    rows.push(row('events upsertMany 100k, Redis (one MULTI)', elapsedMs(t0), 'ms'));

    await client.set('bench:raw', JSON.stringify(events[0]));
    const rawSamples: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const started = process.hrtime.bigint();
      await client.get('bench:raw');
      rawSamples.push(elapsedMs(started));
    }
    await timeNear(store, queries(200));
    const redisSamples = await timeNear(store, queries(2_000));
    for (const p of [50, 99]) {
      rows.push(
        row(`events near (5 of 100k), Redis GEOSEARCH: p${p}`, percentile(redisSamples, p), 'ms', {
          name: `raw Redis GET p${p}`,
          value: percentile(rawSamples, p),
        }),
      );
    }
  } finally {
    if (client.isOpen) await client.close();
    await redis.stop();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchEvents());
}
