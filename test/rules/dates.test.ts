import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  addMonthsRollForward,
  addWorkingDays,
  ageOn,
  diffDays,
  isIsoDate,
  localDate,
  parseDate,
} from '../../src/rules/dates.js';

const NOW = new Date('2026-11-20T03:00:00Z'); // Friday 2026-11-20, 10:00 WIB

describe('parseDate', () => {
  it.each<[string, string]>([
    ['12-03-2024', '2024-03-12'],
    ['12/3/2024', '2024-03-12'],
    ['12.03.2024', '2024-03-12'],
    ['12 03 2024', '2024-03-12'],
    ['12 maret 2024', '2024-03-12'],
    ['12 Maret 2024', '2024-03-12'],
    ['12-mar-2024', '2024-03-12'],
    ['12 agt 2024', '2024-08-12'],
    ['1 nop 2024', '2024-11-01'],
    ['Senin, 12 Maret 2024', '2024-03-12'],
    ['tgl 5 nov 2026', '2026-11-05'],
    ['2024-03-12', '2024-03-12'],
    ['2024/3/12', '2024-03-12'],
    ['12032024', '2024-03-12'],
    ['20240312', '2024-03-12'],
    ['March 12, 2024', '2024-03-12'],
    ['march 12 2024', '2024-03-12'],
    ['12th March 2024', '2024-03-12'],
    ['hari ini', '2026-11-20'],
    ['kemarin', '2026-11-19'],
    ['kmrn', '2026-11-19'],
    ['kemarin lusa', '2026-11-18'],
    ['besok', '2026-11-21'],
    ['3 hari lalu', '2026-11-17'],
    ['3 hari yang lalu', '2026-11-17'],
    ['2 minggu lalu', '2026-11-06'],
    ['seminggu lalu', '2026-11-13'],
    ['dua minggu yang lalu', '2026-11-06'],
    ['3 days ago', '2026-11-17'],
  ])('reads %j as %s', (text, date) => {
    expect(parseDate(text, NOW)).toMatchObject({ ok: true, date });
  });

  it('completes two-digit years in the past by default', () => {
    expect(parseDate('12 mar 24', NOW)).toEqual({ ok: true, date: '2024-03-12', inferred: 'century' });
    expect(parseDate('12-03-90', NOW)).toEqual({ ok: true, date: '1990-03-12', inferred: 'century' });
    expect(parseDate('21-11-26', NOW)).toEqual({ ok: true, date: '1926-11-21', inferred: 'century' });
    expect(parseDate('21-11-26', NOW, { complete: 'nearest' })).toMatchObject({ date: '2026-11-21' });
  });

  it('completes a missing year with the latest past occurrence', () => {
    expect(parseDate('12 maret', NOW)).toEqual({ ok: true, date: '2026-03-12', inferred: 'year' });
    expect(parseDate('25 desember', NOW)).toEqual({ ok: true, date: '2025-12-25', inferred: 'year' });
    expect(parseDate('29 feb', NOW)).toEqual({ ok: true, date: '2024-02-29', inferred: 'year' });
  });

  it('uses the time zone for relative dates', () => {
    const lateUtc = new Date('2026-11-19T23:30:00Z'); // 2026-11-20 in WIB/WITA/WIT
    expect(parseDate('hari ini', lateUtc)).toMatchObject({ date: '2026-11-20' });
    const evening = new Date('2026-11-19T15:30:00Z'); // 22:30 WIB, 00:30 WIT next day
    expect(parseDate('hari ini', evening)).toMatchObject({ date: '2026-11-19' });
    expect(parseDate('hari ini', evening, { zone: 'WIT' })).toMatchObject({ date: '2026-11-20' });
  });

  it('asks for an exact date for vague references', () => {
    for (const s of [
      'bulan lalu',
      'bln kmrn',
      'minggu lalu',
      'tahun lalu',
      'maret 2024',
      'bulan maret',
      '03/2024',
      '2024',
      'awal bulan',
      'akhir tahun lalu',
    ]) {
      expect(parseDate(s, NOW), s).toEqual({ ok: false, reason: 'need_exact_date' });
    }
  });

  it('rejects dates that do not exist', () => {
    for (const s of [
      '31-02-2024',
      '29-02-2023',
      '12-13-2024',
      '3/25/2024',
      '00-01-2024',
      '1 januari 1850',
      '12-03-2204',
      '32 maret 2024',
      '99999999',
    ]) {
      expect(parseDate(s, NOW), s).toEqual({ ok: false, reason: 'invalid_date' });
    }
  });

  it('rejects empty and unrecognised text', () => {
    expect(parseDate('', NOW)).toEqual({ ok: false, reason: 'empty' });
    expect(parseDate('  ', NOW)).toEqual({ ok: false, reason: 'empty' });
    expect(parseDate('blah', NOW)).toEqual({ ok: false, reason: 'unrecognized' });
    expect(parseDate('pokoknya dulu', NOW)).toEqual({ ok: false, reason: 'unrecognized' });
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(typeof parseDate(s, NOW).ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 ./-]{0,14}$/), fc.date({ noInvalidDate: false }), (s, now) => {
        parseDate(s, now);
      }),
    );
  });

  it('round-trips ISO dates', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(parseDate(iso, NOW)).toEqual({ ok: true, date: iso });
          const [y, m, day] = iso.split('-');
          expect(parseDate(`${day}/${m}/${y}`, NOW)).toEqual({ ok: true, date: iso });
        },
      ),
    );
  });
});

describe('date arithmetic', () => {
  it('gives the local date in each zone', () => {
    const t = new Date('2026-11-19T16:30:00Z');
    expect(localDate(t)).toBe('2026-11-19'); // 23:30 WIB
    expect(localDate(t, 'WITA')).toBe('2026-11-20');
    expect(localDate(t, 'WIT')).toBe('2026-11-20');
    expect(() => localDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('adds months clamped or rolled forward', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-15', -3)).toBe('2025-12-15');
    expect(addMonthsRollForward('2026-01-31', 1)).toBe('2026-03-01');
    expect(addMonthsRollForward('2026-11-30', 3)).toBe('2027-03-01');
    expect(addMonthsRollForward('2026-12-31', 1)).toBe('2027-01-31');
    expect(() => addMonthsClamped('2026-02-30', 1)).toThrow(RangeError);
  });

  it('adds days and working days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(diffDays('2026-01-01', '2026-12-31')).toBe(364);
    expect(addWorkingDays('2026-11-20', 5)).toBe('2026-11-27'); // Fri + 5 working days = next Fri
    expect(addWorkingDays('2026-11-21', 1)).toBe('2026-11-23'); // Sat → Mon
    expect(addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
  });

  it('computes ages', () => {
    expect(ageOn('1970-11-20', '2026-11-20')).toBe(56);
    expect(ageOn('1970-11-21', '2026-11-20')).toBe(55);
    expect(ageOn('2000-02-29', '2027-02-28')).toBe(26);
    expect(ageOn('2000-02-29', '2027-03-01')).toBe(27);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});
