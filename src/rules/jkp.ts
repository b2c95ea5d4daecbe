/**
 * JKP (Jaminan Kehilangan Pekerjaan, job-loss benefit) eligibility and cash benefit,
 * PP 37/2021 as amended by PP 6/2025 (in force 7 February 2025).
 *
 * - Eligible after a PHK (for PKWT: only when terminated before the contract date) with at least
 *   12 contribution months in the 24 months before the PHK.
 * - Not eligible: resignation, total permanent disability, retirement, death, a PKWT ending on its
 *   contract date; the right is lost 6 months after the PHK or on a new job.
 * - Cash (PHK from 7 Feb 2025): 60% of the last wage capped at Rp5 juta, for 6 months.
 *   Before that: 45% for 3 months then 25% for 3 months, and a 3-month deadline.
 * - PP 37/2021's "6 consecutive months just before the PHK" is marked *verify* in the domain file:
 *   it is not enforced; the note `consecutive_months_rule_may_apply` is always returned.
 *
 * Rounding: each month's amount is rounded to the nearest whole rupiah (halves up), in integer
 * arithmetic. The deadline is the last day to claim, inclusive: the PHK date plus 6 (or 3)
 * calendar months, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb) so the bot
 * never announces a later deadline than the real one.
 *
 * @module
 */

import { addMonthsClamped, compareIsoDates, diffDays, isIsoDate, localDate, type IsoDate } from './dates.js';

/** How the employment ended. */
export type JkpExitReason =
  'phk' | 'resign' | 'pkwt_end_on_date' | 'pkwt_terminated_early' | 'retire' | 'disability' | 'death';

/** Employment contract: permanent (PKWTT) or fixed-term (PKWT). */
export type ContractType = 'pkwtt' | 'pkwt';

/** Which regulation's benefit schedule applies (by PHK date). */
export type JkpRule = 'pp6_2025' | 'pp37_2021';

/** Date PP 6/2025 took effect. */
export const PP6_2025_EFFECTIVE: IsoDate = '2025-02-07';

/** Wage cap used for the benefit (Rp5 juta). */
export const JKP_WAGE_CAP = 5_000_000;

/** Minimum contribution months in the 24 months before the PHK. */
export const JKP_MIN_CONTRIBUTION_MONTHS = 12;

/** Maximum number of JKP claims in a working life. */
export const JKP_MAX_CLAIMS = 3;

/** Maximum age when joining (must be younger than 54). */
export const JKP_MAX_JOINING_AGE_EXCLUSIVE = 54;

/** Input of {@link jkpEligibility}. */
export interface JkpInput {
  /** Date of the PHK (end of employment), `YYYY-MM-DD`. */
  readonly phkDate: IsoDate;
  readonly reason: JkpExitReason;
  readonly contractType: ContractType;
  /** Months with contributions in the 24 months before the PHK (0-24). */
  readonly contributionMonthsLast24: number;
  /** Last reported monthly wage, whole rupiah. */
  readonly lastWage: number;
  readonly now: Date;
  /** Age when joining the program, if known (must be under 54). */
  readonly ageAtJoining?: number;
  /** JKP claims already received, if known (at most 3 in a working life). */
  readonly previousClaims?: number;
  /** True when the worker already has a new job (the right ends). */
  readonly hasNewJob?: boolean;
}

/** Why JKP is not available. */
export type JkpIneligibleReason =
  | 'resigned'
  | 'contract_ended_on_date'
  | 'retired'
  | 'disability'
  | 'death'
  /** A PKWT reason with a PKWTT contract. */
  | 'contract_type_mismatch'
  | 'insufficient_contributions'
  | 'deadline_passed'
  | 'too_old_at_joining'
  | 'max_claims_reached'
  | 'has_new_job'
  | 'invalid_phk_date'
  | 'invalid_contribution_months'
  | 'invalid_wage';

/** Guidance codes returned with a result. */
export type JkpNote =
  /** PP 37/2021's 6-consecutive-months rule may still apply (verify with the agency). */
  | 'consecutive_months_rule_may_apply'
  /** The wage was above Rp5 juta; the cap was used. */
  | 'wage_capped'
  /** A PKWT worker must also upload the contract. */
  | 'pkwt_contract_required'
  /** A 2nd or 3rd claim needs 5 more years of membership. */
  | 'needs_5_more_years_membership'
  /** The PHK date is after today: the figures are a preview. */
  | 'phk_date_in_future'
  /** The PHK predates PP 6/2025: the old schedule and 3-month deadline were applied. */
  | 'pre_pp6_2025_rules'
  /** JHT can be claimed as well; JKP does not replace severance pay. */
  | 'jht_also_claimable';

/** One month of the benefit schedule. */
export interface JkpMonth {
  /** 1-6. */
  readonly month: number;
  /** Percent of the capped wage. */
  readonly ratePercent: number;
  /** Whole rupiah. */
  readonly amount: number;
}

/** An eligible result. */
export interface JkpEligible {
  readonly eligible: true;
  readonly rule: JkpRule;
  /** The wage the benefit is based on: `min(lastWage, 5,000,000)`. */
  readonly wageUsed: number;
  /** The first month's amount (all six months under PP 6/2025). */
  readonly monthlyBenefit: number;
  readonly months: 6;
  readonly schedule: readonly JkpMonth[];
  /** Sum of the schedule. */
  readonly total: number;
  /** Last day to claim (inclusive). */
  readonly deadline: IsoDate;
  /** Days from today (WIB) to the deadline; 0 on the deadline itself. */
  readonly daysUntilDeadline: number;
  readonly notes: readonly JkpNote[];
}

