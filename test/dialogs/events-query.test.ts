/**
 * The events dialog's pure helpers: reading a typed question, finding its place, time windows,
 * time zones and chat formatting.
 */
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/engine/i18n.js';
import { eventTimeZone, zoneOfOffset } from '../../src/content/events/zone.js';
import { placeDirectory } from '../../src/content/geo/directory.js';
import { displayTitle, formatDistance, formatWhen } from '../../src/dialogs/events/format.js';
import {
  isEventsQuery,
  parseEventsQuery,
  resolveQueryPlace,
  type QueryPlace,
} from '../../src/dialogs/events/query.js';
import { timeWindow } from '../../src/dialogs/events/time.js';

const places = placeDirectory();
const resolve = (text: string) => places.resolve(text);
const placeOf = (text: string): string => {
  const result: QueryPlace = resolveQueryPlace(text, resolve);
  if (result.status === 'found') return result.place.name;
  if (result.status === 'ambiguous') return result.options.map((place) => place.name).join(' | ');
  return 'unknown';
};

describe('parseEventsQuery', () => {
  it.each([
    ['ada vaksin deket rumah?', { type: 'vaksinasi', nearMe: true, mentionsEvents: true }],
    ['vaksinasi di jaksel minggu ini', { type: 'vaksinasi', when: 'week', placeText: 'jaksel' }],
    [
      'sosialisasi bpu di kab. bogor hari ini',
      { type: 'sosialisasi', when: 'today', placeText: 'kab bogor' },
    ],
    ['penyuluhan di tangsel bulan ini dong', { type: 'sosialisasi', when: 'month', placeText: 'tangsel' }],
    ['layanan keliling besok di solo', { type: 'layanan', when: 'tomorrow', placeText: 'solo' }],
    ['any vaccination events near me this week', { type: 'vaksinasi', when: 'week', nearMe: true }],
    ['lihat lebih banyak', { more: true, mentionsEvents: false }],
    ['acara di kota saya', { mentionsEvents: true, nearMe: true }],
  ])('%s', (text, expected) => {
    expect(parseEventsQuery(text)).toMatchObject(expected);
  });

  it('leaves no place when every word is known', () => {
    expect(parseEventsQuery('acara di kota saya').placeText).toBeUndefined();
    expect(parseEventsQuery('ada vaksin deket rumah?').placeText).toBeUndefined();
  });

  it('keeps words it does not know, in order, as the place', () => {
    expect(parseEventsQuery('acara di Jakarta Selatan, dekat Blok M?').placeText).toBe(
      'jakarta selatan blok m',
    );
  });
});

describe('resolveQueryPlace', () => {
  it('finds aliases, typos, level words and districts', () => {
    expect(placeOf('jaksel')).toBe('Kota Jakarta Selatan');
    expect(placeOf('tangsel')).toBe('Kota Tangerang Selatan');
    expect(placeOf('pontianka')).toBe('Kota Pontianak');
    expect(placeOf('kab bogor')).toBe('Kabupaten Bogor');
    expect(placeOf('kec penjaringan')).toBe('Penjaringan');
    expect(placeOf('tangerang')).toBe('Kota Tangerang | Kabupaten Tangerang | Kota Tangerang Selatan');
  });

  it('finds a place among other words, but only by its exact name', () => {
    expect(placeOf('ojol medan')).toBe('Kota Medan');
    expect(placeOf('kantor kelurahan')).toBe('unknown');
    expect(placeOf('pendaftaran bazar')).toBe('unknown');
  });
});

describe('isEventsQuery', () => {
  it.each([
    ['ada vaksin deket rumah?', true],
    ['vaksinasi di jaksel minggu ini', true],
    ['acara bpjs ketenagakerjaan terdekat', true],
    ['jadwal kegiatan bpjs tk bulan ini', true],
    ['sosialisasi bpu di bandung', true],
    ['Apakah BPJS Ketenagakerjaan mengadakan vaksinasi?', false],
    ['vaksinasi bersama bpjamsostek 2021', false],
    ['ada stand pendaftaran bpu di bazar?', false],
    ['cara klaim jht di jaksel', false],
  ])('%s → %s', (text, expected) => {
    expect(isEventsQuery(text, resolve)).toBe(expected);
  });
});

