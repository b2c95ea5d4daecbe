import { describe, expect, it } from 'vitest';
import {
  CLAIM_REASONS,
  DOCUMENT_TYPES,
  LAPAK_ASIK_ONLINE_REASONS,
  claimEligibility,
  firstClaimDateAfterExit,
  formatOfMime,
  isAcceptedDocumentMime,
  isLapakAsikOnline,
  requiredDocuments,
  type ClaimReason,
} from '../../src/rules/claim.js';

const NOW = new Date('2026-11-20T03:00:00Z'); // 2026-11-20 WIB

function types(reason: ClaimReason, balanceAbove50m?: boolean): string[] {
  return requiredDocuments(reason, balanceAbove50m === undefined ? {} : { balanceAbove50m }).map(
    (d) => d.type,
  );
}

describe('requiredDocuments', () => {
  it('lists the legal minimum first, then the practical documents', () => {
    expect(types('resign', false)).toEqual(['kpj_card', 'ktp', 'paklaring', 'kk', 'buku_tabungan', 'selfie']);
    const docs = requiredDocuments('resign', { balanceAbove50m: false });
    expect(docs.map((d) => d.basis)).toEqual([
      'legal',
      'legal',
      'legal',
      'practical',
      'practical',
      'practical',
    ]);
  });

  it('matches the domain table for each reason', () => {
    const legal = (r: ClaimReason): string[] =>
      requiredDocuments(r, { balanceAbove50m: false })
        .filter((d) => d.basis === 'legal')
        .map((d) => d.type);
    expect(legal('age56')).toEqual(['kpj_card', 'ktp']);
    expect(legal('pkwt_end')).toEqual(['kpj_card', 'ktp']);
    expect(legal('company_retirement')).toEqual(['kpj_card', 'ktp']);
    expect(legal('bpu_stop')).toEqual(['kpj_card', 'ktp']);
    expect(legal('phk')).toEqual(['kpj_card', 'ktp', 'phk_proof']);
    expect(legal('death')).toEqual([
      'kpj_card',
      'death_certificate',
      'heir_certificate',
      'heir_ktp',
      'heir_kk',
    ]);
    expect(legal('disability')).toEqual(['kpj_card', 'ktp', 'doctor_statement']);
    expect(legal('foreign_exit')).toEqual(['kpj_card', 'passport', 'no_longer_working_statement']);
    expect(legal('partial30')).toEqual(['kpj_card', 'ktp', 'housing_loan_docs']);
    expect(legal('partial10')).toEqual(['kpj_card', 'ktp']);
  });

  it('asks for an NPWP only when the balance is above Rp50 juta, or conditionally when unknown', () => {
    expect(types('phk', false)).not.toContain('npwp');
    const yes = requiredDocuments('phk', { balanceAbove50m: true }).find((d) => d.type === 'npwp');
    expect(yes).toEqual({ type: 'npwp', basis: 'practical', of: 'member' });
    const unknown = requiredDocuments('phk').find((d) => d.type === 'npwp');
    expect(unknown?.notes).toEqual(['if_balance_above_50m']);
  });

  it("uses the heir's documents and account for death claims", () => {
    const docs = requiredDocuments('death', { balanceAbove50m: true });
    expect(docs.map((d) => d.type)).not.toContain('ktp');
    expect(docs.map((d) => d.type)).not.toContain('kk');
    expect(docs.find((d) => d.type === 'buku_tabungan')).toEqual({
      type: 'buku_tabungan',
      basis: 'practical',
      of: 'heir',
      notes: ['first_page_heir_name'],
    });
    expect(docs.filter((d) => d.basis === 'practical').every((d) => d.of === 'heir')).toBe(true);
    expect(docs.find((d) => d.type === 'heir_ktp')?.of).toBe('heir');
  });

  it("requires the member's own account otherwise, and no KK from foreign workers", () => {
    expect(requiredDocuments('age56').find((d) => d.type === 'buku_tabungan')?.notes).toEqual([
      'first_page_member_name',
    ]);
    expect(types('foreign_exit', false)).not.toContain('kk');
  });

  it('attaches guidance codes', () => {
    const phk = requiredDocuments('phk');
    expect(phk.find((d) => d.type === 'phk_proof')?.notes).toEqual(['one_of_phk_proofs']);
    expect(requiredDocuments('resign').find((d) => d.type === 'paklaring')?.notes).toEqual([
      'or_employer_inactive_report',
    ]);
    expect(phk.find((d) => d.type === 'kpj_card')?.notes).toEqual(['old_card_accepted']);
  });

  it('gives every reason a card and a selfie', () => {
    for (const r of CLAIM_REASONS) {
      expect(types(r)).toContain('kpj_card');
      expect(types(r)).toContain('selfie');
    }
  });
});

describe('document formats', () => {
  it('accepts jpeg/png/pdf scans and photo-only selfies', () => {
    expect(DOCUMENT_TYPES.ktp.formats).toEqual(['jpeg', 'png', 'pdf']);
    expect(isAcceptedDocumentMime('ktp', 'application/pdf')).toBe(true);
    expect(isAcceptedDocumentMime('ktp', 'image/jpeg')).toBe(true);
    expect(isAcceptedDocumentMime('selfie', 'application/pdf')).toBe(false);
    expect(isAcceptedDocumentMime('selfie', 'image/png')).toBe(true);
    expect(isAcceptedDocumentMime('ktp', 'image/heic')).toBe(false);
    expect(formatOfMime('Image/JPEG; charset=binary')).toBe('jpeg');
    expect(formatOfMime('text/plain')).toBeUndefined();
  });
});

