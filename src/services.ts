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
  }
}

/** What {@link createServices} builds from. */
export interface ServiceDeps {
  config: Config;
  log: Log;
  dataDir: string;
  records: RecordStore;
  channels: ChannelRegistry;
}

/** Everything dialogs can use. Feature issues add their services here. */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  return {
    records: deps.records,
    files: { fetch: (channel, file, maxBytes) => deps.channels.fetchFile(channel, file, maxBytes) },
  };
}
