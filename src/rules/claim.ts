/**
 * JHT (Jaminan Hari Tua) claims: required documents per claim reason, eligibility (waiting period,
 * partial-claim membership, age 56) and which reasons LAPAK ASIK accepts online.
 *
 * Dates are ISO `YYYY-MM-DD`; "today" is derived from `now` in WIB.
 *
 * @module
 */

import { addMonthsRollForward, compareIsoDates, isIsoDate, localDate, type IsoDate } from './dates.js';

/**
 * Why a member claims JHT:
 * - `resign`: resignation; `phk`: dismissal; `pkwt_end`: end of a fixed-term contract;
 * - `age56`: reaching age 56; `company_retirement`: retirement under the company agreement;
 * - `disability`: total permanent disability; `death`: the heirs claim;
 * - `foreign_exit`: a foreign worker leaving Indonesia for good; `bpu_stop`: a BPU member stops work;
 * - `partial10` / `partial30`: partial claim while still working (10% any purpose, 30% housing).
 */
export type ClaimReason =
  | 'resign'
  | 'phk'
  | 'age56'
  | 'pkwt_end'
  | 'company_retirement'
  | 'disability'
  | 'death'
  | 'foreign_exit'
  | 'partial10'
  | 'partial30'
  | 'bpu_stop';

/** Every claim reason, in menu order. */
export const CLAIM_REASONS: readonly ClaimReason[] = [
  'resign',
  'phk',
  'pkwt_end',
  'age56',
  'company_retirement',
  'partial10',
  'partial30',
  'bpu_stop',
  'disability',
  'death',
  'foreign_exit',
];

/** A document a claim may need. */
export type DocumentType =
  | 'ktp'
  | 'kk'
  | 'kpj_card'
  | 'paklaring'
  | 'phk_proof'
  | 'death_certificate'
  | 'heir_certificate'
  | 'heir_ktp'
  | 'heir_kk'
  | 'doctor_statement'
  | 'passport'
  | 'no_longer_working_statement'
  | 'housing_loan_docs'
  | 'buku_tabungan'
  | 'npwp'
  | 'selfie';

/** A file format accepted for uploads. */
export type DocumentFormat = 'jpeg' | 'png' | 'pdf';

/** MIME types of each accepted format. */
export const FORMAT_MIME_TYPES: Readonly<Record<DocumentFormat, readonly string[]>> = {
  jpeg: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  png: ['image/png'],
  pdf: ['application/pdf'],
};

const SCAN: readonly DocumentFormat[] = ['jpeg', 'png', 'pdf'];
const PHOTO: readonly DocumentFormat[] = ['jpeg', 'png'];

/**
 * Metadata of each document type: accepted formats. Scans may be photos or PDFs; the selfie must
 * be a photo. (Labels live in the locale files, keyed by the document type.)
 */
export const DOCUMENT_TYPES: Readonly<Record<DocumentType, { readonly formats: readonly DocumentFormat[] }>> =
  {
    ktp: { formats: SCAN },
    kk: { formats: SCAN },
    kpj_card: { formats: SCAN },
    paklaring: { formats: SCAN },
    phk_proof: { formats: SCAN },
    death_certificate: { formats: SCAN },
    heir_certificate: { formats: SCAN },
    heir_ktp: { formats: SCAN },
    heir_kk: { formats: SCAN },
    doctor_statement: { formats: SCAN },
    passport: { formats: SCAN },
    no_longer_working_statement: { formats: SCAN },
    housing_loan_docs: { formats: SCAN },
    buku_tabungan: { formats: SCAN },
    npwp: { formats: SCAN },
    selfie: { formats: PHOTO },
  };

/** The format of a MIME type (parameters such as `; charset` ignored), or `undefined`. */
export function formatOfMime(mime: string): DocumentFormat | undefined {
  const base = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  for (const [format, types] of Object.entries(FORMAT_MIME_TYPES) as [DocumentFormat, readonly string[]][]) {
    if (types.includes(base)) return format;
  }
  return undefined;
}

/** True when a file with this MIME type is accepted for this document type. */
export function isAcceptedDocumentMime(type: DocumentType, mime: string): boolean {
  const format = formatOfMime(mime);
  return format !== undefined && DOCUMENT_TYPES[type].formats.includes(format);
}

