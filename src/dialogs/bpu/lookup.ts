/**
 * What a NIK typed into the registration form may reveal about an existing registration: its
 * reference only to the conversation that created it; to anyone else only that the NIK is
 * registered; and after a few such lookups (per conversation or per NIK) nothing at all, with an
 * alert for the operators that never carries the NIK in clear.
 */
import { createHash } from 'node:crypto';
import type { TurnContext } from '../../engine/dialog.js';
import type { Address } from '../../engine/types.js';
import { maskNik } from '../../rules/nik.js';
import type { StoredRecord } from '../../store/records.js';

declare module '../../engine/dialog.js' {
  interface Services {
    /** Security alerts for the operators' log; fields never hold personal data in clear. */
    alert(event: string, fields: Record<string, string | number>): void;
  }
}

/** What the form may say about a NIK that is already registered. */
export type RegistrationDisclosure =
  /** The registrant asking again: their own reference. */
  | { kind: 'own'; reference: string }
  /** Someone else: that it is registered, nothing more. */
  | { kind: 'someone_else' }
  /** Too many lookups: nothing, not even whether it is registered. */
  | { kind: 'withheld' };

/** Whether `address` is the conversation (same channel and user) that created `record`. */
export function createdBy(record: StoredRecord, address: Address): boolean {
  return record.conversation.channel === address.channel && record.conversation.userId === address.userId;
}

const hashed = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/** Decides what may be said about `holder`, counting lookups of other people's registrations. */
export async function disclosure(
  ctx: TurnContext,
  holder: StoredRecord,
  nik: string,
): Promise<RegistrationDisclosure> {
  if (createdBy(holder, ctx.address)) return { kind: 'own', reference: holder.id };
  const limiter = ctx.services.registrationLookups;
  const keys = [
    `conversation:${hashed(`${ctx.address.channel}:${ctx.address.userId}`)}`,
    `nik:${hashed(nik)}`,
  ];
  const states = await Promise.all(keys.map((key) => limiter.fail(key, ctx.now)));
  const locked = states.some((state) => state.lockedUntil !== undefined);
  if (!locked) return { kind: 'someone_else' };
  ctx.services.alert('registration_lookup_limit', {
    channel: ctx.address.channel,
    conversation: hashed(`${ctx.address.channel}:${ctx.address.userId}`).slice(0, 12),
    nik: maskNik(nik),
  });
  return { kind: 'withheld' };
}
