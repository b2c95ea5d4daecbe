import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BPU_JKM_FLAT,
  BPU_MIN_DECLARED_INCOME,
  bpuContribution,
  bpuPrepayment,
} from '../../src/rules/bpu-contribution.js';

describe('bpuContribution', () => {
  it('computes Rp2,000,000 with JHT as 66,800', () => {
    expect(bpuContribution({ income: 2_000_000, programs: ['JKK', 'JKM', 'JHT'] })).toEqual({
      declaredIncome: 2_000_000,
      raisedToMinimum: false,
      lines: [
        { program: 'JKK', rate: 1, amount: 20_000 },
        { program: 'JKM', amount: 6_800 },
        { program: 'JHT', rate: 2, amount: 40_000 },
      ],
      total: 66_800,
      estimate: true,
    });
  });

  it('gives the minimums 16,800 and 36,800 at Rp1 juta', () => {
    expect(bpuContribution({ income: 1_000_000, programs: ['JKK', 'JKM'] }).total).toBe(16_800);
    expect(bpuContribution({ income: 1_000_000, programs: ['JKK', 'JKM', 'JHT'] }).total).toBe(36_800);
  });

  it('raises a low income to the minimum and flags it', () => {
    const r = bpuContribution({ income: 600_000, programs: ['JKK', 'JKM'] });
    expect(r.declaredIncome).toBe(1_000_000);
    expect(r.raisedToMinimum).toBe(true);
    expect(r.total).toBe(16_800);
  });

  it('rounds each percentage line to the nearest rupiah, halves up', () => {
    const r = bpuContribution({ income: 1_234_550, programs: ['JKK', 'JKM', 'JHT'] });
    expect(r.lines[0]?.amount).toBe(12_346); // 12,345.50 → 12,346
    expect(r.lines[2]?.amount).toBe(24_691); // 24,691.00
    expect(bpuContribution({ income: 1_234_549, programs: ['JKK', 'JKM'] }).lines[0]?.amount).toBe(12_345);
  });

  it('rejects incomes that are not whole non-negative rupiah', () => {
    for (const income of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => bpuContribution({ income, programs: ['JKK', 'JKM'] })).toThrow(RangeError);
    }
  });

  it('always totals its lines and never goes below the minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), fc.boolean(), (income, jht) => {
        const r = bpuContribution({ income, programs: jht ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'] });
        expect(r.total).toBe(r.lines.reduce((s, l) => s + l.amount, 0));
        expect(r.declaredIncome).toBeGreaterThanOrEqual(BPU_MIN_DECLARED_INCOME);
        expect(r.total).toBeGreaterThanOrEqual(jht ? 36_800 : 16_800);
        expect(r.lines.find((l) => l.program === 'JKM')?.amount).toBe(BPU_JKM_FLAT);
        expect(Number.isInteger(r.total)).toBe(true);
      }),
    );
  });
});

describe('bpuPrepayment', () => {
  it('multiplies by the allowed month counts only', () => {
    const c = bpuContribution({ income: 2_000_000, programs: ['JKK', 'JKM', 'JHT'] });
    expect(bpuPrepayment(c, 3)).toBe(200_400);
    expect(bpuPrepayment(c, 12)).toBe(801_600);
    expect(() => bpuPrepayment(c, 4)).toThrow(RangeError);
  });
});
