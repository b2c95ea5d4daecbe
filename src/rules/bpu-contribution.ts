/**
 * Monthly contribution estimate for BPU members (Bukan Penerima Upah: informal and self-employed
 * workers), from the declared monthly income.
 *
 * Rules (domain file, "BPU"): JKK 1% of declared income, JKM a flat Rp6,800, JHT 2% of declared
 * income only when chosen; declared income at least Rp1,000,000. The agency's official tables use
 * income brackets, so the result is always an *estimate* and says so.
 *
 * Rounding: each percentage line is rounded to the nearest whole rupiah (halves up), computed in
 * integer arithmetic; the total is the sum of the rounded lines.
 *
 * @module
 */

/** A BPU program code. JP is not offered to BPU members. */
export type BpuProgram = 'JKK' | 'JKM' | 'JHT';

/** The two program sets a BPU member can choose: JKK + JKM are mandatory, JHT optional. */
export type BpuProgramSet = readonly ['JKK', 'JKM'] | readonly ['JKK', 'JKM', 'JHT'];

/** Minimum declared monthly income for BPU (Rp1,000,000). */
export const BPU_MIN_DECLARED_INCOME = 1_000_000;

/** JKM contribution for BPU, flat per month (Rp6,800). */
export const BPU_JKM_FLAT = 6_800;

/** Percentage rates in basis points (1% = 100). */
export const BPU_RATES_BPS: Readonly<{ JKK: 100; JHT: 200 }> = { JKK: 100, JHT: 200 };

/** How many months a BPU member may pay at once (domain file: 1, 2, 3, 6 or 12). */
export const BPU_PREPAY_MONTHS: readonly number[] = [1, 2, 3, 6, 12];

/** Input of {@link bpuContribution}. */
export interface BpuContributionInput {
  /** Monthly income in whole rupiah, as the member declared it (e.g. from `parseIncome`). */
  readonly income: number;
  /** Chosen programs. */
  readonly programs: BpuProgramSet;
}

/** One program's monthly contribution. */
export interface BpuContributionLine {
  readonly program: BpuProgram;
  /** Percentage of declared income (1 = 1%); absent for the flat JKM amount. */
  readonly rate?: number;
  /** Whole rupiah per month. */
  readonly amount: number;
}

/** Result of {@link bpuContribution}. */
export interface BpuContribution {
  /** The income the contribution is based on: the typed income raised to the minimum if needed. */
  readonly declaredIncome: number;
  /** True when the typed income was below {@link BPU_MIN_DECLARED_INCOME} and was raised. */
  readonly raisedToMinimum: boolean;
  /** One line per chosen program, in the order JKK, JKM, JHT. */
  readonly lines: readonly BpuContributionLine[];
  /** Sum of the lines, whole rupiah per month. */
  readonly total: number;
  /** Always true: the official bracket table decides the real figure. */
  readonly estimate: true;
}

function percentOf(income: number, bps: number): number {
  // round half up on non-negative integers, without floating-point error
  return Math.floor((income * bps + 5_000) / 10_000);
}

/**
 * Estimates the monthly BPU contribution. Rp2,000,000 with JHT gives JKK 20,000 + JKM 6,800 +
 * JHT 40,000 = 66,800; the minimum is 16,800 (36,800 with JHT).
 *
 * @throws RangeError when `income` is not a non-negative safe integer (a programming error:
 *   validate user text with `parseIncome` first).
 */
export function bpuContribution(input: BpuContributionInput): BpuContribution {
  const { income, programs } = input;
  if (!Number.isSafeInteger(income) || income < 0) {
    throw new RangeError(`income must be a non-negative whole number of rupiah, got ${income}`);
  }
  const raisedToMinimum = income < BPU_MIN_DECLARED_INCOME;
  const declaredIncome = raisedToMinimum ? BPU_MIN_DECLARED_INCOME : income;
  const lines: BpuContributionLine[] = [
    { program: 'JKK', rate: BPU_RATES_BPS.JKK / 100, amount: percentOf(declaredIncome, BPU_RATES_BPS.JKK) },
    { program: 'JKM', amount: BPU_JKM_FLAT },
  ];
  if ((programs as readonly string[]).includes('JHT')) {
    lines.push({
      program: 'JHT',
      rate: BPU_RATES_BPS.JHT / 100,
      amount: percentOf(declaredIncome, BPU_RATES_BPS.JHT),
    });
  }
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  return { declaredIncome, raisedToMinimum, lines, total, estimate: true };
}

/**
 * The amount to pay for several months at once (`months` must be one of
 * {@link BPU_PREPAY_MONTHS}); simply `total × months`, since the domain file mentions no discount.
 *
 * @throws RangeError for a month count the agency does not offer.
 */
export function bpuPrepayment(contribution: BpuContribution, months: number): number {
  if (!BPU_PREPAY_MONTHS.includes(months)) throw new RangeError(`cannot prepay ${months} months`);
  return contribution.total * months;
}
