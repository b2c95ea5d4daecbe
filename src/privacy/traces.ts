/**
 * The traces of an erased conversation outside its session, transcript and records, removed right
 * after "hapus data saya" (the engine's `onErase`): files its channel keeps (web chat uploads), its
 * questions in the dashboard's unanswered list, and an audit entry saying an erasure happened that
 * names the conversation only by a keyed hash (an operator holding the server key can match a key
 * they already know against it; nobody can read the key back from it).
 */
import type { Address } from '../engine/types.js';
import type { AuditLog } from '../handoff/stores.js';
import type { FaqStats } from '../stats/faq.js';
import type { ServerKey } from './server-key.js';

/** The audit entry's `agent` for what the user did themselves (not a valid account name). */
export const USER_ACTOR = '(user)';
/** The purpose of the key that hashes conversation keys in the audit log. */
export const AUDIT_HASH_PURPOSE = 'audit-conversation';

/** What {@link eraseTraces} deletes through. */
export interface TraceDeps {
  channels: { forget(address: Address): Promise<void> };
  faqStats: Pick<FaqStats, 'forget'>;
  audit: AuditLog;
  key: ServerKey;
  clock: () => Date;
}

/** The keyed hash of a conversation key, as the audit log names an erased conversation. */
export function auditHash(key: ServerKey, conversationKey: string): string {
  return key.hash(AUDIT_HASH_PURPOSE, conversationKey);
}

/** Deletes the conversation's uploads and unanswered questions, then audits the erasure. */
export async function eraseTraces(deps: TraceDeps, address: Address, conversationKey: string): Promise<void> {
  const now = deps.clock();
  await deps.channels.forget(address);
  await deps.faqStats.forget(conversationKey, now);
  await deps.audit.append({
    at: now.toISOString(),
    agent: USER_ACTOR,
    action: 'erase',
    detail: { channel: address.channel, conversationHash: auditHash(deps.key, conversationKey) },
  });
}
