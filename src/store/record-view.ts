/**
 * How a stored record leaves the store for people (CLI, consoles): NIKs and phone numbers masked,
 * every other long number masked as in the logs, internal keys (idempotency, NIK hashes) left out.
 */
import { maskPersonalNumbers } from '../log/mask.js';
import { maskNik } from '../rules/nik.js';
import { maskPhone } from '../rules/phone.js';
import type { Json } from '../engine/types.js';
import type { StatusChange, StoredRecord } from './records.js';

/** The outside view of a record (one line of `tanya records list --json`). */
export interface RecordView {
  id: string;
  type: StoredRecord['type'];
  status: string;
  createdAt: string;
  updatedAt: string;
  history: StatusChange[];
  conversation: StoredRecord['conversation'];
  data: { [key: string]: Json };
}

const NIK_KEY = /(^|_)nik$|Nik$/;
const PHONE_KEY = /phone|Phone|msisdn|whatsapp/i;
/** Random ids and checksums (document ids, sha256): not personal, and needed whole to find a file. */
const OPAQUE_KEY = /^(id|sha256)$/;
/** Bank account and KPJ numbers: only the last 4 digits shown, whatever their length. */
const ACCOUNT_KEY = /^(account|kpj)$/;

/** Masks one value: by its key for NIKs and phones, by pattern for other strings; recurses. */
function maskValue(key: string, value: unknown): Json {
  if (typeof value === 'string') {
    if (OPAQUE_KEY.test(key)) return value;
    if (ACCOUNT_KEY.test(key)) return maskNik(value);
    if (NIK_KEY.test(key)) return maskNik(value);
    if (PHONE_KEY.test(key)) return maskPhone(value);
    return maskPersonalNumbers(value);
  }
  if (Array.isArray(value)) return value.map((item) => maskValue(key, item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([inner, item]) => [inner, maskValue(inner, item)]));
  }
  return value as Json;
}

/** The record for display; `reveal` keeps NIKs and phone numbers in clear (an operator's explicit choice). */
export function recordView(record: StoredRecord, options: { reveal?: boolean } = {}): RecordView {
  const view: RecordView = {
    id: record.id,
    type: record.type,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    history: record.history,
    conversation: record.conversation,
    data: record.data,
  };
  if (options.reveal) return view;
  return {
    ...view,
    history: record.history.map((change) => ({
      ...change,
      ...(change.note ? { note: maskPersonalNumbers(change.note) } : {}),
    })),
    conversation: {
      channel: record.conversation.channel,
      conversationId: maskPersonalNumbers(record.conversation.conversationId),
      userId: maskPersonalNumbers(record.conversation.userId),
    },
    data: maskValue('data', record.data) as { [key: string]: Json },
  };
}
