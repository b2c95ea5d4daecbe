/**
 * Localised wording of office hours and reopening times ("Senin–Jumat 08.00–17.00 WIB",
 * "Senin, 08.00 WIB"), from the `handoff` locale namespace.
 */
import type { Translate } from '../engine/dialog.js';
import type { Locale } from '../engine/types.js';
import { clockText, localTime, timeZoneLabel, type OfficeSchedule } from './office-hours.js';

function separator(locale: Locale): string {
  return locale === 'id' ? '.' : ':';
}

function dayList(days: readonly number[], t: Translate): string {
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((day, i) => i === 0 || day === (sorted[i - 1] as number) + 1);
  if (sorted.length > 2 && contiguous) {
    return `${t(`handoff:day_${sorted[0]}`)}–${t(`handoff:day_${sorted.at(-1)}`)}`;
  }
  return sorted.map((day) => t(`handoff:day_${day}`)).join(', ');
}

/** The schedule as a sentence fragment, e.g. `Senin–Jumat 08.00–17.00 WIB`. */
export function describeHours(schedule: OfficeSchedule, t: Translate, locale: Locale, at: Date): string {
  if (schedule.spec.always) return t('handoff:hours_always');
  const sep = separator(locale);
  const zone = timeZoneLabel(schedule.timeZone, at);
  return `${schedule.spec.segments
    .map(
      (segment) =>
        `${dayList(segment.days, t)} ${clockText(segment.start, sep)}–${clockText(segment.end, sep)}`,
    )
    .join('; ')} ${zone}`;
}

/** When agents are next back, e.g. `Senin, 08.00 WIB`. */
export function describeOpening(
  schedule: OfficeSchedule,
  opening: Date,
  t: Translate,
  locale: Locale,
): string {
  const local = localTime(opening, schedule.timeZone);
  const time = clockText(local.hour * 60 + local.minute, separator(locale));
  return `${t(`handoff:day_${local.weekday}`)}, ${time} ${timeZoneLabel(schedule.timeZone, opening)}`;
}
