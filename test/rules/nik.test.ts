import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, localDate, toIsoDate, daysInMonth } from '../../src/rules/dates.js';
import { crossCheckBirthDate, maskNik, validateNik, type ValidNik } from '../../src/rules/nik.js';
import { PROVINCES } from '../../src/rules/provinces.js';

const NOW = new Date('2026-11-20T03:00:00Z'); // 2026-11-20 10:00 WIB

function valid(input: string, now = NOW): ValidNik {
  const r = validateNik(input, now);
  if (!r.ok) throw new Error(`expected valid NIK, got ${r.reason}`);
  return r;
}

describe('validateNik', () => {
  it('decodes a man born 12 March 1990 in Jakarta Selatan', () => {
    const r = valid('3174051203900001');
    expect(r).toMatchObject({
      nik: '3174051203900001',
      birthDate: '1990-03-12',
      sex: 'M',
      age: 36,
      provinceCode: '31',
      regencyCode: '3174',
      districtCode: '317405',
      warnings: [],
    });
  });

  it('decodes a woman (day + 40)', () => {
    const r = valid('3174055203900001');
    expect(r.birthDate).toBe('1990-03-12');
    expect(r.sex).toBe('F');
  });

  it('accepts spaces, dots, dashes between digits and a NIK: label', () => {
    expect(valid('3174 0512 0390 0001').nik).toBe('3174051203900001');
    expect(valid('3174.0512.0390-0001').nik).toBe('3174051203900001');
    expect(valid(' NIK: 317405-120390-0001 ').nik).toBe('3174051203900001');
  });

  it('rejects empty input', () => {
    expect(validateNik('', NOW)).toEqual({ ok: false, reason: 'empty' });
    expect(validateNik('   ', NOW)).toEqual({ ok: false, reason: 'empty' });
  });

  it('rejects letters and other symbols', () => {
    expect(validateNik('31740512039000a1', NOW)).toEqual({ ok: false, reason: 'invalid_characters' });
    expect(validateNik('3174051203900001!', NOW)).toEqual({ ok: false, reason: 'invalid_characters' });
  });

  it('rejects wrong lengths', () => {
    expect(validateNik('317405120390001', NOW)).toEqual({ ok: false, reason: 'not_16_digits' });
    expect(validateNik('31740512039000011', NOW)).toEqual({ ok: false, reason: 'not_16_digits' });
    expect(validateNik('3174 0512 0390 00', NOW)).toEqual({ ok: false, reason: 'not_16_digits' });
    expect(validateNik('--', NOW)).toEqual({ ok: false, reason: 'not_16_digits' });
  });

  it('rejects unknown province codes (incl. 97 and the pre-1999 54)', () => {
    for (const pp of ['00', '10', '20', '54', '97', '99']) {
      expect(validateNik(`${pp}74051203900001`, NOW)).toEqual({ ok: false, reason: 'unknown_province' });
    }
  });

  it('rejects impossible birth dates', () => {
    for (const ddmmyy of [
      '000390',
      '320390',
      '400390',
      '720390',
      '121390',
      '120090',
      '300290',
      '690290',
      '310490',
    ]) {
      expect(validateNik(`317405${ddmmyy}0001`, NOW)).toEqual({ ok: false, reason: 'invalid_birthdate' });
    }
  });

  it('handles 29 February per century', () => {
    expect(valid('3174052902000001').birthDate).toBe('2000-02-29'); // 1900 is not a leap year, 2000 is
    expect(valid('3174052902960001').birthDate).toBe('1996-02-29');
    expect(validateNik('3174052902970001', NOW)).toEqual({ ok: false, reason: 'invalid_birthdate' });
  });

  it('rejects serial 0000', () => {
    expect(validateNik('3174051203900000', NOW)).toEqual({ ok: false, reason: 'invalid_serial' });
  });

  it('picks the century giving an age 0..100, never a future date', () => {
    expect(valid('3174051203250001').birthDate).toBe('2025-03-12');
    expect(valid('3174051203270001').birthDate).toBe('1927-03-12'); // 2027 is in the future
    expect(valid('3174052011260001').birthDate).toBe('2026-11-20'); // born today: age 0
    expect(valid('3174052111260001').birthDate).toBe('1926-11-21'); // tomorrow in 2026 → 1926, age 99
  });

  it('warns when both centuries fit and picks the younger', () => {
    const r = valid('3174051201260001'); // 2026-01-12 (0) or 1926-01-12 (100)
    expect(r.birthDate).toBe('2026-01-12');
    expect(r.warnings).toContain('century_ambiguous');
  });

  it('uses WIB for "today"', () => {
    // 2026-11-19 18:00 UTC is already 2026-11-20 in WIB
    expect(valid('3174052011260001', new Date('2026-11-19T18:00:00Z')).birthDate).toBe('2026-11-20');
    expect(valid('3174052011260001', new Date('2026-11-19T16:00:00Z')).birthDate).toBe('1926-11-20');
  });

  it('only warns about regency and district codes', () => {
    expect(valid('3102001203900001').warnings).toEqual(['unknown_regency', 'unknown_district']);
    expect(valid('3190051203900001').warnings).toEqual(['unknown_regency']);
  });

  it('warns about the renumbered Papua codes', () => {
    expect(valid('9471051203900001').warnings).toEqual(['province_code_renumbered']);
    expect(valid('9301051203900001').warnings).toEqual([]);
  });

  it('never throws for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = validateNik(s, NOW);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 .-]{0,24}$/), (s) => {
        validateNik(s, NOW);
      }),
    );
  });

  it('decodes generated NIKs back to their date and sex', () => {
    const today = localDate(NOW);
    const todayYear = Number(today.slice(0, 4));
    fc.assert(
      fc.property(
        fc.constantFrom(...PROVINCES.map((p) => p.code)),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: todayYear - 100, max: todayYear }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom<'F' | 'M'>('F', 'M'),
        fc.integer({ min: 1, max: 9999 }),
        (pp, kk, cc, y, m, dRaw, sex, serial) => {
          const d = Math.min(dRaw, daysInMonth(y, m));
          const birth = toIsoDate(y, m, d);
          const age = ageOn(birth, today);
          fc.pre(age >= 0 && age <= 99); // age 100 collides with age 0 of the next century
          const dd = sex === 'F' ? d + 40 : d;
          const two = (n: number): string => String(n).padStart(2, '0');
          const nik = `${pp}${two(kk)}${two(cc)}${two(dd)}${two(m)}${two(y % 100)}${String(serial).padStart(4, '0')}`;
          const r = validateNik(nik, NOW);
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect(r.birthDate).toBe(birth);
            expect(r.sex).toBe(sex);
            expect(r.age).toBe(age);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('crossCheckBirthDate', () => {
  const nik = valid('3174055203900001'); // F, 1990-03-12

  it('matches the same date and sex', () => {
    expect(crossCheckBirthDate(nik, '1990-03-12', 'F')).toEqual({ match: true, mismatches: [] });
  });

  it('names each mismatching part', () => {
    expect(crossCheckBirthDate(nik, '1990-03-13').mismatches).toEqual(['day']);
    expect(crossCheckBirthDate(nik, '1990-04-12').mismatches).toEqual(['month']);
    expect(crossCheckBirthDate(nik, '1991-03-12').mismatches).toEqual(['year']);
    expect(crossCheckBirthDate(nik, '1991-12-03', 'M')).toEqual({
      match: false,
      mismatches: ['day', 'month', 'year', 'sex'],
    });
  });

  it('compares only the two-digit year the NIK encodes', () => {
    const baby = valid('3174051201260001'); // decoded as 2026-01-12
    expect(crossCheckBirthDate(baby, '1926-01-12').match).toBe(true);
  });

  it('reports an invalid typed date', () => {
    expect(crossCheckBirthDate(nik, '1990-02-30').mismatches).toEqual(['invalid_typed_date']);
  });
});

describe('maskNik', () => {
  it('keeps the last 4 digits', () => {
    expect(maskNik('3174051203903456')).toBe('************3456');
    expect(maskNik('3174 0512 0390 3456')).toBe('************3456');
    expect(maskNik('123')).toBe('***');
  });
});
