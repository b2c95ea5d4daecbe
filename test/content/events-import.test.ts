import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/content/events/csv.js';
import {
  parseEvents,
  parseEventsFile,
  SAMPLE_EVENTS_FILE,
  validateEvents,
} from '../../src/content/events/import.js';
import { EVENT_FIELDS, type Event } from '../../src/content/events/model.js';
import { TIME_ZONES } from '../../src/content/geo/data.js';
import { resolvePlace } from '../../src/content/geo/gazetteer.js';

const HEADER = EVENT_FIELDS.join(',');

/** A valid CSV data line; `over` replaces cells by column name. */
function csvRow(over: Partial<Record<(typeof EVENT_FIELDS)[number], string>> = {}): string {
  const base: Record<(typeof EVENT_FIELDS)[number], string> = {
    id: 'ev-1',
    type: 'sosialisasi',
    title: 'Sosialisasi BPU',
    venue: 'Balai Warga',
    address: '"Jl. Contoh No. 1, RT 01/RW 02"',
    city: 'Kota Jakarta Utara',
    lat: '-6.1267',
    lon: '106.7824',
    start: '2027-01-16T08:00:00+07:00',
    end: '2027-01-16T12:00:00+07:00',
    organizer: '',
    description: '',
    capacity: '',
    registration_url: '',
    sample: '',
  };
  return EVENT_FIELDS.map((field) => over[field] ?? base[field]).join(',');
}

const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

const validEvent: Event = {
  id: 'ev-1',
  type: 'vaksinasi',
  title: 'Vaksinasi',
  venue: 'Mall',
  address: 'Jl. A',
  city: 'Kota Jakarta Selatan',
  lat: -6.3,
  lon: 106.8,
  start: '2027-01-16T08:00:00+07:00',
  end: '2027-01-16T12:00:00+07:00',
};

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = '\uFEFFa,b,c\r\n1,"two, ""2""","three\nlines\r\nhere"\n\n4,,6';
    const { records, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'two, "2"', 'three\nlines\r\nhere'], line: 2 },
      { fields: ['4', '', '6'], line: 6 },
    ]);
  });

  it('keeps a trailing empty field and an empty quoted field', () => {
    expect(parseCsv('a,\n"",b').records.map((r) => r.fields)).toEqual([
      ['a', ''],
      ['', 'b'],
    ]);
  });

  it('reports malformed quoting by line', () => {
    expect(parseCsv('a,b\n1,"open\n2,3').errors).toEqual(['line 2: quoted field is never closed']);
    expect(parseCsv('a,b\n1,"x"y\n').errors).toEqual(['line 2: unexpected text after a closing quote']);
    expect(parseCsv('a,b\n1,x"y\n').errors).toEqual([
      'line 2: quote inside an unquoted field (quote the whole field)',
    ]);
  });
});

