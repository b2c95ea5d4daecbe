/**
 * Claim services for tests: documents and outbox in a fresh temp dir, slots and ticket-guess
 * counters in memory, with the default schedule (09:00-15:00 WIB, 30-minute slots, 3 places).
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FileOutbox } from '../../src/notify/outbox.js';
import { MemoryAttemptLimiter } from '../../src/store/attempts.js';
import { REGISTRATION_LOOKUP_LIMITS } from '../../src/claims/services.js';
import { DocumentStore, type DocumentStoreOptions } from '../../src/store/documents.js';
import { FileSlotStore, SlotBooking, type SlotSchedule } from '../../src/store/slots.js';
import type { Services } from '../../src/engine/dialog.js';
import type { InboundBody } from './converse.js';
import type { Address, JsonObject } from '../../src/engine/types.js';
import type { ClaimData } from '../../src/claims/record.js';
import type { NewRecord } from '../../src/store/records.js';

/** The default verification schedule. */
export const TEST_SCHEDULE: SlotSchedule = {
  startMinute: 9 * 60,
  endMinute: 15 * 60,
  slotMinutes: 30,
  capacity: 3,
  daysAhead: 10,
};

/** Options of {@link createTestClaimServices}. */
export interface TestClaimOptions {
  dataDir?: string;
  documents?: DocumentStoreOptions;
  schedule?: Partial<SlotSchedule>;
}

/** Real claim services over a temp dir and memory. */
export function createTestClaimServices(
  options: TestClaimOptions = {},
): Pick<Services, 'documents' | 'slots' | 'claimAttempts' | 'registrationLookups' | 'outbox'> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tanya-claims-'));
  return {
    documents: DocumentStore.openSync(dataDir, options.documents),
    slots: new SlotBooking(FileSlotStore.inMemory(), { ...TEST_SCHEDULE, ...options.schedule }),
    claimAttempts: new MemoryAttemptLimiter(),
    registrationLookups: new MemoryAttemptLimiter(REGISTRATION_LOOKUP_LIMITS),
    outbox: FileOutbox.openSync(dataDir),
  };
}

/** An inbound upload of a local file, as the terminal channel (`cli`) would deliver it. */
export function upload(path: string, mime?: string): InboundBody {
  const file = { ref: path, name: basename(path), size: statSync(path).size, ...(mime ? { mime } : {}) };
  return mime?.startsWith('image/') ? { kind: 'image', file } : { kind: 'document', file };
}

/** A valid NIK of a woman born 5 June 1990, first issued in Jakarta Timur (WIB). */
export const NIK_JAKARTA = '3175024506900001';
/** A valid NIK of a man born 12 March 1985, first issued in Makassar (WITA). */
export const NIK_MAKASSAR = '7371011203850002';

/** A well-formed claim record as the claim dialog creates it (documents not stored). */
export function sampleClaim(conversation: Address, overrides: Partial<ClaimData> = {}): NewRecord {
  const data: ClaimData = {
    reason: 'resign',
    exitDate: '2026-09-01',
    membershipYears: null,
    nik: NIK_MAKASSAR,
    kpj: '12345678901',
    name: 'Andi Saputra',
    heirName: null,
    documents: [
      { type: 'ktp', id: 'a'.repeat(32), mime: 'application/pdf', size: 329, sha256: 'b'.repeat(64) },
    ],
    bank: { bank: 'BRI', account: '0123456789', holder: 'Andi Saputra' },
    slot: { id: '2026-11-23T09:00+07:00', startsAt: '2026-11-23T02:00:00.000Z', zone: 'WITA' },
    locale: 'id',
    ...overrides,
  };
  return {
    type: 'claim',
    prefix: 'LA',
    status: 'submitted',
    conversation,
    idempotencyKey: `claim:${conversation.channel}:${conversation.conversationId}:${Math.random()}`,
    data: data as unknown as JsonObject,
  };
}