/** The accepted kinds of proof of PHK (any one suffices). */
export type PhkProofKind =
  | 'disnaker_receipt'
  | 'employer_phk_report'
  | 'phk_letter_with_no_dispute_statement'
  | 'joint_agreement'
  | 'phi_decision';

/** Every accepted kind of proof of PHK, in the domain file's order. */
export const PHK_PROOF_KINDS: readonly PhkProofKind[] = [
  'disnaker_receipt',
  'employer_phk_report',
  'phk_letter_with_no_dispute_statement',
  'joint_agreement',
  'phi_decision',
];

/** Extra guidance attached to a required document (dialogs translate these codes). */
export type DocumentNote =
  /** Old ASTEK/Jamsostek cards are accepted if readable. */
  | 'old_card_accepted'
  /** Old-format KTPs are accepted if the NIK is registered and readable. */
  | 'old_ktp_accepted'
  /** The employer reporting the member inactive also counts instead of a paklaring. */
  | 'or_employer_inactive_report'
  /** Any one of {@link PHK_PROOF_KINDS}. */
  | 'one_of_phk_proofs'
  /** First page of the savings book; the account must be in the member's own name. */
  | 'first_page_member_name'
  /** First page of the savings book; the account must be in the heir's name. */
  | 'first_page_heir_name'
  /** Only needed when the JHT balance is above Rp50 juta (balance not known yet). */
  | 'if_balance_above_50m'
  /** Bank housing-loan documents: buying a house, not renovating. */
  | 'house_purchase_only';

/** One document a claim needs. */
export interface RequiredDocument {
  readonly type: DocumentType;
  /** `legal`: the regulation's minimum; `practical`: what the online forms also ask for. */
  readonly basis: 'legal' | 'practical';
  /** Whose document it is. */
  readonly of: 'member' | 'heir';
  /** Guidance codes; absent when there is none. */
  readonly notes?: readonly DocumentNote[];
}

/** Options of {@link requiredDocuments}. */
export interface RequiredDocumentsOptions {
  /**
   * Whether the JHT balance is above Rp50 juta (then an NPWP is needed). `undefined` (unknown)
   * lists the NPWP with the note `if_balance_above_50m`; `false` leaves it out.
   */
  readonly balanceAbove50m?: boolean;
}

const LEGAL: Readonly<Record<ClaimReason, readonly DocumentType[]>> = {
  age56: ['kpj_card', 'ktp'],
  pkwt_end: ['kpj_card', 'ktp'],
  company_retirement: ['kpj_card', 'ktp'],
  bpu_stop: ['kpj_card', 'ktp'],
  resign: ['kpj_card', 'ktp', 'paklaring'],
  phk: ['kpj_card', 'ktp', 'phk_proof'],
  death: ['kpj_card', 'death_certificate', 'heir_certificate', 'heir_ktp', 'heir_kk'],
  disability: ['kpj_card', 'ktp', 'doctor_statement'],
  foreign_exit: ['kpj_card', 'passport', 'no_longer_working_statement'],
  // The domain table lists no documents for the 10% partial claim; card + KTP is assumed.
  partial10: ['kpj_card', 'ktp'],
  partial30: ['kpj_card', 'ktp', 'housing_loan_docs'],
};

const DOC_NOTES: Partial<Record<DocumentType, readonly DocumentNote[]>> = {
  kpj_card: ['old_card_accepted'],
  ktp: ['old_ktp_accepted'],
  paklaring: ['or_employer_inactive_report'],
  phk_proof: ['one_of_phk_proofs'],
  housing_loan_docs: ['house_purchase_only'],
};

const HEIR_DOCS: ReadonlySet<DocumentType> = new Set(['heir_certificate', 'heir_ktp', 'heir_kk']);

function doc(
  type: DocumentType,
  basis: 'legal' | 'practical',
  of: 'member' | 'heir',
  notes?: readonly DocumentNote[],
): RequiredDocument {
  return notes && notes.length > 0 ? { type, basis, of, notes } : { type, basis, of };
}

