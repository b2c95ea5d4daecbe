/**
 * Which Indonesian time zone (WIB/WITA/WIT) an event's times are shown in: the zone of the place it
 * happens, not the reader's. Event files write times in local time with their offset, so the offset
 * says it; the event's city is the fallback for files written in UTC.
 */
import { TIME_ZONES, type TimeZone } from '../geo/data.js';
import type { PlaceResolution } from '../geo/gazetteer.js';
import type { Event } from './model.js';

const ZONE_BY_OFFSET: ReadonlyMap<string, TimeZone> = new Map(
  (Object.entries(TIME_ZONES) as [TimeZone, { offset: string }][]).map(([zone, { offset }]) => [
    offset,
    zone,
  ]),
);

/** The zone whose UTC offset an ISO date-time carries (`...+08:00` → WITA); undefined for `Z` or others. */
export function zoneOfOffset(dateTime: string): TimeZone | undefined {
  const match = /([+-]\d{2}):?(\d{2})$/.exec(dateTime);
  return match ? ZONE_BY_OFFSET.get(`${match[1]}:${match[2]}`) : undefined;
}

/**
 * The zone an event is shown in: the offset its start was written with, else the zone of its city
 * (`zoneOfCity`, e.g. through the gazetteer), else WIB.
 */
export function eventTimeZone(
  event: Pick<Event, 'start' | 'city'>,
  zoneOfCity: (city: string) => TimeZone | undefined = () => undefined,
): TimeZone {
  return zoneOfOffset(event.start) ?? zoneOfCity(event.city) ?? 'WIB';
}

/** A `zoneOfCity` for {@link eventTimeZone} that asks a place resolver (a city it finds exactly once). */
export function zoneOfCityWith(
  resolve: (text: string) => PlaceResolution,
): (city: string) => TimeZone | undefined {
  return (city) => {
    const found = resolve(city);
    return found.status === 'found' ? found.place.timeZone : undefined;
  };
}
