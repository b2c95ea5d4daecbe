/**
 * Places of Indonesia (provinces, regencies/cities, districts) read from the `territory-indonesia`
 * package's JSON files, plus the time-zone rule. Only the three small files are read (about 1.6 MB);
 * the package's `index.js` is never loaded because it also parses the 11 MB village list.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

/** Administrative level of a place. `regency` = kabupaten, `city` = kota, `district` = kecamatan. */
export type PlaceKind = 'province' | 'regency' | 'city' | 'district';

/** Indonesian time zones: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9). */
export type TimeZone = 'WIB' | 'WITA' | 'WIT';

/** IANA zone and UTC offset of each Indonesian time zone (none of them observes daylight saving). */
export const TIME_ZONES: Readonly<Record<TimeZone, { iana: string; offset: string }>> = {
  WIB: { iana: 'Asia/Jakarta', offset: '+07:00' },
  WITA: { iana: 'Asia/Makassar', offset: '+08:00' },
  WIT: { iana: 'Asia/Jayapura', offset: '+09:00' },
};

/** A resolvable place. Coordinates are WGS84 degrees (a district without its own uses its regency's). */
export interface Place {
  /** BPS/Kemendagri code: 2 digits (province), 4 (regency/city) or 7 (district), e.g. `3171`. */
  id: string;
  /** Display name, e.g. `Kota Jakarta Selatan`, `Kabupaten Tangerang`, `Penjaringan`, `DKI Jakarta`. */
  name: string;
  kind: PlaceKind;
  /** Province display name (a province's own name for a province). */
  province: string;
  /** Parent regency/city display name; set for districts only. */
  regency?: string;
  lat: number;
  lon: number;
  timeZone: TimeZone;
}

const WIT_PROVINCES = new Set(['81', '82', '91', '92', '93', '94', '95', '96', '97']);
const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);

/**
 * Time zone of a province by its 2-digit code: WIT for Maluku and Papua (8x, 9x); WITA for Bali,
 * NTB, NTT, South/East/North Kalimantan and Sulawesi; WIB for the rest (Sumatra, Java, West and
 * Central Kalimantan).
 */
export function timeZoneOfProvince(provinceCode: string): TimeZone {
  if (WIT_PROVINCES.has(provinceCode)) return 'WIT';
  if (WITA_PROVINCES.has(provinceCode)) return 'WITA';
  return 'WIB';
}

const coordinate = z.number().finite().nullable();
const ProvinceRow = z.object({
  id: z.string(),
  name: z.string(),
  latitude: coordinate,
  longitude: coordinate,
});
const RegencyRow = ProvinceRow.extend({ province_id: z.string() });
const DistrictRow = ProvinceRow.extend({ regency_id: z.string() });

const require = createRequire(import.meta.url);

function readRows<T>(file: string, row: z.ZodType<T>): T[] {
  const path = require.resolve(`territory-indonesia/data/${file}`);
  return z.array(row).parse(JSON.parse(readFileSync(path, 'utf8')));
}

const LOWER_WORDS = new Set(['dan']);
const UPPER_WORDS = new Set(['dki', 'di', 'ii', 'iii', 'iv', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii']);

/** `KOTA PARE-PARE` → `Kota Pare-Pare`, `DKI JAKARTA` → `DKI Jakarta`, `SUNGAI DAN LAUT` → `Sungai dan Laut`. */
export function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .split(' ')
    .filter((word) => word !== '')
    .map((word, index) => {
      if (UPPER_WORDS.has(word)) return word.toUpperCase();
      if (index > 0 && LOWER_WORDS.has(word)) return word;
      return word.replace(/(^|[-/(])([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(' ');
}

function requireCoords(lat: number | null, lon: number | null, what: string): { lat: number; lon: number } {
  if (lat === null || lon === null) throw new Error(`territory-indonesia: ${what} has no coordinates`);
  return { lat, lon };
}

/**
 * Reads every province, regency/city and district of the package as {@link Place} values (about
 * 7,600). Synchronous and uncached: callers keep the result (see the gazetteer's lazy singleton).
 */
export function loadPlaces(): Place[] {
  const provinces = readRows('provinces.json', ProvinceRow);
  const regencies = readRows('regencies.json', RegencyRow);
  const districts = readRows('districts.json', DistrictRow);

  const places: Place[] = [];
  const provinceById = new Map<string, Place>();
  for (const row of provinces) {
    const name = titleCase(row.name);
    const coords = requireCoords(row.latitude, row.longitude, `province ${row.id}`);
    const place: Place = {
      id: row.id,
      name,
      kind: 'province',
      province: name,
      ...coords,
      timeZone: timeZoneOfProvince(row.id),
    };
    provinceById.set(row.id, place);
    places.push(place);
  }
  const regencyById = new Map<string, Place>();
  for (const row of regencies) {
    const province = provinceById.get(row.province_id);
    if (!province)
      throw new Error(`territory-indonesia: regency ${row.id} has unknown province ${row.province_id}`);
    const coords = requireCoords(row.latitude, row.longitude, `regency ${row.id}`);
    const kind: PlaceKind = row.name.startsWith('KOTA ') ? 'city' : 'regency';
    const place: Place = {
      id: row.id,
      name: titleCase(row.name),
      kind,
      province: province.name,
      ...coords,
      timeZone: province.timeZone,
    };
    regencyById.set(row.id, place);
    places.push(place);
  }
  for (const row of districts) {
    const regency = regencyById.get(row.regency_id);
    if (!regency)
      throw new Error(`territory-indonesia: district ${row.id} has unknown regency ${row.regency_id}`);
    places.push({
      id: row.id,
      name: titleCase(row.name),
      kind: 'district',
      province: regency.province,
      regency: regency.name,
      lat: row.latitude ?? regency.lat,
      lon: row.longitude ?? regency.lon,
      timeZone: regency.timeZone,
    });
  }
  return places;
}
