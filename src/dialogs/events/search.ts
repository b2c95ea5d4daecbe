/**
 * One page of "nearest upcoming events" for the events dialog: the store query with the user's
 * type and time filters, paging, and the facts the dialog words its answer from (is the nearest
 * within {@link NEAR_KM}? are there more? are there events at all without the filters?).
 */
import type { EventType } from '../../content/events/model.js';
import type { TimeZone } from '../../content/geo/data.js';
import type { EventStore, NearEvent, NearQuery } from '../../store/events.js';
import type { TimeFilter } from './query.js';
import { timeWindow } from './time.js';

/** Results per page ("lihat lebih banyak" shows the next ones). */
export const PAGE_SIZE = 3;
/** Events farther than this are "not near": the answer says so and still shows the nearest. */
export const NEAR_KM = 50;
/** The store answers at most this many events per query, so paging stops there. */
const MAX_RESULTS = 100;

/** Where the search is centred, and the zone its time filters are read in. */
export interface SearchPoint {
  lat: number;
  lon: number;
  timeZone: TimeZone;
}

/** The user's filters; null = any. */
export interface SearchFilters {
  type: EventType | null;
  when: TimeFilter | null;
}

/** One page of results. */
export interface ResultPage {
  events: NearEvent[];
  /** Position of the first event of the page among all results, from 0. */
  offset: number;
  hasMore: boolean;
  /** The nearest matching event (page or not) is farther than {@link NEAR_KM}. */
  nothingNear: boolean;
}

/** The store query for a point, filters and a number of results. */
export function nearQuery(point: SearchPoint, filters: SearchFilters, now: Date, limit: number): NearQuery {
  const window = filters.when ? timeWindow(filters.when, now, point.timeZone) : undefined;
  return {
    lat: point.lat,
    lon: point.lon,
    limit,
    from: window?.from ?? now,
    ...(window ? { to: window.to } : {}),
    ...(filters.type ? { type: filters.type } : {}),
  };
}

/** Page `page` (from 0) of the nearest upcoming events that pass the filters. */
export async function searchPage(
  store: EventStore,
  point: SearchPoint,
  filters: SearchFilters,
  now: Date,
  page: number,
): Promise<ResultPage> {
  const offset = page * PAGE_SIZE;
  const limit = Math.min(offset + PAGE_SIZE + 1, MAX_RESULTS);
  const found = await store.near(nearQuery(point, filters, now, limit));
  const nearest = found[0];
  return {
    events: found.slice(offset, offset + PAGE_SIZE),
    offset,
    hasMore: found.length > offset + PAGE_SIZE,
    nothingNear: nearest !== undefined && nearest.distanceKm > NEAR_KM,
  };
}

/** Whether any upcoming event exists at all, whatever its kind, date or distance. */
export async function anyUpcoming(store: EventStore, point: SearchPoint, now: Date): Promise<boolean> {
  const found = await store.near(nearQuery(point, { type: null, when: null }, now, 1));
  return found.length > 0;
}
