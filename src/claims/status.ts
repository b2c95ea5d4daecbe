/**
 * The claim status model and its transitions, and the one operation that changes a claim's status:
 * validate the transition, append it to the record's history, and queue a notice to the user on the
 * channel the claim came from.
 *
 * ```
 * submitted → verifying → scheduled → approved → paid
 *     └──────────┴────────────┴──→ rejected (with a reason) | needs_documents (→ verifying)
 * ```
 */
import type { Translator } from '../engine/i18n.js';
import type { Outbound } from '../engine/types.js';
import type { NotificationOutbox } from '../notify/outbox.js';
import type { RecordStore, StoredRecord } from '../store/records.js';
import { claimData } from './record.js';

/** The statuses of a claim, in lifecycle order. */
export const CLAIM_STATUSES = [
  'submitted',
  'verifying',
  'scheduled',
  'approved',
  'paid',
  'rejected',
  'needs_documents',
] as const;
/** A claim status. */
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Allowed next statuses. `paid` and `rejected` are final. */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  submitted: ['verifying', 'rejected', 'needs_documents'],
  verifying: ['scheduled', 'rejected', 'needs_documents'],
  scheduled: ['approved', 'rejected', 'needs_documents'],
  needs_documents: ['verifying', 'rejected'],
  approved: ['paid'],
  paid: [],
  rejected: [],
};

/** Statuses that need a note (the reason, or the documents missing). */
export const NOTE_REQUIRED: ReadonlySet<ClaimStatus> = new Set(['rejected', 'needs_documents']);

/** Whether `text` names a claim status. */
export function isClaimStatus(text: string): text is ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(text);
}

/** Why a status change was refused. */
export type ClaimStatusProblem =
  'not_found' | 'not_a_claim' | 'unknown_status' | 'not_allowed' | 'note_required';

/** A refused status change, worded for an operator. */
export class ClaimStatusError extends Error {
  override readonly name = 'ClaimStatusError';
  constructor(
    readonly problem: ClaimStatusProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Checks a transition; throws {@link ClaimStatusError} when it is not allowed. */
export function assertTransition(
  from: string,
  to: string,
  note: string | undefined,
): asserts to is ClaimStatus {
  if (!isClaimStatus(to)) {
    throw new ClaimStatusError(
      'unknown_status',
      `unknown status "${to}"; one of ${CLAIM_STATUSES.join(', ')}`,
    );
  }
  const allowed = isClaimStatus(from) ? CLAIM_TRANSITIONS[from] : [];
  if (!allowed.includes(to)) {
    throw new ClaimStatusError(
      'not_allowed',
      `a claim cannot go from ${from} to ${to}` +
        (allowed.length ? `; from ${from}: ${allowed.join(', ')}` : `; ${from} is final`),
    );
  }
  if (NOTE_REQUIRED.has(to) && !note?.trim()) {
    throw new ClaimStatusError('note_required', `${to} needs --note with the reason the member will read`);
  }
}

/** The message that tells the member about a new status, in their language. */
export function statusNotice(translator: Translator, record: StoredRecord): Outbound[] {
  const locale = claimData(record)?.locale ?? 'id';
  const t = translator.translate(locale);
  const change = record.history.at(-1);
  const lines = [
    t('claim-status:notice', { ticket: record.id, status: t(`claim-status:status.${record.status}`) }),
    ...(change?.note ? [t('claim-status:note', { note: change.note })] : []),
    t(`claim-status:next.${record.status}`),
  ];
  return [{ kind: 'text', text: lines.join('\n') }];
}

/** What {@link changeClaimStatus} needs. */
export interface ClaimStatusDeps {
  records: RecordStore;
  outbox: NotificationOutbox;
  translator: Translator;
}

/** A request to change a claim's status. */
export interface StatusChangeRequest {
  ticket: string;
  status: string;
  note?: string | undefined;
  /** Who made the change (operator, agent id). */
  by?: string | undefined;
}

/** The result of {@link changeClaimStatus}. */
export interface StatusChangeResult {
  record: StoredRecord;
  previous: ClaimStatus;
  /** The id of the queued notification. */
  notification: string;
}

/**
 * Moves a claim to a new status and queues the notice to its conversation. Throws
 * {@link ClaimStatusError} for an unknown ticket, a record that is not a claim, or a transition the
 * model does not allow.
 */
export async function changeClaimStatus(
  deps: ClaimStatusDeps,
  request: StatusChangeRequest,
  now: Date,
): Promise<StatusChangeResult> {
  const ticket = request.ticket.trim().toUpperCase();
  const current = await deps.records.get(ticket);
  if (!current) throw new ClaimStatusError('not_found', `no record ${ticket}`);
  if (current.type !== 'claim') throw new ClaimStatusError('not_a_claim', `${ticket} is not a claim`);
  const note = request.note?.trim() || undefined;
  assertTransition(current.status, request.status, note);
  const previous = current.status as ClaimStatus;
  const updated = await deps.records.setStatus(ticket, {
    status: request.status,
    at: now.toISOString(),
    ...(note ? { note } : {}),
    ...(request.by ? { by: request.by } : {}),
  });
  if (!updated) throw new ClaimStatusError('not_found', `no record ${ticket}`);
  const notification = await deps.outbox.enqueue(
    {
      address: updated.conversation,
      outbounds: statusNotice(deps.translator, updated),
      topic: `claim:${updated.id}:${updated.status}`,
    },
    now,
  );
  return { record: updated, previous, notification: notification.id };
}