describe('parseEvents (CSV)', () => {
  it('imports valid rows, converting numbers, booleans and empty cells', () => {
    const result = parseEvents(
      'events.csv',
      csv(
        csvRow(),
        csvRow({
          id: 'ev-2',
          type: 'vaksinasi',
          description: '"Baris satu,\nbaris dua"',
          capacity: '200',
          registration_url: 'https://example.org/daftar',
          sample: 'true',
        }),
      ),
    );
    expect(result).toEqual({
      ok: true,
      events: [
        {
          id: 'ev-1',
          type: 'sosialisasi',
          title: 'Sosialisasi BPU',
          venue: 'Balai Warga',
          address: 'Jl. Contoh No. 1, RT 01/RW 02',
          city: 'Kota Jakarta Utara',
          lat: -6.1267,
          lon: 106.7824,
          start: '2027-01-16T08:00:00+07:00',
          end: '2027-01-16T12:00:00+07:00',
        },
        expect.objectContaining({
          id: 'ev-2',
          description: 'Baris satu,\nbaris dua',
          capacity: 200,
          sample: true,
        }),
      ],
    });
  });

  it('accepts columns in any order and leaves out optional ones', () => {
    const text =
      'lon,lat,id,type,title,venue,address,city,start,end\n106.8,-6.2,a,layanan,T,V,A,C,2027-01-01T09:00+07:00,2027-01-01T10:00Z\n';
    const result = parseEvents('x.CSV', text);
    expect(result.ok).toBe(true);
  });

  it('rejects bad rows, lists every problem and imports nothing', () => {
    const result = parseEvents(
      'events.csv',
      csv(
        csvRow({ id: 'a' }),
        csvRow({ id: 'b' }),
        csvRow({ id: 'c', lat: '-95.5' }),
        csvRow({ id: 'd', end: '2027-01-16T07:00:00+07:00' }),
        csvRow({ id: 'b' }),
        csvRow({ id: 'f', start: '2027-01-16T08:00:00' }),
        csvRow({ id: 'g', type: 'konser' }),
        csvRow({ id: 'h', lon: 'abc', capacity: '0', registration_url: 'ftp://x', sample: 'mungkin' }),
        csvRow({ id: '', title: '' }),
      ),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        'row 3, field lat: must be between -12 and 7 (Indonesia)',
        'row 4, field end: must be after start',
        'row 5, field id: duplicate of row 2',
        'row 6, field start: must be an ISO 8601 date-time with a UTC offset, e.g. 2027-01-15T09:00:00+07:00',
        'row 7, field type: must be one of vaksinasi, sosialisasi, layanan',
        'row 8, field lon: must be a number',
        'row 8, field capacity: must be greater than 0',
        'row 8, field registration_url: must be an http(s) URL',
        'row 8, field sample: must be true or false',
        'row 9, field id: is required',
        'row 9, field title: is required',
      ],
    });
  });

  it('checks the header and the number of fields per row', () => {
    expect(parseEvents('e.csv', 'id,type,title,colour\n')).toEqual({
      ok: false,
      problems: [
        'header: unknown column "colour"',
        'header: missing column "venue"',
        'header: missing column "address"',
        'header: missing column "city"',
        'header: missing column "lat"',
        'header: missing column "lon"',
        'header: missing column "start"',
        'header: missing column "end"',
      ],
    });
    expect(parseEvents('e.csv', csv(csvRow(), 'x,y'))).toEqual({
      ok: false,
      problems: ['row 2: expected 15 fields, found 2 (line 3)'],
    });
    expect(parseEvents('e.csv', '')).toEqual({
      ok: false,
      problems: ['file: empty; expected a header line naming the columns'],
    });
  });

  it('reports CSV syntax errors by line', () => {
    expect(parseEvents('e.csv', `${csv(csvRow(), csvRow({ id: 'ev-2' }))}ev-3,"never closed\n`)).toEqual({
      ok: false,
      problems: ['line 4: quoted field is never closed'],
    });
  });
});

describe('parseEvents (JSON)', () => {
  it('imports an array of events', () => {
    expect(parseEvents('e.json', JSON.stringify([validEvent]))).toEqual({ ok: true, events: [validEvent] });
  });

  it('lists every problem, including unknown fields and non-objects', () => {
    const rows = [
      validEvent,
      { ...validEvent, id: 'x', lat: 91, colour: 'red' },
      'not an event',
      { ...validEvent, lat: '-6.2' },
    ];
    expect(parseEvents('e.json', JSON.stringify(rows))).toEqual({
      ok: false,
      problems: [
        'row 2, field lat: must be between -12 and 7 (Indonesia)',
        'row 2, field colour: unknown field',
        'row 3: must be an object with the event fields',
        'row 4, field id: duplicate of row 1',
        'row 4, field lat: must be a number',
      ],
    });
  });

  it('rejects invalid JSON, non-arrays and unknown file types', () => {
    expect(parseEvents('e.json', '[{')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^file: invalid JSON/)],
    });
    expect(parseEvents('e.json', '{}')).toEqual({
      ok: false,
      problems: ['file: expected a JSON array of events'],
    });
    expect(parseEvents('e.txt', '[]')).toEqual({
      ok: false,
      problems: ['file: unsupported file type "e.txt" (expected .csv or .json)'],
    });
  });

  it('validates already-parsed events', () => {
    expect(validateEvents([validEvent, validEvent])).toEqual({
      ok: false,
      problems: ['row 2, field id: duplicate of row 1'],
    });
  });
});

