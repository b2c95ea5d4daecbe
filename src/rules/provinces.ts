/**
 * Indonesia's 38 provinces with their Kemendagri codes (the first two digits of a NIK) and time
 * zones, plus a coarse list of known regency/city codes used only for NIK *warnings*.
 *
 * Pure data and lookups: no I/O.
 *
 * @module
 */

/** Indonesia's three civil time zones. None observes daylight-saving time. */
export type TimeZoneCode = 'WIB' | 'WITA' | 'WIT';

/** Facts about one Indonesian time zone. */
export interface TimeZoneInfo {
  /** The zone's code as Indonesians write it. */
  readonly code: TimeZoneCode;
  /** The IANA tz database name of the zone's reference city. */
  readonly iana: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  /** Fixed offset from UTC in hours (no DST in Indonesia). */
  readonly utcOffsetHours: 7 | 8 | 9;
}

/** The three time zones, keyed by code. */
export const TIME_ZONES: Readonly<Record<TimeZoneCode, TimeZoneInfo>> = {
  WIB: { code: 'WIB', iana: 'Asia/Jakarta', utcOffsetHours: 7 },
  WITA: { code: 'WITA', iana: 'Asia/Makassar', utcOffsetHours: 8 },
  WIT: { code: 'WIT', iana: 'Asia/Jayapura', utcOffsetHours: 9 },
};

/** One province of Indonesia. */
export interface Province {
  /** Two-digit Kemendagri code, e.g. `'31'`. */
  readonly code: string;
  /** Official name (Indonesian), e.g. `'DKI Jakarta'`. */
  readonly name: string;
  /** The province's time zone. */
  readonly zone: TimeZoneCode;
}

/**
 * The 38 provinces in Kemendagri code order, including the 2022 Papua splits and renumbering
 * (91 Papua, 92 Papua Barat, 93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan,
 * 96 Papua Barat Daya).
 *
 * Note: before the 2022 renumbering, `91` was Papua Barat and `94` was Papua, and a NIK keeps the
 * code of the region where it was first issued; see {@link isRenumberedPapuaCode}.
 */
export const PROVINCES: readonly Province[] = [
  { code: '11', name: 'Aceh', zone: 'WIB' },
  { code: '12', name: 'Sumatera Utara', zone: 'WIB' },
  { code: '13', name: 'Sumatera Barat', zone: 'WIB' },
  { code: '14', name: 'Riau', zone: 'WIB' },
  { code: '15', name: 'Jambi', zone: 'WIB' },
  { code: '16', name: 'Sumatera Selatan', zone: 'WIB' },
  { code: '17', name: 'Bengkulu', zone: 'WIB' },
  { code: '18', name: 'Lampung', zone: 'WIB' },
  { code: '19', name: 'Kepulauan Bangka Belitung', zone: 'WIB' },
  { code: '21', name: 'Kepulauan Riau', zone: 'WIB' },
  { code: '31', name: 'DKI Jakarta', zone: 'WIB' },
  { code: '32', name: 'Jawa Barat', zone: 'WIB' },
  { code: '33', name: 'Jawa Tengah', zone: 'WIB' },
  { code: '34', name: 'DI Yogyakarta', zone: 'WIB' },
  { code: '35', name: 'Jawa Timur', zone: 'WIB' },
  { code: '36', name: 'Banten', zone: 'WIB' },
  { code: '51', name: 'Bali', zone: 'WITA' },
  { code: '52', name: 'Nusa Tenggara Barat', zone: 'WITA' },
  { code: '53', name: 'Nusa Tenggara Timur', zone: 'WITA' },
  { code: '61', name: 'Kalimantan Barat', zone: 'WIB' },
  { code: '62', name: 'Kalimantan Tengah', zone: 'WIB' },
  { code: '63', name: 'Kalimantan Selatan', zone: 'WITA' },
  { code: '64', name: 'Kalimantan Timur', zone: 'WITA' },
  { code: '65', name: 'Kalimantan Utara', zone: 'WITA' },
  { code: '71', name: 'Sulawesi Utara', zone: 'WITA' },
  { code: '72', name: 'Sulawesi Tengah', zone: 'WITA' },
  { code: '73', name: 'Sulawesi Selatan', zone: 'WITA' },
  { code: '74', name: 'Sulawesi Tenggara', zone: 'WITA' },
  { code: '75', name: 'Gorontalo', zone: 'WITA' },
  { code: '76', name: 'Sulawesi Barat', zone: 'WITA' },
  { code: '81', name: 'Maluku', zone: 'WIT' },
  { code: '82', name: 'Maluku Utara', zone: 'WIT' },
  { code: '91', name: 'Papua', zone: 'WIT' },
  { code: '92', name: 'Papua Barat', zone: 'WIT' },
  { code: '93', name: 'Papua Selatan', zone: 'WIT' },
  { code: '94', name: 'Papua Tengah', zone: 'WIT' },
  { code: '95', name: 'Papua Pegunungan', zone: 'WIT' },
  { code: '96', name: 'Papua Barat Daya', zone: 'WIT' },
];

