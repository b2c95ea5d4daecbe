/**
 * `tanya events import` and `tanya events near` run as real processes, against DATA_DIR and against
 * a private redis-server.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RedisEventStore } from '../../src/store/events.js';
import { allTestEvents } from '../helpers/events.js';
import { useTestRedis } from '../helpers/redis-fixture.js';
import { runTanya } from '../helpers/tanya.js';

/** Runs `tanya ...args` with the given environment, logging nothing (no Redis unless REDIS_URL is given). */
const tanya = (args: string[], env: Record<string, string>) =>
  runTanya(args, '', { LOG_LEVEL: 'silent', ...env });

const tempDir = () => mkdtempSync(join(tmpdir(), 'tanya-events-cli-'));

const HEADER = 'id,type,title,venue,address,city,lat,lon,start,end,sample';
const GOOD_CSV = [
  HEADER,
  'cli-1,sosialisasi,Sosialisasi BPU,Balai Warga,"Jl. Kenanga 1, Cilandak",Kota Jakarta Selatan,-6.29,106.8,2027-02-01T09:00:00+07:00,2027-02-01T12:00:00+07:00,',
  'cli-2,vaksinasi,[Contoh] Vaksinasi,Puskesmas,Jl. Melati 2,Kota Makassar,-5.14,119.41,2027-02-02T08:00:00+08:00,2027-02-02T12:00:00+08:00,ya',
].join('\n');
const BAD_CSV = [
  HEADER,
  'bad-1,sosialisasi,Koordinat salah,Balai,Jl. A,Kota Bogor,-95.5,106.8,2027-02-01T09:00:00+07:00,2027-02-01T12:00:00+07:00,',
  'bad-2,sosialisasi,Selesai sebelum mulai,Balai,Jl. B,Kota Bogor,-6.6,106.8,2027-02-01T12:00:00+07:00,2027-02-01T09:00:00+07:00,',
  'bad-3,konser,Jenis tidak dikenal,Balai,Jl. C,Kota Bogor,-6.6,106.8,2027-02-01T09:00:00+07:00,2027-02-01T12:00:00+07:00,',
  'cli-9,layanan,Baris yang benar,Balai,Jl. D,Kota Bogor,-6.6,106.8,2027-02-01T09:00:00+07:00,2027-02-01T12:00:00+07:00,',
  'cli-9,layanan,Id kembar,Balai,Jl. E,Kota Bogor,-6.6,106.8,2027-02-01T09:00:00+07:00,2027-02-01T12:00:00+07:00,',
].join('\n');
const BAD_PROBLEMS = [
  'row 1, field lat: must be between -12 and 7 (Indonesia)',
  'row 2, field end: must be after start',
  'row 3, field type: must be one of vaksinasi, sosialisasi, layanan',
  'row 5, field id: duplicate of row 4',
];

