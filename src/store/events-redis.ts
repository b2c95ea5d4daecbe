/**
 * The Redis event store (node-redis 5). Keys, with the default prefix `tanya:`:
 * - `tanya:events`: hash, event id → event JSON;
 * - `tanya:events:geo`: geo set of event ids at their venue coordinates.
 *
 * `near` asks GEOSEARCH for ever larger circles (25, 100, 400... km) until enough events pass the
 * type/time filters inside a margin that covers Redis's own distance model (52-bit geohash, Earth
 * radius 6372.8 km); distances and order are then computed exactly as the memory store does, so
 * both stores answer the same. Each circle is one round trip: a script runs GEOSEARCH and reads the
 * events it found. The store does not own the client: connect and quit it yourself.
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

/**
 * GEOSEARCH around (ARGV[1] lon, ARGV[2] lat) within ARGV[3] km, and the stored JSON of each id
 * found: a flat array `id, json, id, json...` (json is nil for an id missing from the hash). HMGET
 * is chunked: Lua cannot unpack more than a few thousand values at once.
 */
const SEARCH = `
local ids = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[3], 'km')
local out = {}
for i = 1, #ids, 1000 do
  local chunk = {}
  for j = i, math.min(i + 999, #ids) do chunk[#chunk + 1] = ids[j] end
  local values = redis.call('HMGET', KEYS[2], unpack(chunk))
  for j = 1, #chunk do
    out[#out + 1] = chunk[j]
    out[#out + 1] = values[j]
  end
end
return out
`;

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
      for (const item of await this.search(query, radius, seen)) {
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

  /** The events within `radiusKm` of the query point that are not in `seen` (which it extends). */
  private async search(query: NearQuery, radiusKm: number, seen: Set<string>): Promise<TimedEvent[]> {
    const reply = await this.client.eval(SEARCH, {
      keys: [this.geoKey, this.hashKey],
      arguments: [String(query.lon), String(query.lat), String(radiusKm)],
    });
    if (!Array.isArray(reply)) throw new CorruptEventError('unexpected reply to the event search');
    const found: TimedEvent[] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) {
      const id = reply[i];
      const json = reply[i + 1];
      if (typeof id !== 'string' || seen.has(id)) continue;
      seen.add(id);
      if (typeof json === 'string') found.push(timed(decode(json)));
    }
    return found;
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
