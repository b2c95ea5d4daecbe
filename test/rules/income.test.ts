import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MONTHLY_INCOME, formatRupiah, parseIncome } from '../../src/rules/income.js';

describe('parseIncome', () => {
  it.each<[string, number]>([
    ['2 juta', 2_000_000],
    ['2jt', 2_000_000],
    ['2 jt', 2_000_000],
    ['2.500.000', 2_500_000],
    ['2,5 juta', 2_500_000],
    ['Rp 1,5 jt', 1_500_000],
    ['1500000', 1_500_000],
    ['Rp1.500.000,00', 1_500_000],
    ['Rp. 1.500.000,-', 1_500_000],
    ['1.5jt', 1_500_000],
    ['500rb', 500_000],
    ['500 ribu', 500_000],
    ['500k', 500_000],
    ['dua juta', 2_000_000],
    ['satu setengah juta', 1_500_000],
    ['setengah juta', 500_000],
    ['sejuta setengah', 1_500_000],
    ['dua setengah juta', 2_500_000],
    ['2 juta 500 ribu', 2_500_000],
    ['2jt500rb', 2_500_000],
    ['lima ratus ribu', 500_000],
    ['seratus lima puluh ribu', 150_000],
    ['dua ratus lima puluh ribu', 250_000],
    ['satu juta dua ratus ribu', 1_200_000],
    ['lima belas juta', 15_000_000],
    ['sepuluh juta', 10_000_000],
    ['2,500,000', 2_500_000],
    ['IDR 2.5 million', 2_500_000],
    ['sekitar 3 jutaan per bulan', 3_000_000],
    ['gaji saya kurang lebih 4,2 jt/bln', 4_200_000],
    ['0,5 juta', 500_000],
    ['2.500', 2_500],
    ['1 miliar', 1_000_000_000],
    ['2 juta.', 2_000_000],
  ])('reads %j as %d', (text, amount) => {
    expect(parseIncome(text)).toEqual({ ok: true, amount });
  });

  it('rejects empty text', () => {
    expect(parseIncome('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseIncome('   ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('rejects text without an amount', () => {
    for (const s of ['abc', 'gaji saya', 'rp', '2 %', '2.5.0 juta', '2 puluh juta']) {
      expect(parseIncome(s)).toEqual({ ok: false, reason: 'unrecognized' });
    }
  });

  it('rejects ambiguous text', () => {
    for (const s of [
      '2-3 juta',
      '2 sampai 3 juta',
      '2 s/d 3 jt',
      '2 atau 3 juta',
      'kurang dari 2 juta',
      'lebih dari 2 juta',
      'tidak tentu',
      '2 juta 500',
      '1M',
      'juta',
      '2 3',
      '1/2 juta',
      '500 ribu 2 juta',
      '1.500.000,50',
      '1,2345678 juta',
    ]) {
      expect(parseIncome(s), s).toEqual({ ok: false, reason: 'ambiguous' });
    }
  });

  it('asks for a unit for bare small numbers', () => {
    for (const s of ['2', '2,5', '500', 'dua', 'Rp 5']) {
      expect(parseIncome(s), s).toEqual({ ok: false, reason: 'needs_unit' });
    }
  });

  it('rejects amounts that are not monthly', () => {
    for (const s of [
      '100rb per hari',
      '100rb/hari',
      '500 ribu seminggu',
      '30 juta per tahun',
      '20rb per jam',
    ]) {
      expect(parseIncome(s), s).toEqual({ ok: false, reason: 'not_monthly' });
    }
  });

  it('rejects negatives', () => {
    for (const s of ['-2 juta', 'Rp -1.500.000', 'minus 2 jt']) {
      expect(parseIncome(s), s).toEqual({ ok: false, reason: 'negative' });
    }
  });

  it('rejects zero', () => {
    for (const s of ['0', 'Rp0', '0 juta', 'nol', 'tidak ada', 'belum ada penghasilan']) {
      expect(parseIncome(s), s).toEqual({ ok: false, reason: 'zero' });
    }
  });

  it('rejects absurd amounts above Rp1 miliar', () => {
    for (const s of ['2 miliar', '1.000.000.001', '1500 juta', '99999999999999999999']) {
      expect(parseIncome(s), s).toEqual({ ok: false, reason: 'too_large' });
    }
  });

  it('round-trips formatRupiah', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: MAX_MONTHLY_INCOME }), (n) => {
        expect(parseIncome(formatRupiah(n))).toEqual({ ok: true, amount: n });
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        parseIncome(s);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 .,\-a-z/]{0,30}$/), (s) => {
        parseIncome(s);
      }),
    );
  });
});

describe('formatRupiah', () => {
  it('uses dots for thousands and no space after Rp', () => {
    expect(formatRupiah(1_500_000)).toBe('Rp1.500.000');
    expect(formatRupiah(66_800)).toBe('Rp66.800');
    expect(formatRupiah(999)).toBe('Rp999');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(1_000_000_000)).toBe('Rp1.000.000.000');
  });

  it('rounds to whole rupiah and signs negatives', () => {
    expect(formatRupiah(1234.5)).toBe('Rp1.235');
    expect(formatRupiah(-2_500)).toBe('-Rp2.500');
  });

  it('throws on non-finite numbers', () => {
    expect(() => formatRupiah(Number.NaN)).toThrow(RangeError);
  });
});
