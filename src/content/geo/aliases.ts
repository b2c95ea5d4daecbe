/**
 * The project's own place vocabulary: nicknames and abbreviations people type in chat, words that
 * say which administrative level is meant, and filler words around a place name. All entries are
 * written in normalized form (lower case ASCII, single spaces, no punctuation); see the gazetteer's
 * `normalizePlaceText`.
 */
import type { PlaceKind } from './data.js';

/** Names that always mean one place (by its code), whatever the official names say. */
export interface PlaceAlias {
  /** Place code (see {@link Place.id}). */
  id: string;
  /** Normalized spellings that mean this place. */
  names: readonly string[];
}

/** Nicknames and abbreviations. An alias wins over official names (so `yogyakarta` is the city). */
export const PLACE_ALIASES: readonly PlaceAlias[] = [
  // DKI Jakarta
  { id: '31', names: ['jakarta', 'dki', 'dki jakarta', 'jkt', 'jakarta raya', 'ibukota'] },
  { id: '3171', names: ['jaksel', 'jakarta selatan', 'jkt selatan', 'jakselatan', 'south jakarta'] },
  { id: '3172', names: ['jaktim', 'jakarta timur', 'jkt timur', 'east jakarta'] },
  { id: '3173', names: ['jakpus', 'jakarta pusat', 'jkt pusat', 'central jakarta'] },
  { id: '3174', names: ['jakbar', 'jakarta barat', 'jkt barat', 'west jakarta'] },
  { id: '3175', names: ['jakut', 'jakarta utara', 'jkt utara', 'north jakarta'] },
  { id: '3101', names: ['pulau seribu', 'kepulauan seribu', 'kep seribu'] },
  // Banten and West Java around Jakarta
  { id: '3674', names: ['tangsel', 'tangerang selatan', 'south tangerang'] },
  { id: '3276', names: ['depok'] },
  { id: '3216', names: ['cikarang'] },
  { id: '3201', names: ['cibinong'] },
  // Yogyakarta and Central Java
  {
    id: '3471',
    names: [
      'jogja',
      'jogya',
      'yogya',
      'yogja',
      'jogjakarta',
      'yogyakarta',
      'djokja',
      'ngayogyakarta',
      'jogja kota',
      'yk',
    ],
  },
  { id: '34', names: ['diy', 'd i y', 'daerah istimewa yogyakarta', 'provinsi diy'] },
  { id: '3372', names: ['solo', 'surakarta'] },
  // Other well-known nicknames
  { id: '7371', names: ['makasar', 'ujung pandang', 'ujungpandang', 'mks'] },
  { id: '3578', names: ['sby', 'suroboyo'] },
  { id: '1275', names: ['mdn'] },
  { id: '3273', names: ['bdg', 'kota kembang'] },
  { id: '6202', names: ['sampit'] },
  { id: '3302', names: ['purwokerto'] },
  // Provinces
  { id: '11', names: ['nad', 'nanggroe aceh darussalam'] },
  { id: '12', names: ['sumut', 'sumatra utara', 'north sumatra'] },
  { id: '13', names: ['sumbar', 'sumatra barat', 'west sumatra'] },
  { id: '16', names: ['sumsel', 'sumatra selatan', 'south sumatra'] },
  { id: '19', names: ['babel', 'bangka belitung'] },
  { id: '21', names: ['kepri'] },
  { id: '32', names: ['jabar', 'west java'] },
  { id: '33', names: ['jateng', 'central java'] },
  { id: '35', names: ['jatim', 'east java'] },
  { id: '52', names: ['ntb'] },
  { id: '53', names: ['ntt'] },
  { id: '61', names: ['kalbar', 'west kalimantan'] },
  { id: '62', names: ['kalteng', 'central kalimantan'] },
  { id: '63', names: ['kalsel', 'south kalimantan'] },
  { id: '64', names: ['kaltim', 'east kalimantan'] },
  { id: '65', names: ['kaltara', 'north kalimantan'] },
  { id: '71', names: ['sulut', 'north sulawesi'] },
  { id: '72', names: ['sulteng', 'central sulawesi'] },
  { id: '73', names: ['sulsel', 'south sulawesi'] },
  { id: '74', names: ['sultra', 'southeast sulawesi'] },
  { id: '76', names: ['sulbar', 'west sulawesi'] },
  { id: '82', names: ['malut', 'north maluku'] },
];

/**
 * Words naming an administrative level, at the start or end of a place name: `kab. bekasi`,
 * `bekasi kota`, `kodya bogor`, `kecamatan penjaringan`.
 */
export const KIND_WORDS: ReadonlyMap<string, PlaceKind> = new Map<string, PlaceKind>([
  ['kabupaten', 'regency'],
  ['kab', 'regency'],
  ['kabu', 'regency'],
  ['regency', 'regency'],
  ['kota', 'city'],
  ['kodya', 'city'],
  ['kotamadya', 'city'],
  ['kotamadia', 'city'],
  ['kot', 'city'],
  ['city', 'city'],
  ['kecamatan', 'district'],
  ['kec', 'district'],
  ['district', 'district'],
  ['provinsi', 'province'],
  ['propinsi', 'province'],
  ['prov', 'province'],
  ['province', 'province'],
]);

/**
 * Words around a place name that carry no place meaning ("di", "deket", "sekitar", "near"...).
 * They are removed anywhere in the text; none of them is a word of an official place name except
 * the `DI` of `DI Yogyakarta`, which the aliases cover.
 */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'di',
  'ke',
  'daerah',
  'deket',
  'dekat',
  'dkt',
  'sekitar',
  'sekitaran',
  'seputar',
  'kawasan',
  'wilayah',
  'area',
  'lokasi',
  'administrasi',
  'adm',
  'near',
  'nearby',
  'in',
  'at',
  'around',
  'the',
  'dong',
  'aja',
  'saja',
  'ya',
  'sih',
  'nih',
  'kak',
]);
