/**
 * Builds engines for tests from the product's own parts, plus fixture dialogs where a test needs one.
 */
import { Engine, type EngineOptions } from '../../src/engine/engine.js';
import { createTranslator, loadLocaleResources } from '../../src/engine/i18n.js';
import type { Dialog } from '../../src/engine/dialog.js';
import { createDialogRegistry } from '../../src/dialogs/index.js';
import { createRouter } from '../../src/dialogs/router.js';
import { MemorySessionStore } from '../../src/store/memory-session-store.js';
import type { SessionStore } from '../../src/store/session-store.js';
import { FakeClock } from './clock.js';
import { FileRecordStore } from '../../src/store/file-record-store.js';
import { ChannelRegistry } from '../../src/channels/channel.js';
import { createConsoleChannel } from '../../src/channels/console/channel.js';
import type { Services } from '../../src/engine/dialog.js';
import { createTestClaimServices } from './claims.js';
import { createFaqService, type FaqService } from '../../src/content/faq/service.js';
import { sharedNlu } from '../../src/nlu/index.js';
import { faqDigression } from '../../src/dialogs/faq.js';
import { exceptEventsQueries } from '../../src/dialogs/events/digression.js';
import { MemoryEventStore } from '../../src/store/events-memory.js';
import { placeDirectory } from '../../src/content/geo/directory.js';
import { createFaqStats } from '../../src/stats/faq.js';
import { MemoryStatsStore } from '../../src/stats/store.js';

let faq: FaqService | undefined;
/** The real FAQ over the shipped content, built once per test file. */
function sharedFaq(): FaqService {
  faq ??= createFaqService();
  return faq;
}

/** Real services over in-memory records and the terminal channel's local-file fetching. */
export function createTestServices(overrides: Partial<Services> = {}): Services {
  const channels = new ChannelRegistry().register(createConsoleChannel());
  return {
    records: FileRecordStore.inMemory(),
    faq: sharedFaq(),
    nlu: sharedNlu(),
    ...createTestClaimServices(),
    events: new MemoryEventStore(),
    gazetteer: placeDirectory(),
    files: { fetch: (channel, file, maxBytes) => channels.fetchFile(channel, file, maxBytes) },
    faqStats: createFaqStats(new MemoryStatsStore(), 'Asia/Jakarta'),
    alert: () => undefined,
    ...overrides,
  };
}

const resources = loadLocaleResources();

/** Options for {@link createTestEngine}. */
export interface TestEngineOptions extends Partial<
  Omit<EngineOptions, 'dialogs' | 'route' | 'translator' | 'services'>
> {
  services?: Partial<Services>;
  extraDialogs?: Dialog[];
  clock?: () => Date;
}

/** An engine over the real dialogs and locales, an in-memory store and a fake clock by default. */
export function createTestEngine(options: TestEngineOptions = {}): {
  engine: Engine;
  store: SessionStore;
  clock: FakeClock;
} {
  const clock = new FakeClock();
  const store = options.store ?? new MemorySessionStore({}, clock.millis);
  const dialogs = createDialogRegistry();
  if (options.extraDialogs?.length) dialogs.register(...options.extraDialogs);
  const { extraDialogs: _extra, services, ...rest } = options;
  const engine = new Engine({
    clock: clock.now,
    ...rest,
    services: createTestServices(services),
    digression: exceptEventsQueries(faqDigression),
    store,
    dialogs,
    translator: createTranslator(resources),
    route: createRouter(dialogs),
  });
  return { engine, store, clock };
}
