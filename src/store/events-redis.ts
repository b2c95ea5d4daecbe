/**
 * The Redis event store (node-redis 5). Keys, with the default prefix `tanya:`:
 * - `tanya:events`: hash, event id → event JSON;
 * - `tanya:events:geo`: geo set of event ids at their venue coordinates.
 *
 * `near` asks GEOSEARCH for ever larger circles (25, 100, 400... km) until enough events pass the
 * type/time filters inside a margin that covers Redis's own distance model (52-bit geohash, Earth
 * radius 6372.8 km); distances and order are then computed exactly as the memory store does, so
 * both stores answer the same. The store does not own the client: connect and quit it yourself.
 */
import { EventType, type Event } from '../content/events/model.js';
import { haversineKm } from '../content/geo/distance.js';
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
import type { TanyaRedis } from './redis-client.js';

/** Options of {@link RedisEventStore}. */
export interface RedisEventStoreOptions {
  /** Prefix of every key; default `tanya:`. */
  prefix?: string;
}

/** First search radius (km) and growth factor of the next ones: 25, 100, 400, 1600, 6400, 20100 km. */
const FIRST_RADIUS_KM = 25;
const RADIUS_GROWTH = 4;
/** Beyond any distance on Earth under Redis's radius (π × 6372.8 km ≈ 20,021 km). */
const WHOLE_EARTH_KM = 20_100;
/** Events per HSET/GEOADD command inside the upsert transaction. */
const CHUNK = 1_000;

/** Largest distance (our haversine) that Redis surely includes in a search of `radiusKm`. */
const surelyWithin = (radiusKm: number) => radiusKm * (1 - 1e-3) - 0.01;
/** Search radius that surely includes every event within `radiusKm` by our haversine. */
const searchRadiusFor = (radiusKm: number) => radiusKm * (1 + 1e-3) + 0.01;

/** Shared {@link EventStore} in Redis. */
export class RedisEventStore implements EventStore {
  private readonly hashKey: string;
  private readonly geoKey: string;

  /**
   * @param client a connected node-redis client (not closed by the store)
   * @param options key prefix
   */
  constructor(
    private readonly client: TanyaRedis,
    options: RedisEventStoreOptions = {},
  ) {
    const prefix = options.prefix ?? 'tanya:';
    this.hashKey = `${prefix}events`;
    this.geoKey = `${prefix}events:geo`;
  }

  /** {@inheritDoc EventStore.upsertMany} */
  async upsertMany(events: readonly Event[]): Promise<void> {
    const prepared = prepareEvents(events);
    if (prepared.length === 0) return;
    const transaction = this.client.multi();
    for (let i = 0; i < prepared.length; i += CHUNK) {
      const chunk = prepared.slice(i, i + CHUNK);
      transaction.hSet(
        this.hashKey,
        Object.fromEntries(chunk.map((event) => [event.id, JSON.stringify(event)])),
      );
      transaction.geoAdd(
        this.geoKey,
        chunk.map((event) => ({ longitude: event.lon, latitude: event.lat, member: event.id })),
      );
    }
    await transaction.exec();
  }

  /** {@inheritDoc EventStore.near} */
  async near(query: NearQuery): Promise<NearEvent[]> {
    checkNearQuery(query);
    const limitKm = query.radiusKm ?? Number.POSITIVE_INFINITY;
    const lastRadius = Math.min(searchRadiusFor(limitKm), WHOLE_EARTH_KM);
    const seen = new Set<string>();
    const matches: { item: TimedEvent; distanceKm: number }[] = [];

    let radius = Math.min(FIRST_RADIUS_KM, lastRadius);
    for (;;) {
      const ids = await this.client.geoSearch(
        this.geoKey,
        { longitude: query.lon, latitude: query.lat },
        { radius, unit: 'km' },
      );
      const fresh = ids.filter((id) => !seen.has(id));
      fresh.forEach((id) => seen.add(id));
      for (const item of await this.fetch(fresh)) {
        const distanceKm = haversineKm(query, item.event);
        if (distanceKm <= limitKm && passesFilters(item, query)) matches.push({ item, distanceKm });
      }
      const finished = radius >= lastRadius;
      const sure = finished ? matches : matches.filter((m) => m.distanceKm <= surelyWithin(radius));
      if (finished || sure.length >= query.limit) {
        sure.sort((a, b) => a.distanceKm - b.distanceKm || byStartThenId(a.item, b.item));
        return sure.slice(0, query.limit).map(({ item, distanceKm }) => ({ ...item.event, distanceKm }));
      }
      radius = Math.min(radius * RADIUS_GROWTH, lastRadius);
    }
  }

  /** {@inheritDoc EventStore.get} */
  async get(id: string): Promise<Event | undefined> {
    const json = await this.client.hGet(this.hashKey, id);
    return json === null || json === undefined ? undefined : decode(json);
  }

  /** {@inheritDoc EventStore.count} */
  async count(): Promise<number> {
    return this.client.hLen(this.hashKey);
  }

  /** {@inheritDoc EventStore.all} */
  async all(): Promise<Event[]> {
    const values = await this.client.hVals(this.hashKey);
    return values
      .map((json) => timed(decode(json)))
      .sort(byStartThenId)
      .map((item) => item.event);
  }

  private async fetch(ids: string[]): Promise<TimedEvent[]> {
    if (ids.length === 0) return [];
    const values = await this.client.hmGet(this.hashKey, ids);
    return values.flatMap((json) => (typeof json === 'string' ? [timed(decode(json))] : []));
  }
}

/** Thrown when a stored value is not an event this store wrote (someone else wrote to its keys). */
export class CorruptEventError extends Error {
  override readonly name = 'CorruptEventError';
}

/**
 * Parses a stored event. Values were fully validated when written, so reading checks only the
 * fields the store itself relies on (a full schema parse costs ~7x more, most of a `near` call).
 */
function decode(json: string): Event {
  const value: unknown = JSON.parse(json);
  if (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'type' in value &&
    EventType.safeParse(value.type).success &&
    'lat' in value &&
    typeof value.lat === 'number' &&
    'lon' in value &&
    typeof value.lon === 'number' &&
    'start' in value &&
    typeof value.start === 'string' &&
    'end' in value &&
    typeof value.end === 'string'
  ) {
    return value as Event;
  }
  throw new CorruptEventError(`stored event is not valid: ${json.slice(0, 200)}`);
}