/**
 * The documents a JHT claim needs: first the legal minimum from the domain file's table, then
 * the practical ones the online forms ask for (family card, first page of the savings book,
 * NPWP when the balance is above Rp50 juta, selfie). For `death` the practical documents are the
 * heir's (account in the heir's name); the heir's KK is already legal, so no member KK is asked.
 * A foreign worker (`foreign_exit`) has no Indonesian KK, so none is asked.
 */
export function requiredDocuments(
  reason: ClaimReason,
  options: RequiredDocumentsOptions = {},
): readonly RequiredDocument[] {
  const heirClaims = reason === 'death';
  const docs: RequiredDocument[] = LEGAL[reason].map((type) =>
    doc(type, 'legal', HEIR_DOCS.has(type) ? 'heir' : 'member', DOC_NOTES[type]),
  );
  const practicalOf = heirClaims ? 'heir' : 'member';
  if (!heirClaims && reason !== 'foreign_exit') docs.push(doc('kk', 'practical', 'member'));
  docs.push(
    doc('buku_tabungan', 'practical', practicalOf, [
      heirClaims ? 'first_page_heir_name' : 'first_page_member_name',
    ]),
  );
  if (options.balanceAbove50m === true) docs.push(doc('npwp', 'practical', practicalOf));
  else if (options.balanceAbove50m === undefined)
    docs.push(doc('npwp', 'practical', practicalOf, ['if_balance_above_50m']));
  docs.push(doc('selfie', 'practical', practicalOf));
  return docs;
}

/** Reasons LAPAK ASIK accepts online (domain file, "Channels for claims"). */
export const LAPAK_ASIK_ONLINE_REASONS: readonly ClaimReason[] = [
  'age56',
  'resign',
  'phk',
  'partial10',
  'partial30',
  'company_retirement',
  'pkwt_end',
];

/** True when LAPAK ASIK accepts this reason online; otherwise the member goes to a branch. */
export function isLapakAsikOnline(reason: ClaimReason): boolean {
  return LAPAK_ASIK_ONLINE_REASONS.includes(reason);
}

/** Minimum membership years for a partial (10% / 30%) claim. */
export const PARTIAL_CLAIM_MIN_YEARS = 10;

/** JHT full-claim age. */
export const JHT_CLAIM_AGE = 56;

/** Months to wait after resignation or PHK. */
export const JHT_WAITING_MONTHS = 1;

/** Input of {@link claimEligibility}. */
export interface ClaimEligibilityInput {
  readonly reason: ClaimReason;
  /** Last working day / date of resignation, PHK or contract end (`resign`, `phk`, `pkwt_end`). */
  readonly exitDate?: IsoDate;
  /** Years of JHT membership (for `partial10` / `partial30`). */
  readonly membershipYears?: number;
  /** Date of birth (for `age56`). */
  readonly birthDate?: IsoDate;
  /** Whether a 10% or 30% partial claim was already taken (only one of the two is allowed). */
  readonly previousPartialClaim?: boolean;
  readonly now: Date;
}

/** Guidance codes attached to an eligible claim. */
export type ClaimNote =
  /** HR must first report the member inactive. */
  | 'employer_must_report_inactive'
  /** Only one partial claim (10% or 30%) in a membership. */
  | 'only_one_partial_claim'
  /** 30% is for buying a house, not for renovation. */
  | 'house_purchase_only'
  /** Not accepted by LAPAK ASIK online: claim at a branch. */
  | 'claim_at_branch';

/** Why a claim cannot be made (yet). */
export type ClaimIneligibleReason =
  | 'waiting_period'
  | 'partial_needs_10_years'
  | 'partial_already_taken'
  | 'too_young_for_age56'
  | 'missing_exit_date'
  | 'missing_birth_date'
  | 'missing_membership_years'
  | 'invalid_date'
  | 'invalid_membership_years'
  | 'exit_date_in_future';

/** Result of {@link claimEligibility}. */
export type ClaimEligibility =
  | {
      readonly ok: true;
      /** Whether LAPAK ASIK accepts the reason online. */
      readonly lapakAsikOnline: boolean;
      readonly notes: readonly ClaimNote[];
    }
  | {
      readonly ok: false;
      readonly reason: 'waiting_period';
      /** First day a claim may be filed. */ readonly firstClaimDate: IsoDate;
    }
  | {
      readonly ok: false;
      readonly reason: 'too_young_for_age56';
      /** The 56th birthday. */ readonly eligibleFrom: IsoDate;
    }
  | {
      readonly ok: false;
      readonly reason: Exclude<ClaimIneligibleReason, 'waiting_period' | 'too_young_for_age56'>;
    };

