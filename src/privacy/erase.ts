/**
 * What "hapus data saya" deletes besides the session, and what it must keep. See docs/privacy.md.
 *
 * - Records (registrations, claims) of the conversation that were not submitted are deleted. Records
 *   are created when the user confirms (submits) a form, so today only a `draft` status would qualify;
 *   forms in progress live in the session and go with it.
 * - Submitted records are kept, with the documents they refer to: the agency needs them to process,
 *   pay and audit a claim or a membership, and must keep them by law.
 * - Every other document the conversation uploaded (a claim form left unfinished) is deleted.
 *
 * The session and the transcript are deleted by the engine after the turn (see `step.erase`).
 */
import type { Address } from '../engine/types.js';
import { conversationHash, type DocumentMeta } from '../store/documents.js';
import type { RecordStore, StoredRecord } from '../store/records.js';

/** Statuses of records that were never submitted. */
export const UNSUBMITTED_STATUSES: ReadonlySet<string> = new Set(['draft']);

/** What {@link eraseConversationData} uses. */
export interface ErasureDeps {
  records: Pick<RecordStore, 'list' | 'delete'>;
  documents: { list(): Promise<DocumentMeta[]>; delete(id: string): Promise<boolean> };
}

/** What was deleted and what was kept. */
export interface ErasureReport {
  documentsDeleted: number;
  recordsDeleted: number;
  /** Submitted records kept (the law requires them), with their references. */
  kept: Array<Pick<StoredRecord, 'id' | 'type' | 'status'>>;
  /** Documents kept because a kept record refers to them. */
  documentsKept: number;
}

/** Whether a record belongs to the conversation at `address`. */
function ofConversation(record: StoredRecord, address: Address): boolean {
  return (
    record.conversation.channel === address.channel &&
    record.conversation.conversationId === address.conversationId
  );
}

/** Whether a record was submitted (and so must be kept). */
export function isSubmitted(record: Pick<StoredRecord, 'status'>): boolean {
  return !UNSUBMITTED_STATUSES.has(record.status);
}

/** Document ids a record refers to (`data.documents[].id`). */
function documentIds(record: StoredRecord): string[] {
  const documents = record.data.documents;
  if (!Array.isArray(documents)) return [];
  return documents.flatMap((doc) =>
    doc && typeof doc === 'object' && !Array.isArray(doc) && typeof doc.id === 'string' ? [doc.id] : [],
  );
}

/**
 * Deletes the conversation's unsubmitted records and every document of it that no kept record refers
 * to. Idempotent: running it twice deletes nothing the second time.
 */
export async function eraseConversationData(deps: ErasureDeps, address: Address): Promise<ErasureReport> {
  const all = await deps.records.list();
  const mine = all.filter((record) => ofConversation(record, address));
  const kept = mine.filter(isSubmitted);
  let recordsDeleted = 0;
  for (const record of mine) {
    if (!isSubmitted(record) && (await deps.records.delete(record.id))) recordsDeleted += 1;
  }
  // Any remaining record's documents stay (a document is only ever referred to by its own claim).
  const referenced = new Set(
    all.filter((record) => isSubmitted(record) || !ofConversation(record, address)).flatMap(documentIds),
  );
  const hash = conversationHash(address);
  let documentsDeleted = 0;
  let documentsKept = 0;
  for (const meta of await deps.documents.list()) {
    if (meta.conversation !== hash) continue;
    if (referenced.has(meta.id)) documentsKept += 1;
    else if (await deps.documents.delete(meta.id)) documentsDeleted += 1;
  }
  return {
    documentsDeleted,
    recordsDeleted,
    kept: kept.map(({ id, type, status }) => ({ id, type, status })),
    documentsKept,
  };
}
