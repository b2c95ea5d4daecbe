import { describe, expect, it } from 'vitest';
import { jkpEligibility, type JkpInput } from '../../src/rules/jkp.js';

const NOW = new Date('2026-11-20T03:00:00Z'); // 2026-11-20 WIB

const base: JkpInput = {
  phkDate: '2026-10-01',
  reason: 'phk',
  contractType: 'pkwtt',
  contributionMonthsLast24: 20,
  lastWage: 7_000_000,
  now: NOW,
};

describe('jkpEligibility', () => {
  it('pays 60% of the wage capped at Rp5 juta for 6 months', () => {
    const r = jkpEligibility(base);
    expect(r).toMatchObject({
      eligible: true,
      rule: 'pp6_2025',
      wageUsed: 5_000_000,
      monthlyBenefit: 3_000_000,
      months: 6,
      total: 18_000_000,
      deadline: '2027-04-01',
      daysUntilDeadline: 132,
    });
    expect(r.notes).toContain('consecutive_months_rule_may_apply');
    expect(r.notes).toContain('wage_capped');
  });

  it('uses the wage itself below the cap, rounded to whole rupiah', () => {
    const r = jkpEligibility({ ...base, lastWage: 3_333_333 });
    expect(r).toMatchObject({
      eligible: true,
      wageUsed: 3_333_333,
      monthlyBenefit: 2_000_000,
      total: 12_000_000,
    });
    expect(r.notes).not.toContain('wage_capped');
  });

  it('accepts a PKWT terminated early and asks for the contract', () => {
    const r = jkpEligibility({ ...base, reason: 'pkwt_terminated_early', contractType: 'pkwt' });
    expect(r.eligible).toBe(true);
    expect(r.notes).toContain('pkwt_contract_required');
  });

  it.each([
    ['resign', 'resigned'],
    ['pkwt_end_on_date', 'contract_ended_on_date'],
    ['retire', 'retired'],
    ['disability', 'disability'],
    ['death', 'death'],
  ] as const)('rejects %s as %s', (reason, code) => {
    const contractType = reason === 'pkwt_end_on_date' ? 'pkwt' : 'pkwtt';
    expect(jkpEligibility({ ...base, reason, contractType })).toMatchObject({
      eligible: false,
      reason: code,
    });
  });

  it('flags a PKWT reason with a permanent contract', () => {
    expect(jkpEligibility({ ...base, reason: 'pkwt_terminated_early' })).toMatchObject({
      eligible: false,
      reason: 'contract_type_mismatch',
    });
  });

  it('needs 12 contribution months in the last 24', () => {
    expect(jkpEligibility({ ...base, contributionMonthsLast24: 11 })).toMatchObject({
      eligible: false,
      reason: 'insufficient_contributions',
    });
    expect(jkpEligibility({ ...base, contributionMonthsLast24: 12 }).eligible).toBe(true);
    expect(jkpEligibility({ ...base, contributionMonthsLast24: 25 })).toMatchObject({
      reason: 'invalid_contribution_months',
    });
    expect(jkpEligibility({ ...base, contributionMonthsLast24: 1.5 })).toMatchObject({
      reason: 'invalid_contribution_months',
    });
  });

  it('loses the right 6 months after the PHK (deadline inclusive, clamped at month end)', () => {
    expect(jkpEligibility({ ...base, phkDate: '2026-05-20' })).toMatchObject({
      eligible: true,
      deadline: '2026-11-20',
      daysUntilDeadline: 0,
    });
    expect(jkpEligibility({ ...base, phkDate: '2026-05-19' })).toMatchObject({
      eligible: false,
      reason: 'deadline_passed',
      deadline: '2026-11-19',
    });
    expect(
      jkpEligibility({ ...base, phkDate: '2026-08-31', now: new Date('2026-09-01T03:00:00Z') }),
    ).toMatchObject({
      deadline: '2027-02-28',
    });
  });

  it('applies the PP 37/2021 schedule and 3-month deadline to PHKs before 7 Feb 2025', () => {
    const r = jkpEligibility({
      ...base,
      phkDate: '2025-02-06',
      lastWage: 4_000_000,
      now: new Date('2025-03-01T03:00:00Z'),
    });
    expect(r).toMatchObject({
      eligible: true,
      rule: 'pp37_2021',
      monthlyBenefit: 1_800_000,
      deadline: '2025-05-06',
    });
    if (r.eligible) {
      expect(r.schedule.map((m) => m.amount)).toEqual([
        1_800_000, 1_800_000, 1_800_000, 1_000_000, 1_000_000, 1_000_000,
      ]);
      expect(r.total).toBe(8_400_000);
    }
    expect(r.notes).toContain('pre_pp6_2025_rules');
    expect(
      jkpEligibility({ ...base, phkDate: '2025-02-07', now: new Date('2025-03-01T03:00:00Z') }),
    ).toMatchObject({
      rule: 'pp6_2025',
      deadline: '2025-08-07',
    });
  });

  it('validates the wage and PHK date', () => {
    expect(jkpEligibility({ ...base, lastWage: 0 })).toMatchObject({ reason: 'invalid_wage' });
    expect(jkpEligibility({ ...base, lastWage: 1.5 })).toMatchObject({ reason: 'invalid_wage' });
    const r = jkpEligibility({ ...base, phkDate: '01-10-2026' });
    expect(r).toMatchObject({ eligible: false, reason: 'invalid_phk_date' });
    expect('deadline' in r).toBe(false);
  });

  it('checks joining age, claim count and a new job when known', () => {
    expect(jkpEligibility({ ...base, ageAtJoining: 54 })).toMatchObject({ reason: 'too_old_at_joining' });
    expect(jkpEligibility({ ...base, ageAtJoining: 53 }).eligible).toBe(true);
    expect(jkpEligibility({ ...base, previousClaims: 3 })).toMatchObject({ reason: 'max_claims_reached' });
    const second = jkpEligibility({ ...base, previousClaims: 1 });
    expect(second.eligible).toBe(true);
    expect(second.notes).toContain('needs_5_more_years_membership');
    expect(jkpEligibility({ ...base, hasNewJob: true })).toMatchObject({ reason: 'has_new_job' });
  });

  it('lists every failing reason, the most fundamental first', () => {
    expect(
      jkpEligibility({ ...base, reason: 'resign', contributionMonthsLast24: 3, phkDate: '2025-06-01' }),
    ).toMatchObject({
      reasons: ['resigned', 'insufficient_contributions', 'deadline_passed'],
    });
  });

  it('previews a PHK announced for a future date', () => {
    const r = jkpEligibility({ ...base, phkDate: '2026-12-31' });
    expect(r.eligible).toBe(true);
    expect(r.notes).toContain('phk_date_in_future');
  });
});
