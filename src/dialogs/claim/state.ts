/**
 * The claim form's state and the order of its questions. The next question is always the first one
 * still unanswered, so a replaced document or a changed answer ("kembali") returns the user to
 * exactly where they were.
 */
import { conversationKey, type Address } from '../../engine/types.js';
import type { ClaimDocument } from '../../claims/record.js';
import {
  requiredDocuments,
  type ClaimReason,
  type DocumentType,
  type RequiredDocument,
} from '../../rules/claim.js';
import { timeZoneOfProvince, type TimeZoneCode } from '../../rules/provinces.js';

/** Everything the claim form remembers (plain JSON). */
export type ClaimState = {
  /** When the form started (the idempotency key of the claim is derived from it). */
  startedAt: string;
  reason: ClaimReason | null;
  /** A sub-question of the current step: `years` (reason), `heir` (name), `account`/`holder` (bank). */
  stage: string | null;
  membershipYears: number | null;
  exitDate: string | null;
  nik: string | null;
  kpj: string | null;
  kpjSkipped: boolean;
  name: string | null;
  heirName: string | null;
  documents: ClaimDocument[];
  /** The document received last ("ganti" replaces it). */
  lastDocument: string | null;
  /** Optional documents the user skipped. */
  skipped: string[];
  bank: string | null;
  account: string | null;
  holder: string | null;
  slot: string | null;
  /** How many free slots to skip when listing (the "later times" choice). */
  slotPage: number;
};

/** A fresh form. */
export function initialState(now: Date): ClaimState {
  return {
    startedAt: now.toISOString(),
    reason: null,
    stage: null,
    membershipYears: null,
    exitDate: null,
    nik: null,
    kpj: null,
    kpjSkipped: false,
    name: null,
    heirName: null,
    documents: [],
    lastDocument: null,
    skipped: [],
    bank: null,
    account: null,
    holder: null,
    slot: null,
    slotPage: 0,
  };
}

/** Reasons with a resignation, PHK or contract-end date. */
export function needsExitDate(reason: ClaimReason | null): boolean {
  return reason === 'resign' || reason === 'phk' || reason === 'pkwt_end';
}

/** Reasons that need the membership length (partial claims). */
export function isPartial(reason: ClaimReason | null): boolean {
  return reason === 'partial10' || reason === 'partial30';
}

/** A document that may be skipped: the NPWP, needed only for balances above Rp50 juta. */
export function isOptional(doc: RequiredDocument): boolean {
  return doc.notes?.includes('if_balance_above_50m') ?? false;
}

/** The documents this claim needs, in the order they are asked. */
export function documentsFor(state: ClaimState): readonly RequiredDocument[] {
  return state.reason ? requiredDocuments(state.reason) : [];
}

/** The step id of a document question. */
export function docStep(type: DocumentType | string): string {
  return `doc_${type}`;
}

/** The first unanswered question. */
export function nextStep(state: ClaimState): string {
  if (!state.reason || (isPartial(state.reason) && state.membershipYears === null)) return 'reason';
  if (needsExitDate(state.reason) && !state.exitDate) return 'exit_date';
  if (!state.nik) return 'nik';
  if (!state.kpj && !state.kpjSkipped) return 'kpj';
  if (!state.name || (state.reason === 'death' && !state.heirName)) return 'name';
  const missing = documentsFor(state).find(
    (doc) => !state.documents.some((d) => d.type === doc.type) && !state.skipped.includes(doc.type),
  );
  if (missing) return docStep(missing.type);
  if (!state.bank || !state.account || !state.holder) return 'bank';
  if (!state.slot) return 'slot';
  return 'confirm';
}

/** The name the payout account must carry: the heir's for a death claim, else the member's. */
export function accountOwner(state: ClaimState): string {
  return (state.reason === 'death' ? state.heirName : state.name) ?? '';
}

/** The user's time zone, from the province of the NIK (WIB when unknown). */
export function userZone(state: ClaimState): TimeZoneCode {
  return (state.nik && timeZoneOfProvince(state.nik.slice(0, 2))) || 'WIB';
}

/** The key that makes a repeated confirmation create one claim and book one place. */
export function idempotencyKey(address: Address, state: ClaimState): string {
  return `claim:${conversationKey(address)}:${state.startedAt}`;
}