describe('parseEventsFile', () => {
  it('reads a path or a name with content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-events-'));
    const path = join(dir, 'events.csv');
    writeFileSync(path, csv(csvRow()));
    expect(await parseEventsFile(path)).toMatchObject({ ok: true, events: [{ id: 'ev-1' }] });
    expect(await parseEventsFile({ name: 'upload.json', content: '[]' })).toEqual({ ok: true, events: [] });
    expect(await parseEventsFile(join(dir, 'missing.csv'))).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^file: cannot read/)],
    });
  });
});

describe('sample events file', async () => {
  const result = await parseEventsFile(SAMPLE_EVENTS_FILE);
  const events = result.ok ? result.events : [];

  it('is valid', () => {
    expect(result).toMatchObject({ ok: true });
    expect(events.length).toBeGreaterThanOrEqual(25);
  });

  it('has the historical seed events with their real dates', () => {
    const belpark = events.find((e) => e.venue === 'One Belpark Mall');
    expect(belpark).toMatchObject({
      type: 'vaksinasi',
      start: '2021-09-04T08:00:00+07:00',
      end: '2021-09-04T15:00:00+07:00',
    });
    expect(belpark?.title).toContain('Vaksinasi Bersama BPJAMSOSTEK');
    expect(events.find((e) => e.venue.includes('Rusunawa IV Penjaringan'))?.description).toContain(
      'HUT DKI Jakarta ke-496',
    );
    expect(events.find((e) => e.venue === 'Polresta Yogyakarta')?.start.startsWith('2023-03-21')).toBe(true);
    for (const city of ['Kota Pontianak', 'Kota Tangerang Selatan', 'Kabupaten Tangerang']) {
      expect(events.some((e) => e.city === city && e.start.startsWith('2021-09'))).toBe(true);
    }
    expect(
      events.filter((e) => !e.sample).every((e) => Date.parse(e.end) < Date.parse('2026-11-21T00:00:00Z')),
    ).toBe(true);
  });

  it('labels every sample event, dates it in 2027 and covers all types and time zones', () => {
    const samples = events.filter((e) => e.sample === true);
    expect(samples.length).toBeGreaterThanOrEqual(20);
    for (const event of samples) {
      expect(event.title.startsWith('[Contoh] ')).toBe(true);
      expect(event.start.startsWith('2027-')).toBe(true);
    }
    expect(new Set(samples.map((e) => e.type))).toEqual(new Set(['vaksinasi', 'sosialisasi', 'layanan']));
    expect(new Set(samples.map((e) => e.start.slice(-6)))).toEqual(new Set(['+07:00', '+08:00', '+09:00']));
    expect(events.filter((e) => e.title.startsWith('[Contoh]')).every((e) => e.sample === true)).toBe(true);
  });

  it('names cities the gazetteer knows, with offsets of their time zone, inside their area', () => {
    for (const event of events) {
      const place = resolvePlace(event.city);
      expect(place.status, event.city).toBe('found');
      if (place.status !== 'found') continue;
      expect(place.place.name, event.id).toBe(event.city);
      expect(event.start.slice(-6), event.id).toBe(TIME_ZONES[place.place.timeZone].offset);
      expect(
        Math.abs(place.place.lat - event.lat) + Math.abs(place.place.lon - event.lon),
        event.id,
      ).toBeLessThan(1);
    }
  });
});