/**
 * The first day a JHT claim may be filed after leaving a job on `exitDate`: one calendar month
 * later, on the same day of the month (2026-11-05 → 2026-12-05). When that day does not exist in
 * the next month, the first day of the month after (2026-01-31 → 2026-03-01; in the leap year 2028,
 * 2028-01-29 → 2028-02-29 but 2028-01-30 → 2028-03-01). The domain file does not say; we take
 * this later reading so the bot never sends a member to claim before the wait has surely ended.
 *
 * @throws RangeError when `exitDate` is not a valid ISO date.
 */
export function firstClaimDateAfterExit(exitDate: IsoDate): IsoDate {
  return addMonthsRollForward(exitDate, JHT_WAITING_MONTHS);
}

function baseNotes(reason: ClaimReason): ClaimNote[] {
  const notes: ClaimNote[] = [];
  if (reason === 'resign' || reason === 'phk' || reason === 'pkwt_end' || reason === 'company_retirement') {
    notes.push('employer_must_report_inactive');
  }
  if (reason === 'partial10' || reason === 'partial30') notes.push('only_one_partial_claim');
  if (reason === 'partial30') notes.push('house_purchase_only');
  if (!isLapakAsikOnline(reason)) notes.push('claim_at_branch');
  return notes;
}

/**
 * Checks whether a JHT claim can be filed today (WIB):
 * - `resign` / `phk`: one month's wait after `exitDate` ({@link firstClaimDateAfterExit});
 * - `pkwt_end`: no waiting period in the domain file; `exitDate` is optional but must not be in
 *   the future;
 * - `partial10` / `partial30`: at least 10 membership years and no earlier partial claim;
 * - `age56`: the 56th birthday has been reached (a 29 February birthday counts from 1 March);
 * - other reasons: no timing rule.
 * There is no minimum membership length for a full claim.
 *
 * @throws RangeError when `now` is an invalid Date.
 */
export function claimEligibility(input: ClaimEligibilityInput): ClaimEligibility {
  const { reason } = input;
  const today = localDate(input.now);

  if (reason === 'resign' || reason === 'phk' || reason === 'pkwt_end') {
    if (input.exitDate === undefined) {
      if (reason !== 'pkwt_end') return { ok: false, reason: 'missing_exit_date' };
    } else {
      if (!isIsoDate(input.exitDate)) return { ok: false, reason: 'invalid_date' };
      if (compareIsoDates(input.exitDate, today) > 0) return { ok: false, reason: 'exit_date_in_future' };
      if (reason !== 'pkwt_end') {
        const firstClaimDate = firstClaimDateAfterExit(input.exitDate);
        if (compareIsoDates(today, firstClaimDate) < 0)
          return { ok: false, reason: 'waiting_period', firstClaimDate };
      }
    }
  }

  if (reason === 'partial10' || reason === 'partial30') {
    const years = input.membershipYears;
    if (years === undefined) return { ok: false, reason: 'missing_membership_years' };
    if (!Number.isFinite(years) || years < 0) return { ok: false, reason: 'invalid_membership_years' };
    if (years < PARTIAL_CLAIM_MIN_YEARS) return { ok: false, reason: 'partial_needs_10_years' };
    if (input.previousPartialClaim === true) return { ok: false, reason: 'partial_already_taken' };
  }

  if (reason === 'age56') {
    if (input.birthDate === undefined) return { ok: false, reason: 'missing_birth_date' };
    if (!isIsoDate(input.birthDate)) return { ok: false, reason: 'invalid_date' };
    const eligibleFrom = addMonthsRollForward(input.birthDate, JHT_CLAIM_AGE * 12);
    if (compareIsoDates(today, eligibleFrom) < 0)
      return { ok: false, reason: 'too_young_for_age56', eligibleFrom };
  }

  return { ok: true, lapakAsikOnline: isLapakAsikOnline(reason), notes: baseNotes(reason) };
}
