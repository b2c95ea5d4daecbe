/**
 * Content check for the claim, claim-status and jkp-check dialogs: every locale key they compose at
 * run time (per reason, document, note, status, rejection) must exist in each language, so a
 * missing string is caught by `tanya content check` instead of reaching a user as a raw key.
 */
import type { Resource } from 'i18next';
import { CLAIM_REASONS, DOCUMENT_TYPES, type ClaimNote, type DocumentNote } from '../rules/claim.js';
import type { JkpIneligibleReason, JkpNote } from '../rules/jkp.js';
import type { DocumentRejection } from '../store/documents.js';
import {
  INCOME_INVALID_REASONS,
  keysWithPrefix,
  missingRuntimeStrings,
  NIK_INVALID_REASONS,
} from '../content/locale-check.js';
import { JKP_REASONS } from '../dialogs/jkp-check.js';
import { DATE_REJECTIONS } from '../dialogs/validation.js';
import { CLAIM_STATUSES } from './status.js';

// Records over the unions: adding a case to a rule without a message fails to compile.
const DOC_NOTES: Record<DocumentNote, true> = {
  old_card_accepted: true,
  old_ktp_accepted: true,
  or_employer_inactive_report: true,
  one_of_phk_proofs: true,
  first_page_member_name: true,
  first_page_heir_name: true,
  if_balance_above_50m: true,
  house_purchase_only: true,
};
const CLAIM_NOTES: Record<ClaimNote, true> = {
  employer_must_report_inactive: true,
  only_one_partial_claim: true,
  house_purchase_only: true,
  claim_at_branch: true,
};
const UPLOAD_REFUSALS: Record<DocumentRejection | 'unavailable' | 'photo_only', true> = {
  empty: true,
  executable: true,
  archive: true,
  unsupported: true,
  too_large: true,
  unavailable: true,
  photo_only: true,
};
const JKP_WHY: Record<JkpIneligibleReason, true> = {
  resigned: true,
  contract_ended_on_date: true,
  retired: true,
  disability: true,
  death: true,
  contract_type_mismatch: true,
  insufficient_contributions: true,
  deadline_passed: true,
  too_old_at_joining: true,
  max_claims_reached: true,
  has_new_job: true,
  invalid_phk_date: true,
  invalid_contribution_months: true,
  invalid_wage: true,
};
const JKP_NOTES: Record<JkpNote, true> = {
  consecutive_months_rule_may_apply: true,
  wage_capped: true,
  pkwt_contract_required: true,
  needs_5_more_years_membership: true,
  phk_date_in_future: true,
  pre_pp6_2025_rules: true,
  jht_also_claimable: true,
};

/** Every key the three dialogs compose at run time, by namespace. */
export function claimDynamicKeys(): Record<string, string[]> {
  return {
    claim: [
      ...keysWithPrefix('reason.', CLAIM_REASONS),
      ...keysWithPrefix('doc.', Object.keys(DOCUMENT_TYPES)),
      ...keysWithPrefix('doc_note.', DOC_NOTES),
      ...keysWithPrefix('claim_note.', CLAIM_NOTES),
      ...keysWithPrefix('nik_invalid.', NIK_INVALID_REASONS),
      ...keysWithPrefix('upload_', UPLOAD_REFUSALS),
      ...keysWithPrefix('ask_exit_date.', ['resign', 'phk', 'pkwt_end']),
    ],
    'claim-status': [
      ...keysWithPrefix('status.', CLAIM_STATUSES),
      ...keysWithPrefix('next.', CLAIM_STATUSES),
    ],
    'jkp-check': [
      ...keysWithPrefix('reason.', JKP_REASONS),
      ...keysWithPrefix('why.', JKP_WHY),
      ...keysWithPrefix('note.', JKP_NOTES),
      ...keysWithPrefix('wage_invalid.', INCOME_INVALID_REASONS),
    ],
    // The exit date (claim) and the PHK date (jkp-check) are refused with the shared date messages.
    validation: keysWithPrefix('date.', DATE_REJECTIONS),
  };
}

/** Missing or empty run-time keys of the claim dialogs, as readable problems. */
export function checkClaimLocales(resources: Resource): string[] {
  return missingRuntimeStrings(resources, claimDynamicKeys());
}
