/**
 * Where events are kept and searched by distance. Two implementations give the same answers:
 * {@link MemoryEventStore} (embedded default, optional JSON file) and {@link RedisEventStore}
 * (production, several instances). This module holds the contract and the rules both apply.
 */
import { validateEvents } from '../content/events/import.js';
import { eventTimes, type Event, type EventType } from '../content/events/model.js';

export { MemoryEventStore, type MemoryEventStoreOptions } from './events-memory.js';
export { RedisEventStore, type RedisEventStoreOptions } from './events-redis.js';

/** A "nearest events" question. */
export interface NearQuery {
  /** Where the user is (WGS84 degrees). */
  lat: number;
  lon: number;
  /** Most events to return (integer, 1-100). */
  limit: number;
  /** Only this kind of event. */
  type?: EventType;
  /** "Now": events that ended at or before this instant never appear. */
  from: Date;
  /** Only events starting before this instant. */
  to?: Date;
  /** Only events at most this far (km); unbounded when absent. */
  radiusKm?: number;
}

/** An event with its distance from the query point (haversine km). */
export type NearEvent = Event & { distanceKm: number };

/** Keeps events; every method is safe to call concurrently. */
export interface EventStore {
  /**
   * Inserts or replaces events by id. Atomic: every event is validated first (see
   * {@link InvalidEventsError}) and either all are stored or none. Repeating a call changes nothing.
   */
  upsertMany(events: readonly Event[]): Promise<void>;
  /** Events not yet ended at `from` (and starting before `to`), nearest first; ties by start, then id. */
  near(query: NearQuery): Promise<NearEvent[]>;
  /** One event by id. */
  get(id: string): Promise<Event | undefined>;
  /** Number of stored events (past ones included). */
  count(): Promise<number>;
  /** Every stored event, by start then id. */
  all(): Promise<Event[]>;
}

/** Thrown by {@link EventStore.upsertMany} when a batch has invalid events; nothing was stored. */
export class InvalidEventsError extends Error {
  override readonly name = 'InvalidEventsError';
  /** Every problem, as `row N, field F: message` (row N = the Nth event of the batch, from 1). */
  readonly problems: readonly string[];

  /** @param problems every problem found in the batch */
  constructor(problems: readonly string[]) {
    super(
      `invalid events: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    );
    this.problems = problems;
  }
}

/** Largest |latitude| a Redis geo index accepts (Web Mercator); both stores apply it so they agree. */
export const MAX_GEO_LATITUDE = 85.05112878;

/**
 * Validates a batch for storing: the {@link Event} schema, unique ids within the batch, and
 * latitudes a geo index can hold. Returns parsed copies; throws {@link InvalidEventsError}.
 */
export function prepareEvents(events: readonly unknown[]): Event[] {
  const result = validateEvents(events);
  if (!result.ok) throw new InvalidEventsError(result.problems);
  const problems = result.events.flatMap((event, index) =>
    Math.abs(event.lat) > MAX_GEO_LATITUDE
      ? [
          `row ${index + 1}, field lat: must be between -${MAX_GEO_LATITUDE} and ${MAX_GEO_LATITUDE} to be stored`,
        ]
      : [],
  );
  if (problems.length > 0) throw new InvalidEventsError(problems);
  return result.events;
}

/** Throws a `RangeError` for a query no store should answer (bad coordinates, limit or radius). */
export function checkNearQuery(query: NearQuery): void {
  const fail = (message: string): never => {
    throw new RangeError(`near(): ${message}`);
  };
  if (!(Math.abs(query.lat) <= 90) || !(Math.abs(query.lon) <= 180)) fail('lat/lon out of range');
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 100)
    fail('limit must be an integer from 1 to 100');
  if (Number.isNaN(query.from.getTime())) fail('from is not a valid date');
  if (query.to !== undefined && Number.isNaN(query.to.getTime())) fail('to is not a valid date');
  if (query.radiusKm !== undefined && !(query.radiusKm > 0)) fail('radiusKm must be greater than 0');
}

/** An event with its times as epoch milliseconds, as both stores filter and sort it. */
export interface TimedEvent {
  event: Event;
  startMs: number;
  endMs: number;
}

/** Adds epoch-millisecond times to an event. */
export function timed(event: Event): TimedEvent {
  return { event, ...eventTimes(event) };
}

/** Whether an event passes the query's type and time filters (not its distance). */
export function passesFilters(item: TimedEvent, query: NearQuery): boolean {
  if (query.type !== undefined && item.event.type !== query.type) return false;
  if (item.endMs <= query.from.getTime()) return false;
  return query.to === undefined || item.startMs < query.to.getTime();
}

/** Order of equally distant events, and of `all()`: earlier start first, then id. */
export function byStartThenId(a: TimedEvent, b: TimedEvent): number {
  return a.startMs - b.startMs || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);
}