/** An ineligible result: all reasons found, the most fundamental first. */
export interface JkpIneligible {
  readonly eligible: false;
  /** The first of `reasons`. */
  readonly reason: JkpIneligibleReason;
  readonly reasons: readonly JkpIneligibleReason[];
  /** Last day to claim, when the PHK date is valid. */
  readonly deadline?: IsoDate;
  readonly notes: readonly JkpNote[];
}

/** Result of {@link jkpEligibility}. */
export type JkpResult = JkpEligible | JkpIneligible;

function pct(amount: number, percent: number): number {
  return Math.floor((amount * percent + 50) / 100);
}

function schedule(rule: JkpRule, wageUsed: number): JkpMonth[] {
  const months: JkpMonth[] = [];
  for (let month = 1; month <= 6; month += 1) {
    const ratePercent = rule === 'pp6_2025' ? 60 : month <= 3 ? 45 : 25;
    months.push({ month, ratePercent, amount: pct(wageUsed, ratePercent) });
  }
  return months;
}

const REASON_BLOCKS: Partial<Record<JkpExitReason, JkpIneligibleReason>> = {
  resign: 'resigned',
  pkwt_end_on_date: 'contract_ended_on_date',
  retire: 'retired',
  disability: 'disability',
  death: 'death',
};

/**
 * Decides JKP eligibility and computes the cash benefit. Example: wage Rp7,000,000 → capped at
 * Rp5,000,000 → Rp3,000,000 a month, Rp18,000,000 over 6 months. Input validation problems are
 * reported as reasons, never thrown (except for an invalid `now`).
 *
 * @throws RangeError when `now` is an invalid Date.
 */
export function jkpEligibility(input: JkpInput): JkpResult {
  const today = localDate(input.now);
  const reasons: JkpIneligibleReason[] = [];
  const notes: JkpNote[] = ['consecutive_months_rule_may_apply'];

  const blocked = REASON_BLOCKS[input.reason];
  if (blocked) reasons.push(blocked);
  if (
    input.contractType === 'pkwtt' &&
    (input.reason === 'pkwt_end_on_date' || input.reason === 'pkwt_terminated_early')
  ) {
    reasons.push('contract_type_mismatch');
  }
  if (input.ageAtJoining !== undefined && input.ageAtJoining >= JKP_MAX_JOINING_AGE_EXCLUSIVE) {
    reasons.push('too_old_at_joining');
  }
  if (input.previousClaims !== undefined && input.previousClaims >= JKP_MAX_CLAIMS)
    reasons.push('max_claims_reached');
  if (input.hasNewJob === true) reasons.push('has_new_job');

  const months = input.contributionMonthsLast24;
  if (!Number.isInteger(months) || months < 0 || months > 24) reasons.push('invalid_contribution_months');
  else if (months < JKP_MIN_CONTRIBUTION_MONTHS) reasons.push('insufficient_contributions');

  const wageOk = Number.isSafeInteger(input.lastWage) && input.lastWage > 0;
  if (!wageOk) reasons.push('invalid_wage');

  let deadline: IsoDate | undefined;
  let rule: JkpRule = 'pp6_2025';
  if (!isIsoDate(input.phkDate)) {
    reasons.push('invalid_phk_date');
  } else {
    rule = compareIsoDates(input.phkDate, PP6_2025_EFFECTIVE) < 0 ? 'pp37_2021' : 'pp6_2025';
    if (rule === 'pp37_2021') notes.push('pre_pp6_2025_rules');
    deadline = addMonthsClamped(input.phkDate, rule === 'pp6_2025' ? 6 : 3);
    if (compareIsoDates(today, deadline) > 0) reasons.push('deadline_passed');
    if (compareIsoDates(input.phkDate, today) > 0) notes.push('phk_date_in_future');
  }

  if (input.contractType === 'pkwt') notes.push('pkwt_contract_required');
  if (
    input.previousClaims !== undefined &&
    input.previousClaims >= 1 &&
    input.previousClaims < JKP_MAX_CLAIMS
  ) {
    notes.push('needs_5_more_years_membership');
  }
  if (wageOk && input.lastWage > JKP_WAGE_CAP) notes.push('wage_capped');
  notes.push('jht_also_claimable');

  const [first] = reasons;
  if (first !== undefined || deadline === undefined) {
    const base = { eligible: false as const, reason: first ?? 'invalid_phk_date', reasons, notes };
    return deadline === undefined ? base : { ...base, deadline };
  }

  const wageUsed = Math.min(input.lastWage, JKP_WAGE_CAP);
  const plan = schedule(rule, wageUsed);
  return {
    eligible: true,
    rule,
    wageUsed,
    monthlyBenefit: plan[0]?.amount ?? 0,
    months: 6,
    schedule: plan,
    total: plan.reduce((sum, m) => sum + m.amount, 0),
    deadline,
    daysUntilDeadline: diffDays(today, deadline),
    notes,
  };
}
