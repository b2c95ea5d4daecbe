/**
 * Office hours (parsing, open/closed, next opening in Jakarta and in a zone with daylight saving),
 * the wait estimate, and the reopening wording.
 */
import { describe, expect, it } from 'vitest';
import { OfficeHoursError, OfficeSchedule, parseOfficeHours } from '../../src/handoff/office-hours.js';
import { estimateWait } from '../../src/handoff/estimate.js';
import { describeHours, describeOpening } from '../../src/handoff/wording.js';
import { createTranslator } from '../../src/engine/i18n.js';
import { loadConfig, ConfigError } from '../../src/config.js';

const jakarta = OfficeSchedule.parse('Mon-Fri 08:00-17:00', 'Asia/Jakarta');
const at = (iso: string) => new Date(iso);

describe('office hours', () => {
  it('parses days, ranges, lists and several openings', () => {
    expect(parseOfficeHours('Mon-Fri 08:00-17:00')).toEqual({
      always: false,
      segments: [{ days: [1, 2, 3, 4, 5], start: 480, end: 1020 }],
    });
    expect(parseOfficeHours('mon,wed 9.00-12:30; Sat 08:00-12:00').segments).toEqual([
      { days: [1, 3], start: 540, end: 750 },
      { days: [6], start: 480, end: 720 },
    ]);
    expect(parseOfficeHours('Sat-Mon 10:00-11:00').segments[0]?.days).toEqual([0, 1, 6]);
    expect(parseOfficeHours('always').always).toBe(true);
    expect(parseOfficeHours('24/7').always).toBe(true);
  });

  it('rejects malformed hours with a readable reason, also at configuration time', () => {
    expect(() => parseOfficeHours('Mon-Fri')).toThrow(OfficeHoursError);
    expect(() => parseOfficeHours('Funday 08:00-17:00')).toThrow(/unknown day "Funday"/);
    expect(() => parseOfficeHours('Mon 17:00-08:00')).toThrow(/closes before it opens/);
    expect(() => parseOfficeHours('Mon 25:00-26:00')).toThrow(/bad time/);
    expect(() => OfficeSchedule.parse('always', 'Mars/Olympus')).toThrow(/unknown time zone/);
    expect(() => loadConfig({ OFFICE_HOURS: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ OFFICE_TIMEZONE: 'Nowhere/City' })).toThrow(/OFFICE_TIMEZONE/);
    expect(loadConfig({}).OFFICE_HOURS).toBe('Mon-Fri 08:00-17:00');
  });

  it('is open on weekdays 08:00-17:00 Jakarta time (UTC+7)', () => {
    expect(jakarta.isOpen(at('2026-11-23T01:00:00Z'))).toBe(true); // Mon 08:00 WIB
    expect(jakarta.isOpen(at('2026-11-23T00:59:00Z'))).toBe(false); // Mon 07:59
    expect(jakarta.isOpen(at('2026-11-23T09:59:00Z'))).toBe(true); // Mon 16:59
    expect(jakarta.isOpen(at('2026-11-23T10:00:00Z'))).toBe(false); // Mon 17:00
    expect(jakarta.isOpen(at('2026-11-21T03:00:00Z'))).toBe(false); // Sat 10:00
    expect(jakarta.isOpen(at('2026-11-22T18:00:00Z'))).toBe(false); // Mon 01:00 WIB
  });

  it('finds the next opening: tonight → tomorrow 08:00, Friday evening → Monday 08:00', () => {
    const open = at('2026-11-23T05:00:00Z');
    expect(jakarta.openFrom(open)).toBe(open);
    expect(jakarta.openFrom(at('2026-11-23T12:00:00Z')).toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(jakarta.openFrom(at('2026-11-27T10:30:00Z')).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(jakarta.openFrom(at('2026-11-22T23:00:00Z')).toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });

  it('follows daylight saving in zones that have it', () => {
    const berlin = OfficeSchedule.parse('Mon-Fri 09:00-17:00', 'Europe/Berlin');
    // Sunday 29 March 2026 is the switch to summer time (UTC+2): Monday 09:00 is 07:00Z.
    expect(berlin.openFrom(at('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(berlin.openFrom(at('2026-01-10T12:00:00Z')).toISOString()).toBe('2026-01-12T08:00:00.000Z');
  });

  it('describes hours and reopening in the user’s language', () => {
    const translator = createTranslator();
    const monday = jakarta.openFrom(at('2026-11-21T03:00:00Z'));
    expect(describeHours(jakarta, translator.translate('id'), 'id', monday)).toBe(
      'Senin–Jumat 08.00–17.00 WIB',
    );
    expect(describeOpening(jakarta, monday, translator.translate('id'), 'id')).toBe('Senin, 08.00 WIB');
    expect(describeOpening(jakarta, monday, translator.translate('en'), 'en')).toBe('Monday, 08:00 WIB');
    const two = OfficeSchedule.parse('Mon,Wed 08:00-12:00', 'Asia/Makassar');
    expect(describeHours(two, translator.translate('en'), 'en', monday)).toBe(
      'Monday, Wednesday 08:00–12:00 WITA',
    );
  });
});

describe('wait estimate', () => {
  const now = at('2026-11-23T03:00:00Z');
  const sample = (minutes: number, daysAgo = 0) => ({
    ms: minutes * 60_000,
    at: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
  });

  it('is the median of recent measured waits, rounded up to a minute', () => {
    expect(estimateWait([sample(2), sample(10), sample(3)], now)).toEqual({ minutes: 3, samples: 3 });
    expect(estimateWait([sample(2), sample(5)], now)).toEqual({ minutes: 4, samples: 2 });
    expect(estimateWait([{ ms: 5_000, at: now.toISOString() }], now)).toEqual({ minutes: 1, samples: 1 });
  });

  it('says nothing without recent data', () => {
    expect(estimateWait([], now)).toBeUndefined();
    expect(estimateWait([sample(5, 8)], now)).toBeUndefined();
  });
});
