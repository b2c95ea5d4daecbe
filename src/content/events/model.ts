/**
 * The event model: vaccination drives, socialisation sessions and mobile service points that the
 * bot can point a user to. Times are ISO 8601 with an explicit UTC offset (`+07:00` WIB, `+08:00`
 * WITA, `+09:00` WIT, or `Z`), so an event file means the same instant wherever it is read.
 */
import { z } from 'zod';

/** An error message for a wrong value that says "is required" when the value is missing. */
function requiredOr(message: string): (issue: { input?: unknown }) => string {
  return (issue) => (issue.input === undefined ? 'is required' : message);
}

/** Kinds of event: vaccination, socialisation (sosialisasi) and service points (layanan). */
export const EventType = z.enum(['vaksinasi', 'sosialisasi', 'layanan'], {
  error: requiredOr('must be one of vaksinasi, sosialisasi, layanan'),
});
/** A kind of event. */
export type EventType = z.infer<typeof EventType>;

const dateTimeWithSeconds = z.iso.datetime({ offset: true });
const dateTimeWithMinutes = z.iso.datetime({ offset: true, precision: -1 });

/** True for an ISO 8601 date-time with a UTC offset (`2027-01-15T09:00+07:00`, `...:00Z`, `...:00.5+08:00`). */
export function isDateTimeWithOffset(value: string): boolean {
  return dateTimeWithSeconds.safeParse(value).success || dateTimeWithMinutes.safeParse(value).success;
}

const dateTime = z
  .string({ error: requiredOr('must be text') })
  .refine(
    isDateTimeWithOffset,
    'must be an ISO 8601 date-time with a UTC offset, e.g. 2027-01-15T09:00:00+07:00',
  );

const text = (max: number) =>
  z
    .string({ error: requiredOr('must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/**
 * Where the agency's events can be: Indonesia's extent with a margin (about 6°N to 11°S, 95°E to
 * 141°E). Anything outside is a typo (swapped latitude and longitude, a lost minus sign).
 */
export const EVENT_BOUNDS = { lat: { min: -12, max: 7 }, lon: { min: 94, max: 142 } } as const;

const coordinate = (bounds: { min: number; max: number }) =>
  z
    .number({ error: requiredOr('must be a number') })
    .min(bounds.min, `must be between ${bounds.min} and ${bounds.max} (Indonesia)`)
    .max(bounds.max, `must be between ${bounds.min} and ${bounds.max} (Indonesia)`)
    // -0 becomes 0, as after a JSON round trip (Redis, the data file): every store returns the same.
    .transform((value) => (value === 0 ? 0 : value));

/** Fields an event must have, in the order of the CSV header. */
const REQUIRED_FIELDS = [
  'id',
  'type',
  'title',
  'venue',
  'address',
  'city',
  'lat',
  'lon',
  'start',
  'end',
] as const;

/** Field names of an {@link Event}, in the order of the CSV header: the required ones, then the optional. */
export const EVENT_FIELDS = [
  ...REQUIRED_FIELDS,
  'organizer',
  'description',
  'capacity',
  'registration_url',
  'sample',
] as const;
/** One field name of an {@link Event}. */
export type EventField = (typeof EVENT_FIELDS)[number];

/** Fields an event must have. */
export const REQUIRED_EVENT_FIELDS: readonly EventField[] = REQUIRED_FIELDS;

/** One event. Unknown fields are rejected; `end` must be after `start`. */
export const Event = z
  .object({
    /** Stable id (letters, digits, `.`, `_`, `-`, `:`), unique within the store: importing it again replaces the event. */
    id: text(100).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must be letters, digits, ".", "_", "-" or ":"'),
    type: EventType,
    title: text(200),
    /** Where it takes place, e.g. `One Belpark Mall`. */
    venue: text(200),
    address: text(500),
    /** Regency or city as the gazetteer names it, e.g. `Kota Jakarta Selatan`. */
    city: text(100),
    /** Venue latitude, WGS84 degrees. */
    lat: coordinate(EVENT_BOUNDS.lat),
    /** Venue longitude, WGS84 degrees. */
    lon: coordinate(EVENT_BOUNDS.lon),
    /** Start, ISO 8601 with offset. */
    start: dateTime,
    /** End, ISO 8601 with offset; after `start`. */
    end: dateTime,
    organizer: text(200).optional(),
    description: text(2000).optional(),
    capacity: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .positive('must be greater than 0')
      .optional(),
    registration_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** True for the clearly labelled sample events shipped with the project (not real schedules). */
    sample: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict()
  .refine((event) => Date.parse(event.end) > Date.parse(event.start), {
    path: ['end'],
    message: 'must be after start',
    // Also report it when other fields are wrong, as long as both times themselves are valid.
    when: (payload) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      payload.issues.every((issue) => issue.path?.[0] !== 'start' && issue.path?.[0] !== 'end'),
  });
/** One event. */
export type Event = z.infer<typeof Event>;

/** Start and end of an event as epoch milliseconds. */
export function eventTimes(event: Pick<Event, 'start' | 'end'>): { startMs: number; endMs: number } {
  return { startMs: Date.parse(event.start), endMs: Date.parse(event.end) };
}