const BY_CODE: ReadonlyMap<string, Province> = new Map(PROVINCES.map((p) => [p.code, p]));

/** Returns the province with this two-digit code, or `undefined` when no province has it. */
export function provinceByCode(code: string): Province | undefined {
  return BY_CODE.get(code);
}

/** True when `code` is one of the 38 current province codes. */
export function isProvinceCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** The time zone of the province with this code, or `undefined` for an unknown code. */
export function timeZoneOfProvince(code: string): TimeZoneCode | undefined {
  return BY_CODE.get(code)?.zone;
}

/**
 * True for the province codes whose meaning changed in the 2022 renumbering (`91` was Papua
 * Barat and is now Papua; `94` was Papua and is now Papua Tengah). A NIK issued before 2022 with
 * such a code belongs to the old province. All Papua provinces are in WIT either way.
 */
export function isRenumberedPapuaCode(code: string): boolean {
  return code === '91' || code === '94';
}

/**
 * Known regency/city codes (the 2-digit part after the province code) per province, compressed
 * as ranges. Derived from `territory-indonesia` 0.1.4 (MIT; data predating the 2022 Papua
 * splits). That data set partly follows BPS numbering, which can differ from Kemendagri's, so a
 * miss is only ever a *warning*. Papua codes (91-96) are left out on purpose: the 2022
 * renumbering makes the old list misleading, and {@link isKnownRegency} falls back to the
 * plausible range for them.
 */
const REGENCY_RANGES: Readonly<Record<string, string>> = {
  '11': '01-18,71-75',
  '12': '01-25,71-78',
  '13': '01-12,71-77',
  '14': '01-10,71,73',
  '15': '01-09,71-72',
  '16': '01-13,71-74',
  '17': '01-09,71',
  '18': '01-13,71-72',
  '19': '01-06,71',
  '21': '01-05,71-72',
  '31': '01,71-75',
  '32': '01-18,71-79',
  '33': '01-29,71-76',
  '34': '01-04,71',
  '35': '01-29,71-79',
  '36': '01-04,71-74',
  '51': '01-08,71',
  '52': '01-08,71-72',
  '53': '01-21,71',
  '61': '01-12,71-72',
  '62': '01-13,71',
  '63': '01-11,71-72',
  '64': '01-05,09,11,71-72,74',
  '65': '01-04,71',
  '71': '01-11,71-74',
  '72': '01-12,71',
  '73': '01-18,22,25-26,71-73',
  '74': '01-15,71-72',
  '75': '01-05,71',
  '76': '01-06',
  '81': '01-09,71-72',
  '82': '01-08,71-72',
};

function expandRanges(spec: string): ReadonlySet<number> {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-');
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    for (let n = from; n <= to; n += 1) out.add(n);
  }
  return out;
}

const REGENCIES: ReadonlyMap<string, ReadonlySet<number>> = new Map(
  Object.entries(REGENCY_RANGES).map(([code, spec]) => [code, expandRanges(spec)]),
);

/**
 * True when the 2-digit regency/city code is known for the province. For provinces without a
 * list (the Papua provinces), any code from 01 to 79 counts as plausible (kabupaten 01-69,
 * kota 71-79 by convention). Unknown province codes return `false`.
 */
export function isKnownRegency(provinceCode: string, regencyCode: string): boolean {
  if (!BY_CODE.has(provinceCode) || !/^\d{2}$/.test(regencyCode)) return false;
  const n = Number(regencyCode);
  const known = REGENCIES.get(provinceCode);
  if (known === undefined) return n >= 1 && n <= 79;
  return known.has(n);
}
