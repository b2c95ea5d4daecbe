/**
 * How an event reads in chat: title (sample events always tagged), date and time in the event's
 * own zone (WIB/WITA/WIT), venue with distance, address and a map link. Wording comes from the
 * `events` locale namespace; dates and numbers from the user's locale (`id-ID` / `en-GB`).
 */
import type { Translate } from '../../engine/dialog.js';
import type { Locale } from '../../engine/types.js';
import type { Event } from '../../content/events/model.js';
import { TIME_ZONES, type TimeZone } from '../../content/geo/data.js';
import { googleMapsLink } from '../../content/geo/map-link.js';
import { SAMPLE_TAG } from '../../content/events/seed.js';
import { dateTimeFormat, numberFormat } from '../../content/intl.js';

const INTL_LOCALE: Readonly<Record<Locale, string>> = { id: 'id-ID', en: 'en-GB' };

/** What formatting needs from the turn. */
export interface FormatContext {
  t: Translate;
  locale: Locale;
  now: Date;
}

/** A title that says "sample" ({@link SAMPLE_TAG}) when the event is one, whatever its file wrote. */
export function displayTitle(event: Pick<Event, 'title' | 'sample'>): string {
  if (!event.sample || event.title.startsWith(SAMPLE_TAG)) return event.title;
  return `${SAMPLE_TAG} ${event.title}`;
}

/** `2,3 km` (id) / `2.3 km` (en): one decimal. */
export function formatDistance(km: number, locale: Locale): string {
  const number = numberFormat(INTL_LOCALE[locale], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(km);
  return `${number} km`;
}

function dateIn(date: Date, zone: TimeZone, locale: Locale): string {
  return dateTimeFormat(INTL_LOCALE[locale], {
    timeZone: TIME_ZONES[zone].iana,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
}

function clockIn(date: Date, zone: TimeZone, locale: Locale): string {
  return dateTimeFormat(INTL_LOCALE[locale], {
    timeZone: TIME_ZONES[zone].iana,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** `Sab, 16 Jan 2027, 08.00–12.00 WIB`, or both dates when the event spans several days. */
export function formatWhen(event: Pick<Event, 'start' | 'end'>, zone: TimeZone, ctx: FormatContext): string {
  const start = new Date(event.start);
  const end = new Date(event.end);
  const vars = {
    date: dateIn(start, zone, ctx.locale),
    start: clockIn(start, zone, ctx.locale),
    endDate: dateIn(end, zone, ctx.locale),
    end: clockIn(end, zone, ctx.locale),
    zone,
  };
  return vars.date === vars.endDate ? ctx.t('events:when_same_day', vars) : ctx.t('events:when_days', vars);
}

/** One result as a chat paragraph. */
export function formatEvent(
  event: Event & { distanceKm: number },
  position: number,
  zone: TimeZone,
  ctx: FormatContext,
): string {
  const ongoing = Date.parse(event.start) <= ctx.now.getTime() ? ctx.t('events:ongoing') : '';
  return ctx.t('events:item', {
    n: position,
    title: displayTitle(event),
    when: formatWhen(event, zone, ctx),
    ongoing,
    venue: event.venue,
    distance: formatDistance(event.distanceKm, ctx.locale),
    address: event.address,
    link: googleMapsLink(event.lat, event.lon),
  });
}
