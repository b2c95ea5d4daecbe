/**
 * The `data` of a claim record (`type: 'claim'`, ticket `LA-…`): its zod schema, and the masked
 * form used wherever a claim is shown (CLI output, messages). The NIK and account number are kept
 * whole in the record because the agency needs them; everything that prints them masks them.
 */
import { z } from 'zod';
import { Locale, type JsonObject } from '../engine/types.js';
import { CLAIM_REASONS, type ClaimReason } from '../rules/claim.js';
import { maskNik } from '../rules/nik.js';
import type { StoredRecord } from '../store/records.js';

/** One received document, as the claim record keeps it (the bytes are in the document store). */
export const ClaimDocument = z.object({
  type: z.string().min(1),
  id: z.string().regex(/^[0-9a-f]{32}$/),
  mime: z.string(),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
/** One received document. */
export type ClaimDocument = z.infer<typeof ClaimDocument>;

/** The payout account. */
export const ClaimBank = z.object({
  bank: z.string().min(2).max(60),
  account: z.string().regex(/^\d{6,20}$/),
  holder: z.string().min(2).max(100),
});
/** The payout account. */
export type ClaimBank = z.infer<typeof ClaimBank>;

/** The booked video-verification slot. */
export const ClaimSlot = z.object({
  id: z.string(),
  startsAt: z.string(),
  /** The user's time zone, for messages. */
  zone: z.enum(['WIB', 'WITA', 'WIT']),
});

/** `data` of a claim record. */
export const ClaimData = z.object({
  reason: z.enum(CLAIM_REASONS as [ClaimReason, ...ClaimReason[]]),
  /** Resignation / PHK / contract end date, when the reason has one. */
  exitDate: z.string().nullable(),
  /** Membership years (partial claims). */
  membershipYears: z.number().nullable(),
  /** The member's NIK (the deceased member's for death claims). */
  nik: z.string().regex(/^\d{16}$/),
  kpj: z
    .string()
    .regex(/^\d{11}$/)
    .nullable(),
  /** The member's name. */
  name: z.string(),
  /** The heir filing a death claim. */
  heirName: z.string().nullable(),
  documents: z.array(ClaimDocument),
  bank: ClaimBank,
  slot: ClaimSlot,
  /** The language to notify in. */
  locale: Locale,
});
/** `data` of a claim record. */
export type ClaimData = z.infer<typeof ClaimData>;

/** An account number with only its last 4 digits: `********1234`. */
export function maskAccount(account: string): string {
  return `${'*'.repeat(Math.max(account.length - 4, 0))}${account.slice(-4)}`;
}

/** The claim data of a record, or undefined when the record is not a (well-formed) claim. */
export function claimData(record: StoredRecord): ClaimData | undefined {
  if (record.type !== 'claim') return undefined;
  const parsed = ClaimData.safeParse(record.data);
  return parsed.success ? parsed.data : undefined;
}

/** Claim data safe to print: NIK and account number masked. */
export function maskClaimData(data: JsonObject): JsonObject {
  const parsed = ClaimData.safeParse(data);
  if (!parsed.success) return data;
  const claim = parsed.data;
  return {
    ...data,
    nik: maskNik(claim.nik),
    ...(claim.kpj ? { kpj: maskAccount(claim.kpj) } : {}),
    bank: { ...claim.bank, account: maskAccount(claim.bank.account) },
  };
}