describe('LAPAK ASIK', () => {
  it('accepts the domain file reasons online', () => {
    for (const r of [
      'age56',
      'resign',
      'phk',
      'partial10',
      'partial30',
      'company_retirement',
      'pkwt_end',
    ] as const) {
      expect(isLapakAsikOnline(r)).toBe(true);
    }
    for (const r of ['death', 'disability', 'foreign_exit', 'bpu_stop'] as const) {
      expect(isLapakAsikOnline(r)).toBe(false);
    }
    expect(LAPAK_ASIK_ONLINE_REASONS).toHaveLength(7);
  });
});

describe('firstClaimDateAfterExit', () => {
  it('is the same day one month later', () => {
    expect(firstClaimDateAfterExit('2026-11-05')).toBe('2026-12-05');
    expect(firstClaimDateAfterExit('2026-12-15')).toBe('2027-01-15');
  });

  it('rolls a missing day forward to the 1st of the next month', () => {
    expect(firstClaimDateAfterExit('2026-01-31')).toBe('2026-03-01');
    expect(firstClaimDateAfterExit('2026-01-29')).toBe('2026-03-01');
    expect(firstClaimDateAfterExit('2028-01-29')).toBe('2028-02-29');
    expect(firstClaimDateAfterExit('2028-01-30')).toBe('2028-03-01');
    expect(firstClaimDateAfterExit('2026-03-31')).toBe('2026-05-01');
    expect(firstClaimDateAfterExit('2026-02-28')).toBe('2026-03-28');
  });
});

describe('claimEligibility', () => {
  it('makes a member who resigned on 2026-11-05 wait until 2026-12-05', () => {
    expect(claimEligibility({ reason: 'resign', exitDate: '2026-11-05', now: NOW })).toEqual({
      ok: false,
      reason: 'waiting_period',
      firstClaimDate: '2026-12-05',
    });
    const onTheDay = new Date('2026-12-04T17:00:00Z'); // 2026-12-05 00:00 WIB
    expect(claimEligibility({ reason: 'resign', exitDate: '2026-11-05', now: onTheDay })).toEqual({
      ok: true,
      lapakAsikOnline: true,
      notes: ['employer_must_report_inactive'],
    });
    const justBefore = new Date('2026-12-04T16:59:59Z');
    expect(claimEligibility({ reason: 'resign', exitDate: '2026-11-05', now: justBefore }).ok).toBe(false);
  });

  it('applies the waiting period to PHK too, but not to the end of a PKWT', () => {
    expect(claimEligibility({ reason: 'phk', exitDate: '2026-11-01', now: NOW })).toMatchObject({
      ok: false,
      reason: 'waiting_period',
      firstClaimDate: '2026-12-01',
    });
    expect(claimEligibility({ reason: 'pkwt_end', exitDate: '2026-11-19', now: NOW }).ok).toBe(true);
    expect(claimEligibility({ reason: 'pkwt_end', now: NOW }).ok).toBe(true);
  });

  it('needs a valid exit date that is not in the future', () => {
    expect(claimEligibility({ reason: 'phk', now: NOW })).toEqual({ ok: false, reason: 'missing_exit_date' });
    expect(claimEligibility({ reason: 'phk', exitDate: '2026-02-30', now: NOW })).toEqual({
      ok: false,
      reason: 'invalid_date',
    });
    expect(claimEligibility({ reason: 'resign', exitDate: '2026-11-21', now: NOW })).toEqual({
      ok: false,
      reason: 'exit_date_in_future',
    });
  });

  it('requires 10 membership years for partial claims, and only one partial claim', () => {
    expect(claimEligibility({ reason: 'partial10', membershipYears: 9.9, now: NOW })).toEqual({
      ok: false,
      reason: 'partial_needs_10_years',
    });
    expect(claimEligibility({ reason: 'partial30', membershipYears: 10, now: NOW })).toEqual({
      ok: true,
      lapakAsikOnline: true,
      notes: ['only_one_partial_claim', 'house_purchase_only'],
    });
    expect(
      claimEligibility({ reason: 'partial10', membershipYears: 12, previousPartialClaim: true, now: NOW }),
    ).toEqual({
      ok: false,
      reason: 'partial_already_taken',
    });
    expect(claimEligibility({ reason: 'partial10', now: NOW })).toEqual({
      ok: false,
      reason: 'missing_membership_years',
    });
    expect(claimEligibility({ reason: 'partial10', membershipYears: -1, now: NOW })).toEqual({
      ok: false,
      reason: 'invalid_membership_years',
    });
  });

  it('checks the 56th birthday', () => {
    expect(claimEligibility({ reason: 'age56', birthDate: '1970-11-21', now: NOW })).toEqual({
      ok: false,
      reason: 'too_young_for_age56',
      eligibleFrom: '2026-11-21',
    });
    expect(claimEligibility({ reason: 'age56', birthDate: '1970-11-20', now: NOW }).ok).toBe(true);
    expect(claimEligibility({ reason: 'age56', birthDate: '1972-02-29', now: NOW })).toMatchObject({
      eligibleFrom: '2028-02-29',
    });
    expect(claimEligibility({ reason: 'age56', birthDate: '1971-02-29', now: NOW })).toEqual({
      ok: false,
      reason: 'invalid_date',
    });
    expect(claimEligibility({ reason: 'age56', now: NOW })).toEqual({
      ok: false,
      reason: 'missing_birth_date',
    });
  });

  it('has no timing rule for the other reasons, and sends branch-only reasons to a branch', () => {
    expect(claimEligibility({ reason: 'death', now: NOW })).toEqual({
      ok: true,
      lapakAsikOnline: false,
      notes: ['claim_at_branch'],
    });
    expect(claimEligibility({ reason: 'bpu_stop', now: NOW }).ok).toBe(true);
  });
});
