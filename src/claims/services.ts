/**
 * Builds the claim services from configuration: the document store (files, encrypted when
 * `DOCUMENT_KEY` is set), verification slots, the ticket-guess limiter of claim-status and the
 * notification outbox. With `REDIS_URL` the last three share one Redis connection; without it they
 * use `DATA_DIR` files and process memory.
 */
import type { Config } from '../config.js';
import { FileOutbox, type NotificationOutbox } from '../notify/outbox.js';
import { RedisOutbox } from '../notify/redis-outbox.js';
import {
  MemoryAttemptLimiter,
  RedisAttemptLimiter,
  type AttemptLimiter,
  type AttemptLimits,
} from '../store/attempts.js';
import { decodeDocumentKey } from '../store/document-key.js';
import { DocumentStore } from '../store/documents.js';
import { connectRedis } from '../store/redis-client.js';
import { RedisSlotStore } from '../store/redis-slot-store.js';
import { FileSlotStore, parseSlotHours, SlotBooking, type SlotSchedule } from '../store/slots.js';

/** The services the claim, claim-status and notification features add. */
export interface ClaimServices {
  /** Uploaded claim documents. */
  documents: DocumentStore;
  /** Video-verification slots. */
  slots: SlotBooking;
  /** Wrong ticket/NIK guesses in claim-status, per ticket. */
  claimAttempts: AttemptLimiter;
  /** Lookups of NIKs someone else registered (BPU form), per conversation and per NIK. */
  registrationLookups: AttemptLimiter;
  /** Messages to push to users (claim status changes). */
  outbox: NotificationOutbox;
  /** Closes the connections opened here. */
  close(): Promise<void>;
}

/** Three lookups of other people's registrations in a day withhold even whether a NIK is registered, for a day. */
export const REGISTRATION_LOOKUP_LIMITS: AttemptLimits = {
  limit: 3,
  windowMs: 86_400_000,
  lockMs: 86_400_000,
};

/** The slot schedule from configuration. */
export function slotSchedule(config: Config): SlotSchedule {
  const hours = parseSlotHours(config.SLOT_HOURS);
  if (!hours) throw new Error(`invalid SLOT_HOURS ${config.SLOT_HOURS}`);
  return {
    ...hours,
    slotMinutes: config.SLOT_MINUTES,
    capacity: config.SLOT_CAPACITY,
    daysAhead: config.SLOT_DAYS_AHEAD,
  };
}

/** Creates the claim services for a process. */
export async function createClaimServices(config: Config, dataDir: string): Promise<ClaimServices> {
  const documents = await DocumentStore.open(dataDir, {
    key: config.DOCUMENT_KEY ? decodeDocumentKey(config.DOCUMENT_KEY) : undefined,
    maxBytes: config.DOCUMENT_MAX_BYTES,
  });
  const schedule = slotSchedule(config);
  if (config.REDIS_URL) {
    const client = await connectRedis(config.REDIS_URL);
    const prefix = config.REDIS_PREFIX;
    return {
      documents,
      slots: new SlotBooking(new RedisSlotStore(client, prefix), schedule),
      claimAttempts: new RedisAttemptLimiter(client, prefix, 'claim-status'),
      registrationLookups: new RedisAttemptLimiter(
        client,
        prefix,
        'registration-lookup',
        REGISTRATION_LOOKUP_LIMITS,
      ),
      outbox: new RedisOutbox(client, prefix),
      async close() {
        if (client.isReady) await client.close();
        else if (client.isOpen) client.destroy();
      },
    };
  }
  const slotStore = await FileSlotStore.open(dataDir);
  const outbox = await FileOutbox.open(dataDir);
  return {
    documents,
    slots: new SlotBooking(slotStore, schedule),
    claimAttempts: new MemoryAttemptLimiter(),
    registrationLookups: new MemoryAttemptLimiter(REGISTRATION_LOOKUP_LIMITS),
    outbox,
    async close() {
      await slotStore.close();
      await outbox.close();
    },
  };
}
