/**
 * Content check for the claim, claim-status and jkp-check dialogs: every locale key they compose at
 * run time (per reason, document, note, status, rejection) must exist in each language, so a
 * missing string is caught by `tanya content check` instead of reaching a user as a raw key.
 */
import type { Resource } from 'i18next';
import { CLAIM_REASONS, DOCUMENT_TYPES, type ClaimNote, type DocumentNote } from '../rules/claim.js';
import type { IncomeInvalidReason } from '../rules/income.js';
import type { JkpIneligibleReason, JkpNote } from '../rules/jkp.js';
import type { NikInvalidReason } from '../rules/nik.js';
import type { DocumentRejection } from '../store/documents.js';
import { JKP_REASONS } from '../dialogs/jkp-check.js';
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
const NIK_REASONS: Record<NikInvalidReason, true> = {
  empty: true,
  invalid_characters: true,
  not_16_digits: true,
  unknown_province: true,
  invalid_birthdate: true,
  invalid_serial: true,
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
const INCOME_REASONS: Record<IncomeInvalidReason, true> = {
  empty: true,
  unrecognized: true,
  ambiguous: true,
  needs_unit: true,
  not_monthly: true,
  negative: true,
  zero: true,
  too_large: true,
};
const DATE_KEYS = ['date_need_exact_date', 'date_invalid_date', 'date_unrecognized'];

/** Every key the three dialogs compose at run time, by namespace. */
export function claimDynamicKeys(): Record<string, string[]> {
  const keys = (prefix: string, names: readonly string[] | Record<string, true>) =>
    (Array.isArray(names) ? names : Object.keys(names)).map((name) => `${prefix}${name}`);
  return {
    claim: [
      ...keys('reason.', CLAIM_REASONS),
      ...keys('doc.', Object.keys(DOCUMENT_TYPES)),
      ...keys('doc_note.', DOC_NOTES),
      ...keys('claim_note.', CLAIM_NOTES),
      ...keys('nik_invalid.', NIK_REASONS),
      ...keys('upload_', UPLOAD_REFUSALS),
      ...keys('ask_exit_date.', ['resign', 'phk', 'pkwt_end']),
      ...DATE_KEYS,
    ],
    'claim-status': [...keys('status.', CLAIM_STATUSES), ...keys('next.', CLAIM_STATUSES)],
    'jkp-check': [
      ...keys('reason.', JKP_REASONS),
      ...keys('why.', JKP_WHY),
      ...keys('note.', JKP_NOTES),
      ...keys('wage_invalid.', INCOME_REASONS),
      ...DATE_KEYS,
    ],
  };
}

function has(resource: unknown, path: string): boolean {
  let node = resource;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.trim().length > 0;
}

/** Missing or empty run-time keys of the claim dialogs, as readable problems. */
export function checkClaimLocales(resources: Resource): string[] {
  const problems: string[] = [];
  for (const locale of ['id', 'en']) {
    for (const [ns, keys] of Object.entries(claimDynamicKeys())) {
      const resource = resources[locale]?.[ns];
      for (const key of keys) {
        if (!has(resource, key)) problems.push(`locales/${locale}/${ns}.json: ${key}: missing or empty`);
      }
    }
  }
  return problems;
}
