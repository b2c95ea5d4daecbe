import { describe, expect, it } from 'vitest';
import {
  PROVINCES,
  TIME_ZONES,
  isKnownRegency,
  isProvinceCode,
  isRenumberedPapuaCode,
  provinceByCode,
  timeZoneOfProvince,
} from '../../src/rules/provinces.js';

describe('provinces', () => {
  it('has the 38 current provinces with unique codes', () => {
    expect(PROVINCES).toHaveLength(38);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(38);
  });

  it('includes the 2022 Papua splits with their current codes', () => {
    expect(provinceByCode('91')?.name).toBe('Papua');
    expect(provinceByCode('92')?.name).toBe('Papua Barat');
    expect(provinceByCode('93')?.name).toBe('Papua Selatan');
    expect(provinceByCode('94')?.name).toBe('Papua Tengah');
    expect(provinceByCode('95')?.name).toBe('Papua Pegunungan');
    expect(provinceByCode('96')?.name).toBe('Papua Barat Daya');
    expect(isProvinceCode('97')).toBe(false);
    expect(isRenumberedPapuaCode('91')).toBe(true);
    expect(isRenumberedPapuaCode('93')).toBe(false);
  });

  it('rejects codes that are not provinces', () => {
    for (const code of ['00', '10', '20', '22', '37', '54', '66', '77', '83', '90', '99', '1', 'ab']) {
      expect(isProvinceCode(code)).toBe(false);
    }
  });

  it('maps provinces to time zones', () => {
    expect(timeZoneOfProvince('31')).toBe('WIB');
    expect(timeZoneOfProvince('61')).toBe('WIB'); // Kalimantan Barat
    expect(timeZoneOfProvince('62')).toBe('WIB'); // Kalimantan Tengah
    expect(timeZoneOfProvince('63')).toBe('WITA'); // Kalimantan Selatan
    expect(timeZoneOfProvince('51')).toBe('WITA');
    expect(timeZoneOfProvince('73')).toBe('WITA');
    expect(timeZoneOfProvince('81')).toBe('WIT');
    expect(timeZoneOfProvince('96')).toBe('WIT');
    expect(timeZoneOfProvince('00')).toBeUndefined();
    expect(TIME_ZONES.WITA.utcOffsetHours).toBe(8);
  });

  it('knows regency codes where it has a list and falls back to 01-79 for Papua', () => {
    expect(isKnownRegency('31', '74')).toBe(true); // Jakarta Selatan
    expect(isKnownRegency('31', '02')).toBe(false);
    expect(isKnownRegency('35', '78')).toBe(true); // Surabaya
    expect(isKnownRegency('93', '01')).toBe(true);
    expect(isKnownRegency('93', '85')).toBe(false);
    expect(isKnownRegency('93', '00')).toBe(false);
    expect(isKnownRegency('99', '01')).toBe(false);
  });
});
