/**
 * The services dialogs use (`ctx.services`), built once per process from configuration. Feature
 * modules declare their members on {@link Services} by declaration merging and are constructed here.
 */
import type { Config } from './config.js';
import type { Services } from './engine/dialog.js';
import type { ChannelRegistry } from './channels/channel.js';
import type { Log } from './log/logger.js';
import type { RecordStore } from './store/records.js';
import type { FileRef } from './engine/types.js';
import { createFaqService } from './content/faq/service.js';
import { sharedNlu } from './nlu/index.js';
import { createClaimServices, type ClaimServices } from './claims/services.js';
import type { EventStore } from './store/events.js';
import { openEventStore } from './store/events-open.js';
import { seedSampleEventsIfEmpty } from './content/events/seed.js';
import { placeDirectory, warmPlaceDirectory, type PlaceDirectory } from './content/geo/directory.js';
import { createFaqStats, type FaqStats } from './stats/faq.js';
import { MemoryStatsStore, type StatsStore } from './stats/store.js';

/** Fetches the bytes of a file a user sent, from the channel it came through. */
export interface FileService {
  fetch(channel: string, file: FileRef, maxBytes: number): Promise<Buffer>;
}

declare module './engine/dialog.js' {
  interface Services {
    /** Durable registrations and claims. */
    records: RecordStore;
    /** File downloads from the user's channel. */
    files: FileService;
    /** Uploaded claim documents (encrypted at rest with DOCUMENT_KEY). */
    documents: ClaimServices['documents'];
    /** Video-verification slots of claims. */
    slots: ClaimServices['slots'];
    /** Wrong ticket/NIK guesses in claim-status, per ticket. */
    claimAttempts: ClaimServices['claimAttempts'];
    /** Lookups of other people's registrations (see src/dialogs/bpu/lookup.ts). */
    registrationLookups: ClaimServices['registrationLookups'];
    /** Durable outbox of messages pushed to users (claim status changes). */
    outbox: ClaimServices['outbox'];
    /** Vaccination, socialisation and service events, searched by distance (Redis or DATA_DIR). */
    events: EventStore;
    /** Place lookups: typed text to a place, a shared location to the nearest place. */
    gazetteer: PlaceDirectory;
    /** FAQ outcomes and unanswered questions for the supervisor dashboard. */
    faqStats: FaqStats;
  }
}

/** What {@link createServices} builds from. */
export interface ServiceDeps {
  config: Config;
  log: Log;
  dataDir: string;
  records: RecordStore;
  channels: ChannelRegistry;
  /** Dashboard statistics (src/stats/); a process-local store when absent. */
  stats?: StatsStore;
}

/** Everything dialogs can use. Feature issues add their services here. */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { close: closeClaims, ...claims } = await createClaimServices(deps.config, deps.dataDir);
  const events = await openEventStore(deps.config, deps.dataDir, (error) =>
    deps.log.debug({ err: error.message }, 'events Redis client error'),
  );
  const seeded = await seedSampleEventsIfEmpty(events.store).catch(async (error: unknown) => {
    await events.close();
    throw error;
  });
  if (seeded > 0) {
    deps.log.info({ events: seeded, store: events.kind }, 'event store was empty: seeded the sample events');
  }
  warmPlaceDirectory();
  const services: Services = {
    records: deps.records,
    faq: createFaqService(),
    nlu: sharedNlu(),
    files: { fetch: (channel, file, maxBytes) => deps.channels.fetchFile(channel, file, maxBytes) },
    ...claims,
    events: events.store,
    gazetteer: placeDirectory(),
    faqStats: createFaqStats(deps.stats ?? new MemoryStatsStore(), deps.config.OFFICE_TIMEZONE, deps.log),
    alert: (event, fields) => deps.log.warn({ event, ...fields }, 'security alert'),
  };
  closers.set(services, [closeClaims, events.close]);
  return services;
}

const closers = new WeakMap<Services, (() => Promise<void>)[]>();

/** Closes the connections {@link createServices} opened (called by `App.close`). */
export async function closeServices(services: Services): Promise<void> {
  for (const close of closers.get(services) ?? []) await close();
}
