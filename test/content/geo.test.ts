import { describe, expect, it } from 'vitest';
import { FILLER_WORDS, PLACE_ALIASES } from '../../src/content/geo/aliases.js';
import { loadPlaces, timeZoneOfProvince, titleCase } from '../../src/content/geo/data.js';
import { chordForKm, haversineKm } from '../../src/content/geo/distance.js';
import { editDistance } from '../../src/nlu/text.js';
import {
  gazetteer,
  normalizePlaceText,
  placeById,
  resolvePlace,
  type PlaceResolution,
} from '../../src/content/geo/gazetteer.js';

/** The id of a found place, the ids of ambiguous options, or 'unknown'. */
function ids(result: PlaceResolution): string | string[] {
  if (result.status === 'found') return result.place.id;
  if (result.status === 'ambiguous') return result.options.map((place) => place.id);
  return 'unknown';
}

describe('gazetteer data', () => {
  it('loads provinces, regencies/cities and districts with coordinates', () => {
    const places = loadPlaces();
    const count = (kind: string) => places.filter((p) => p.kind === kind).length;
    expect(count('province')).toBe(34);
    expect(count('regency') + count('city')).toBe(514);
    expect(count('district')).toBeGreaterThan(7000);
    for (const place of places) {
      expect(Number.isFinite(place.lat) && Number.isFinite(place.lon)).toBe(true);
    }
  });

  it('names places in title case and keeps DKI/DI upper case', () => {
    expect(titleCase('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(titleCase('KOTA PARE-PARE')).toBe('Kota Pare-Pare');
    expect(placeById('34')?.name).toBe('DI Yogyakarta');
    expect(placeById('3175010')).toMatchObject({
      name: 'Penjaringan',
      kind: 'district',
      regency: 'Kota Jakarta Utara',
      province: 'DKI Jakarta',
    });
  });

  it('gives each province its time zone', () => {
    expect(timeZoneOfProvince('31')).toBe('WIB'); // DKI Jakarta
    expect(timeZoneOfProvince('61')).toBe('WIB'); // Kalimantan Barat
    expect(timeZoneOfProvince('62')).toBe('WIB'); // Kalimantan Tengah
    expect(timeZoneOfProvince('51')).toBe('WITA'); // Bali
    expect(timeZoneOfProvince('64')).toBe('WITA'); // Kalimantan Timur
    expect(timeZoneOfProvince('73')).toBe('WITA'); // Sulawesi Selatan
    expect(timeZoneOfProvince('53')).toBe('WITA'); // NTT
    expect(timeZoneOfProvince('81')).toBe('WIT'); // Maluku
    expect(timeZoneOfProvince('94')).toBe('WIT'); // Papua
    expect(placeById('9471')?.timeZone).toBe('WIT');
    expect(placeById('3175010')?.timeZone).toBe('WIB');
  });

  it('every alias names an existing place', () => {
    for (const alias of PLACE_ALIASES) expect(placeById(alias.id), alias.id).toBeDefined();
  });

  it('still finds the only places whose names contain a filler word', () => {
    const clashes = loadPlaces()
      .filter((place) => place.kind !== 'province')
      .filter((place) =>
        normalizePlaceText(place.name)
          .split(' ')
          .some((word) => FILLER_WORDS.has(word)),
      )
      .map((place) => place.id);
    expect(clashes.sort()).toEqual(['1275050', '3524150']); // Medan Area, Deket
    expect(ids(resolvePlace('kecamatan medan area'))).toBe('1275050');
    expect(ids(resolvePlace('Deket'))).toBe('3524150');
    expect(ids(resolvePlace('medan area'))).toBe('1275050');
    expect(ids(resolvePlace('area medan'))).toBe('1275');
  });
});

describe('resolvePlace', () => {
  it.each([
    ['jaksel', '3171'],
    ['Jakarta Selatan', '3171'],
    ['jakut', '3175'],
    ['JAKBAR', '3174'],
    ['jaktim', '3172'],
    ['jakpus', '3173'],
    ['tangsel', '3674'],
    ['jogja', '3471'],
    ['Yogya', '3471'],
    ['jogjakarta', '3471'],
    ['Yogyakarta', '3471'],
    ['DIY', '34'],
    ['solo', '3372'],
    ['Surakarta', '3372'],
    ['Jakarta', '31'],
  ])('alias %s → %s', (text, id) => {
    expect(ids(resolvePlace(text))).toBe(id);
  });

  it('reads level words at either end: kota/kab./kabupaten/kodya', () => {
    expect(ids(resolvePlace('kota bekasi'))).toBe('3275');
    expect(ids(resolvePlace('Bekasi Kota'))).toBe('3275');
    expect(ids(resolvePlace('kab. bekasi'))).toBe('3216');
    expect(ids(resolvePlace('Kabupaten Bekasi'))).toBe('3216');
    expect(ids(resolvePlace('bekasi kab'))).toBe('3216');
    expect(ids(resolvePlace('kodya bogor'))).toBe('3271');
    expect(ids(resolvePlace('Kab Bogor'))).toBe('3201');
    expect(ids(resolvePlace('Kota Tangerang'))).toBe('3671');
    expect(ids(resolvePlace('Kabupaten Tangerang'))).toBe('3603');
  });

  it('tolerates a typo in longer names', () => {
    expect(ids(resolvePlace('pontianka'))).toBe('6171');
    expect(ids(resolvePlace('tangrang selatan'))).toBe('3674');
    expect(ids(resolvePlace('penjaringn'))).toBe('3175010');
    expect(ids(resolvePlace('jogjakrta'))).toBe('3471');
  });

  it('does not guess on short words', () => {
    expect(resolvePlace('xyz').status).toBe('unknown');
    expect(resolvePlace('kota').status).toBe('unknown');
  });

  it('lists ambiguous names, best first, at most 5', () => {
    expect(ids(resolvePlace('Tangerang'))).toEqual(['3671', '3603', '3674']);
    expect(ids(resolvePlace('Bekasi'))).toEqual(['3275', '3216']);
    expect(ids(resolvePlace('bogor'))).toEqual(['3271', '3201']);
    const sulawesi = resolvePlace('sulawesi');
    expect(sulawesi.status).toBe('ambiguous');
    if (sulawesi.status === 'ambiguous') {
      expect(sulawesi.options).toHaveLength(5);
      expect(sulawesi.options.every((p) => p.kind === 'province')).toBe(true);
    }
  });

  it('finds districts (kecamatan), with or without the level word', () => {
    const result = resolvePlace('Penjaringan');
    expect(result.status).toBe('found');
    if (result.status === 'found') {
      expect(result.place).toMatchObject({
        id: '3175010',
        kind: 'district',
        province: 'DKI Jakarta',
        timeZone: 'WIB',
      });
      expect(result.place.lat).toBeCloseTo(-6.127, 2);
    }
    expect(ids(resolvePlace('kecamatan penjaringan'))).toBe('3175010');
    expect(ids(resolvePlace('kebayoran'))).toEqual(['3171050', '3171060']);
    expect(ids(resolvePlace('Kecamatan Depok'))).toEqual(['3209141', '3404070']);
  });

  it('prefers regencies and cities over districts of the same name', () => {
    expect(ids(resolvePlace('depok'))).toBe('3276');
    expect(ids(resolvePlace('Sleman'))).toBe('3404');
  });

  it('strips filler words', () => {
    expect(ids(resolvePlace('di jaksel'))).toBe('3171');
    expect(ids(resolvePlace('deket tangsel dong'))).toBe('3674');
    expect(ids(resolvePlace('daerah Penjaringan'))).toBe('3175010');
    expect(ids(resolvePlace('dekat kota bekasi'))).toBe('3275');
    expect(ids(resolvePlace('sekitar pontianak'))).toBe('6171');
    expect(ids(resolvePlace('near Surabaya'))).toBe('3578');
    expect(ids(resolvePlace('in Denpasar'))).toBe('5171');
  });

  it('handles punctuation, accents and address-like text', () => {
    expect(ids(resolvePlace('  Kab.   Bekasi!! '))).toBe('3216');
    expect(ids(resolvePlace('Parepare'))).toBe('7372');
    expect(ids(resolvePlace('Pare-Pare'))).toBe('7372');
    expect(ids(resolvePlace('Penjaringan, Jakarta Utara'))).toBe('3175010');
  });

  it('says unknown for text that names no place', () => {
    expect(resolvePlace('').status).toBe('unknown');
    expect(resolvePlace('di').status).toBe('unknown');
    expect(resolvePlace('pizza margherita').status).toBe('unknown');
    expect(resolvePlace('Atlantis').status).toBe('unknown');
  });

  it('returns full places with their time zone', () => {
    const result = resolvePlace('makassar');
    expect(result).toEqual({
      status: 'found',
      place: expect.objectContaining({
        id: '7371',
        name: 'Kota Makassar',
        kind: 'city',
        province: 'Sulawesi Selatan',
        timeZone: 'WITA',
      }),
    });
    expect(placeById('no-such-id')).toBeUndefined();
  });

  it('builds its index once', () => {
    expect(gazetteer()).toBe(gazetteer());
  });
});

describe('text helpers', () => {
  it('normalizes text', () => {
    expect(normalizePlaceText('Kab. Pare-Pare, Sulawesi')).toBe('kab pare pare sulawesi');
    expect(normalizePlaceText('Lolowa’u')).toBe('lolowau');
    expect(normalizePlaceText('Bogòr')).toBe('bogor');
  });

  it('computes a bounded edit distance with transpositions', () => {
    expect(editDistance('pontianka', 'pontianak', 2)).toBe(1);
    expect(editDistance('tangrang', 'tangerang', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('abc', 'xyzxyz', 1)).toBe(2);
  });
});

describe('haversine', () => {
  it('measures known distances', () => {
    const monas = { lat: -6.1754, lon: 106.8272 };
    const tuguJogja = { lat: -7.7829, lon: 110.3671 };
    expect(haversineKm(monas, monas)).toBe(0);
    expect(haversineKm(monas, tuguJogja)).toBeGreaterThan(425);
    expect(haversineKm(monas, tuguJogja)).toBeLessThan(430);
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 6);
    expect(chordForKm(Math.PI * 6371.0088)).toBeCloseTo(2, 12);
  });
});
