/**
 * Office hours of the human agents (`OFFICE_HOURS`, e.g. `Mon-Fri 08:00-17:00; Sat 08:00-12:00`, or
 * `always`) in a time zone (`OFFICE_TIMEZONE`, default Asia/Jakarta): whether agents are working at a
 * given instant and when they are next back. Pure functions over `Date`s; no system clock.
 */
import { dateTimeFormat } from '../content/intl.js';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** One weekly opening: the days it applies to (0 = Sunday) and minutes after local midnight. */
export interface OfficeSegment {
  readonly days: readonly number[];
  readonly start: number;
  readonly end: number;
}

/** Parsed office hours; `always` means agents are always on duty. */
export interface OfficeHoursSpec {
  readonly always: boolean;
  readonly segments: readonly OfficeSegment[];
}

/** A readable problem with an `OFFICE_HOURS` value. */
export class OfficeHoursError extends Error {
  override readonly name = 'OfficeHoursError';
}

function parseDay(text: string): number {
  const index = DAY_NAMES.indexOf(text.slice(0, 3).toLowerCase() as (typeof DAY_NAMES)[number]);
  if (index < 0 || text.length < 3)
    throw new OfficeHoursError(`unknown day "${text}" (use Mon, Tue, ... Sun)`);
  return index;
}

function parseDays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to] = part.split('-').map((day) => day.trim());
    if (!from) throw new OfficeHoursError(`empty day in "${text}"`);
    const first = parseDay(from);
    const last = to === undefined ? first : parseDay(to);
    for (let day = first; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === last) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function parseTime(text: string): number {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) {
    throw new OfficeHoursError(`bad time "${text}" (use HH:MM)`);
  }
  return hours * 60 + minutes;
}

/** Parses `Mon-Fri 08:00-17:00; Sat 08:00-12:00` or `always`; throws {@link OfficeHoursError}. */
export function parseOfficeHours(spec: string): OfficeHoursSpec {
  const trimmed = spec.trim();
  if (/^(always|24\/7)$/i.test(trimmed)) return { always: true, segments: [] };
  const segments = trimmed
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): OfficeSegment => {
      const match = /^(\S+)\s+(\S+)-(\S+)$/.exec(part);
      if (!match) throw new OfficeHoursError(`"${part}" is not like "Mon-Fri 08:00-17:00"`);
      const start = parseTime(match[2] as string);
      const end = parseTime(match[3] as string);
      if (end <= start) throw new OfficeHoursError(`"${part}" closes before it opens`);
      return { days: parseDays(match[1] as string), start, end };
    });
  if (!segments.length) throw new OfficeHoursError('no opening hours given');
  return { always: false, segments };
}

/** Whether a time zone name is known to this runtime's Intl data. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock parts of an instant in a time zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of `date` in `timeZone`. */
export function localTime(date: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: parseDay(String(parts.weekday)),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

/** The instant at which the wall clock in `timeZone` shows this date and minute of the day. */
function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const local = localTime(new Date(guess), timeZone);
    const shown = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** Office hours in a time zone. */
export class OfficeSchedule {
  constructor(
    readonly spec: OfficeHoursSpec,
    readonly timeZone: string,
  ) {}

  /** Parses `OFFICE_HOURS` for `timeZone`; throws {@link OfficeHoursError}. */
  static parse(spec: string, timeZone: string): OfficeSchedule {
    if (!isValidTimeZone(timeZone)) throw new OfficeHoursError(`unknown time zone "${timeZone}"`);
    return new OfficeSchedule(parseOfficeHours(spec), timeZone);
  }

  /** Whether agents are on duty at `date`. */
  isOpen(date: Date): boolean {
    if (this.spec.always) return true;
    const local = localTime(date, this.timeZone);
    const minute = local.hour * 60 + local.minute;
    return this.spec.segments.some(
      (segment) => segment.days.includes(local.weekday) && minute >= segment.start && minute < segment.end,
    );
  }

  /** `date` itself when open, else the next opening (within the coming 8 days). */
  openFrom(date: Date): Date {
    if (this.isOpen(date)) return date;
    const local = localTime(date, this.timeZone);
    let best: Date | undefined;
    for (let offset = 0; offset <= 8 && !best; offset++) {
      const day = new Date(Date.UTC(local.year, local.month - 1, local.day + offset));
      for (const segment of this.spec.segments) {
        if (!segment.days.includes(day.getUTCDay())) continue;
        const opening = zonedInstant(
          day.getUTCFullYear(),
          day.getUTCMonth() + 1,
          day.getUTCDate(),
          segment.start,
          this.timeZone,
        );
        if (opening > date && (!best || opening < best)) best = opening;
      }
    }
    if (!best) throw new Error('office hours never open');
    return best;
  }
}

/** Short names of Indonesia's time zones; other zones show their UTC offset. */
export function timeZoneLabel(timeZone: string, at: Date): string {
  const known: Record<string, string> = {
    'Asia/Jakarta': 'WIB',
    'Asia/Pontianak': 'WIB',
    'Asia/Makassar': 'WITA',
    'Asia/Jayapura': 'WIT',
  };
  if (known[timeZone]) return known[timeZone];
  const part = dateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** `08.00` (Indonesian) or `08:00` (English). */
export function clockText(minutes: number, separator: string): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}${separator}${String(minutes % 60).padStart(2, '0')}`;
}
