/**
 * The events part of `tanya content check`: the shipped file passes; sample events must say so and
 * times must be written in the zone of the event's city.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventsFile } from '../../src/content/events/check.js';

function fileWith(events: unknown[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tanya-events-check-')), 'events.json');
  writeFileSync(path, JSON.stringify(events));
  return path;
}

const base = {
  type: 'sosialisasi',
  venue: 'Balai',
  address: 'Jl. A',
  lat: -5.14,
  lon: 119.41,
  start: '2027-02-01T09:00:00+08:00',
  end: '2027-02-01T12:00:00+08:00',
};

describe('checkEventsFile', () => {
  it('passes the shipped sample file', () => {
    expect(checkEventsFile()).toEqual([]);
  });

  it('names untagged samples, times in the wrong zone, unknown cities and invalid rows', () => {
    const problems = checkEventsFile(
      fileWith([
        { ...base, id: 'a', title: 'Sosialisasi', city: 'Kota Makassar', sample: true },
        { ...base, id: 'b', title: 'Sosialisasi', city: 'Kota Makassar', start: '2027-02-01T09:00:00+07:00' },
        { ...base, id: 'c', title: 'Sosialisasi', city: 'Kota Atlantis' },
      ]),
    ).map((problem) => problem.replace(/^.*events\.json: /, ''));
    expect(problems).toEqual([
      'row 1, field title: a sample event\'s title must start with "[Contoh]"',
      'row 2, field start: must use the WITA offset of Kota Makassar',
      'row 3, field city: "Kota Atlantis" is not a known regency or city',
    ]);
    expect(checkEventsFile(fileWith([{ ...base, id: 'x' }]))[0]).toMatch(/row 1, field title: is required/);
  });
});