function writeFile(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('tanya events import (DATA_DIR)', () => {
  it('imports a CSV, and importing it again updates the same events', async () => {
    const dataDir = tempDir();
    const file = writeFile(tempDir(), 'events.csv', GOOD_CSV);
    const first = await tanya(['events', 'import', file], { DATA_DIR: dataDir });
    expect(first).toMatchObject({ code: 0, stdout: 'imported 2 events (2 new, 0 updated)\n' });
    const stored = readFileSync(join(dataDir, 'events.json'), 'utf8');
    expect(JSON.parse(stored).map((event: { id: string }) => event.id)).toEqual(['cli-1', 'cli-2']);

    const again = await tanya(['events', 'import', file], { DATA_DIR: dataDir });
    expect(again).toMatchObject({ code: 0, stdout: 'imported 2 events (0 new, 2 updated)\n' });
    expect(readFileSync(join(dataDir, 'events.json'), 'utf8')).toBe(stored);
  });

  it('rejects a file with bad rows, lists every problem and imports nothing', async () => {
    const dataDir = tempDir();
    const dir = tempDir();
    await tanya(['events', 'import', writeFile(dir, 'good.csv', GOOD_CSV)], { DATA_DIR: dataDir });
    const before = readFileSync(join(dataDir, 'events.json'), 'utf8');

    const bad = await tanya(['events', 'import', writeFile(dir, 'bad.csv', BAD_CSV)], { DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toEqual([...BAD_PROBLEMS, 'nothing imported: 4 problem(s)']);
    expect(readFileSync(join(dataDir, 'events.json'), 'utf8')).toBe(before);
  });

  it('imports a JSON array, and says why a file cannot be read', async () => {
    const dataDir = tempDir();
    const file = writeFile(tempDir(), 'events.json', JSON.stringify(await allTestEvents()));
    const result = await tanya(['events', 'import', file], { DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 0, stdout: 'imported 33 events (33 new, 0 updated)\n' });
    const missing = await tanya(['events', 'import', join(dataDir, 'nope.csv')], { DATA_DIR: dataDir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^file: cannot read /);
    const usage = await tanya(['events', 'import'], { DATA_DIR: dataDir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: tanya events import FILE/);
  });
});

describe('tanya events import (Redis)', () => {
  const redis = useTestRedis();

  it('imports into Redis when REDIS_URL is set: idempotent, all or nothing', async () => {
    const env = { DATA_DIR: tempDir(), REDIS_URL: redis.url, REDIS_PREFIX: 'cli:' };
    const store = new RedisEventStore(redis.client, { prefix: 'cli:' });
    const dir = tempDir();
    const good = writeFile(dir, 'good.csv', GOOD_CSV);

    expect((await tanya(['events', 'import', good], env)).stdout).toBe(
      'imported 2 events (2 new, 0 updated)\n',
    );
    expect((await tanya(['events', 'import', good], env)).stdout).toBe(
      'imported 2 events (0 new, 2 updated)\n',
    );
    expect(await store.count()).toBe(2);
    expect(await store.get('cli-2')).toMatchObject({ title: '[Contoh] Vaksinasi', sample: true, lat: -5.14 });

    const bad = await tanya(['events', 'import', writeFile(dir, 'bad.csv', BAD_CSV)], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(BAD_PROBLEMS.join('\n'));
    expect((await store.all()).map((event) => event.id)).toEqual(['cli-1', 'cli-2']);
  });
});

describe('tanya events near', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir();
    const file = writeFile(tempDir(), 'events.json', JSON.stringify(await allTestEvents()));
    await tanya(['events', 'import', file], { DATA_DIR: dataDir });
  });
  const near = (...args: string[]) => tanya(['events', 'near', '--json', ...args], { DATA_DIR: dataDir });

  it('answers a typed place with one JSON object: the place and the nearest upcoming events', async () => {
    const result = await near('--place', 'jaksel', '--limit', '2', '--now', '2027-01-13T10:00:00+07:00');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.place).toEqual({ name: 'Kota Jakarta Selatan', lat: -6.266, lon: 106.8135 });
    expect(output.events).toHaveLength(2);
    const [first] = output.events;
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining([
        'id',
        'title',
        'type',
        'start',
        'end',
        'venue',
        'address',
        'city',
        'distanceKm',
      ]),
    );
    expect(first).toMatchObject({
      id: 'uji-layanan-minggu-depan',
      type: 'layanan',
      timeZone: 'WIB',
      distanceKm: 0.771,
    });
    expect(output.events[1]).toMatchObject({ id: 'uji-sosialisasi-sabtu', distanceKm: 2.093 });
    expect(output.events.map((event: { id: string }) => event.id)).not.toContain('uji-sudah-selesai');
  });

  it('answers coordinates (negative latitude as a separate argument) with place null, filtered by type', async () => {
    const result = await near(
      '--lat',
      '-5.14',
      '--lon',
      '119.41',
      '--type',
      'vaksinasi',
      '--limit',
      '1',
      '--now',
      '2027-01-13T10:00:00+07:00',
    );
    const output = JSON.parse(result.stdout);
    expect(output.place).toBeNull();
    expect(output.events).toEqual([
      expect.objectContaining({ id: 'contoh-2027-02-27-vaksinasi-makassar', sample: true, timeZone: 'WITA' }),
    ]);
  });

  it('exits 1 for an unknown place and lists the options of an ambiguous one', async () => {
    const unknown = await near('--place', 'xyzqwv');
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'unknown place: "xyzqwv"\n' });
    const ambiguous = await near('--place', 'Tangerang');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toBe(
      'ambiguous place: "Tangerang" could be:\n' +
        '  Kota Tangerang, Banten (id 3671)\n' +
        '  Kabupaten Tangerang, Banten (id 3603)\n' +
        '  Kota Tangerang Selatan, Banten (id 3674)\n',
    );
  });

  it.each([
    [['--lat', '100', '--lon', '1'], /--lat: must be between -90 and 90/],
    [['--lat', '-6'], /--lon: is required with --lat\/--lon/],
    [
      ['--place', 'jaksel', '--lat', '1', '--lon', '1'],
      /--place: give either --lat\/--lon or --place, not both/,
    ],
    [['--place', 'jaksel', '--type', 'konser'], /--type: must be one of vaksinasi, sosialisasi, layanan/],
    [['--place', 'jaksel', '--limit', '0'], /--limit: must be from 1 to 100/],
    [['--place', 'jaksel', '--now', 'besok'], /--now: must be an ISO 8601 date-time/],
    [[], /give --lat X --lon Y or --place TEXT/],
  ])('rejects bad flags %j with a usage error', async (args, message) => {
    const result = await near(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/usage: tanya events near --json/);
  });

  it('supports only --json output', async () => {
    const noJson = await tanya(['events', 'near', '--place', 'jaksel'], { DATA_DIR: dataDir });
    expect(noJson.code).toBe(2);
    expect(noJson.stderr).toMatch(/--json: only --json output is supported/);
  });
});