describe('timeWindow', () => {
  // Wednesday 13 January 2027, 10:00 WIB (03:00 UTC).
  const now = new Date('2027-01-13T03:00:00Z');

  it('ends "hari ini" at local midnight and "besok" a day later', () => {
    expect(timeWindow('today', now, 'WIB')).toEqual({ from: now, to: new Date('2027-01-13T17:00:00Z') });
    expect(timeWindow('today', now, 'WIT')).toEqual({ from: now, to: new Date('2027-01-13T15:00:00Z') });
    expect(timeWindow('tomorrow', now, 'WIB')).toEqual({
      from: new Date('2027-01-13T17:00:00Z'),
      to: new Date('2027-01-14T17:00:00Z'),
    });
  });

  it('ends "minggu ini" after Sunday and "bulan ini" at the end of the month', () => {
    expect(timeWindow('week', now, 'WIB').to).toEqual(new Date('2027-01-17T17:00:00Z'));
    const sunday = new Date('2027-01-17T05:00:00Z');
    expect(timeWindow('week', sunday, 'WIB').to).toEqual(new Date('2027-01-17T17:00:00Z'));
    const monday = new Date('2027-01-17T17:30:00Z');
    expect(timeWindow('week', monday, 'WIB').to).toEqual(new Date('2027-01-24T17:00:00Z'));
    expect(timeWindow('month', now, 'WITA').to).toEqual(new Date('2027-01-31T16:00:00Z'));
  });

  it('reads the local date in the user zone near midnight', () => {
    // 23:30 WIB on Sunday is already Monday 01:30 WIT.
    const late = new Date('2027-01-17T16:30:00Z');
    expect(timeWindow('week', late, 'WIB').to).toEqual(new Date('2027-01-17T17:00:00Z'));
    expect(timeWindow('week', late, 'WIT').to).toEqual(new Date('2027-01-24T15:00:00Z'));
  });
});

describe('event time zones and formatting', () => {
  const translator = createTranslator();
  const id = { t: translator.translate('id'), locale: 'id' as const, now: new Date('2027-01-13T03:00:00Z') };
  const en = { ...id, t: translator.translate('en'), locale: 'en' as const };

  it('takes the zone from the offset, else from the city', () => {
    expect(zoneOfOffset('2027-02-27T08:00:00+08:00')).toBe('WITA');
    expect(zoneOfOffset('2027-02-27T08:00+09:00')).toBe('WIT');
    expect(zoneOfOffset('2027-02-27T01:00:00Z')).toBeUndefined();
    const utc = { start: '2027-02-27T00:00:00Z', city: 'Kota Makassar' };
    expect(eventTimeZone(utc)).toBe('WIB');
    expect(eventTimeZone(utc, (city) => (city === 'Kota Makassar' ? 'WITA' : undefined))).toBe('WITA');
  });

  it('writes dates and times in the event zone, with both dates when it spans days', () => {
    const makassar = { start: '2027-02-27T00:00:00Z', end: '2027-02-27T05:00:00Z' };
    expect(formatWhen(makassar, 'WITA', id)).toBe('Sab, 27 Feb 2027, 08.00–13.00 WITA');
    expect(formatWhen(makassar, 'WITA', en)).toBe('Sat, 27 Feb 2027, 08:00–13:00 WITA');
    const twoDays = { start: '2027-03-01T09:00:00+09:00', end: '2027-03-02T15:00:00+09:00' };
    expect(formatWhen(twoDays, 'WIT', id)).toBe('Sen, 1 Mar 2027 09.00 – Sel, 2 Mar 2027 15.00 WIT');
  });

  it('writes distances with one decimal in the user language', () => {
    expect(formatDistance(2.349, 'id')).toBe('2,3 km');
    expect(formatDistance(1234.56, 'id')).toBe('1.234,6 km');
    expect(formatDistance(0.04, 'en')).toBe('0.0 km');
  });

  it('tags sample events whose title does not say so already', () => {
    expect(displayTitle({ title: 'Sosialisasi BPU', sample: true })).toBe('[Contoh] Sosialisasi BPU');
    expect(displayTitle({ title: '[Contoh] Sosialisasi BPU', sample: true })).toBe(
      '[Contoh] Sosialisasi BPU',
    );
    expect(displayTitle({ title: 'Sosialisasi BPU' })).toBe('Sosialisasi BPU');
  });
});
