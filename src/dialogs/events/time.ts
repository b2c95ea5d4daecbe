/**
 * Which instants a time filter ("hari ini", "minggu ini") covers for a user in a given Indonesian
 * time zone. Pure; Indonesian zones have no daylight saving, so offsets are fixed.
 */
import { TIME_ZONES, type TimeZone } from '../../content/geo/data.js';
import type { TimeFilter } from './query.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Hours ahead of UTC. */
export function offsetHours(zone: TimeZone): number {
  return Number(TIME_ZONES[zone].offset.slice(0, 3));
}

/** The instants a time filter covers: events still running at `from` and starting before `to`. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/**
 * The window of a time filter for a user in `zone` at `now`: `today` until local midnight,
 * `tomorrow` the next local day, `week` until the end of Sunday (weeks start on Monday, as in
 * Indonesia), `month` until the end of the month.
 */
export function timeWindow(filter: TimeFilter, now: Date, zone: TimeZone): TimeWindow {
  const shift = offsetHours(zone) * HOUR_MS;
  const local = new Date(now.getTime() + shift);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - shift;
  switch (filter) {
    case 'today':
      return { from: now, to: new Date(midnight + DAY_MS) };
    case 'tomorrow':
      return { from: new Date(midnight + DAY_MS), to: new Date(midnight + 2 * DAY_MS) };
    case 'week': {
      const daysToMonday = (8 - local.getUTCDay()) % 7 || 7;
      return { from: now, to: new Date(midnight + daysToMonday * DAY_MS) };
    }
    case 'month':
      return {
        from: now,
        to: new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) - shift),
      };
  }
}
