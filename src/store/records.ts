/**
 * Durable records: BPU registrations and claims. One small interface, two implementations (files in
 * DATA_DIR for the embedded default, Redis for production). Records carry an idempotency key so a
 * repeated confirmation creates one record, and optional unique keys (e.g. a NIK's hash) so the same
 * person cannot be registered twice.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { JsonObject } from '../engine/types.js';
import { Address } from '../engine/types.js';

/** Kinds of record. */
export const RecordType = z.enum(['registration', 'claim']);
/** A kind of record. */
export type RecordType = z.infer<typeof RecordType>;

/** One status change. */
export const StatusChange = z.object({
  status: z.string(),
  at: z.string(),
  note: z.string().optional(),
  by: z.string().optional(),
});
/** One status change. */
export type StatusChange = z.infer<typeof StatusChange>;

/** A stored record. `data` is validated by the feature that owns the record type. */
export const StoredRecord = z.object({
  id: z.string().regex(/^[A-Z]{2,4}-\d{8}-[0-9A-Z]{6}$/),
  type: RecordType,
  status: z.string(),
  history: z.array(StatusChange),
  /** The conversation that created it, so status changes can be told to the user. */
  conversation: Address,
  idempotencyKey: z.string(),
  uniqueKeys: z.array(z.string()),
  data: z.record(z.string(), z.unknown()).transform((value) => value as JsonObject),
  createdAt: z.string(),
  updatedAt: z.string(),
  rev: z.number().int().nonnegative(),
});
/** A stored record. */
export type StoredRecord = z.infer<typeof StoredRecord>;

/** What a feature hands to {@link RecordStore.create}. */
export interface NewRecord {
  type: RecordType;
  /** Reference prefix: `BPU`, `LA`. */
  prefix: string;
  status: string;
  conversation: Address;
  idempotencyKey: string;
  uniqueKeys?: string[];
  data: JsonObject;
  note?: string;
}

/** Outcome of {@link RecordStore.create}. */
export type CreateResult =
  /** A new record was stored. */
  | { status: 'created'; record: StoredRecord }
  /** A record with this idempotency key exists already (a repeated confirmation): that one. */
  | { status: 'existing'; record: StoredRecord }
  /** Another record holds one of the unique keys (e.g. this NIK is registered): that one. */
  | { status: 'duplicate'; key: string; record: StoredRecord };

/** Filters for {@link RecordStore.list}. */
export interface RecordQuery {
  type?: RecordType;
}

/** Durable records. */
export interface RecordStore {
  readonly kind: 'file' | 'redis';
  create(record: NewRecord, now: Date): Promise<CreateResult>;
  get(id: string): Promise<StoredRecord | undefined>;
  /** The record holding a unique key, if any. */
  findByUniqueKey(key: string): Promise<StoredRecord | undefined>;
  /** Records, oldest first. */
  list(query?: RecordQuery): Promise<StoredRecord[]>;
  /** Appends a status change; returns the updated record, or undefined when the id is unknown. */
  setStatus(id: string, change: StatusChange, dataPatch?: JsonObject): Promise<StoredRecord | undefined>;
  /** Removes a record and frees its keys (privacy requests). */
  delete(id: string): Promise<boolean>;
  close(): Promise<void>;
}

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A reference like `BPU-20261121-7KQ2XM`: prefix, the date in WIB, 6 unambiguous characters. */
export function newReference(prefix: string, now: Date): string {
  const wib = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${prefix}-${wib}-${suffix}`;
}

/** Builds the stored form of a new record. */
export function materialise(record: NewRecord, id: string, now: Date): StoredRecord {
  const at = now.toISOString();
  return {
    id,
    type: record.type,
    status: record.status,
    history: [{ status: record.status, at, ...(record.note ? { note: record.note } : {}) }],
    conversation: record.conversation,
    idempotencyKey: record.idempotencyKey,
    uniqueKeys: record.uniqueKeys ?? [],
    data: record.data,
    createdAt: at,
    updatedAt: at,
    rev: 0,
  };
}

/** Applies a status change to a record (a new object). */
export function withStatus(record: StoredRecord, change: StatusChange, dataPatch?: JsonObject): StoredRecord {
  return {
    ...record,
    status: change.status,
    history: [...record.history, change],
    data: dataPatch ? { ...record.data, ...dataPatch } : record.data,
    updatedAt: change.at,
    rev: record.rev + 1,
  };
}
