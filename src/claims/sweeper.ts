/**
 * Removes uploaded documents that no record refers to once they are older than the session TTL: the
 * uploads of claim forms that were cancelled or abandoned (a form lives at most that long). Wire it
 * in `serve()` beside the notifier: `const sweeper = startDocumentSweeper(app);` and
 * `sweeper.stop()` on shutdown.
 */
import type { Services } from '../engine/dialog.js';
import type { Log } from '../log/logger.js';

/** What the sweeper needs of the app (`App` satisfies it). */
export interface SweeperHost {
  readonly services: Pick<Services, 'documents' | 'records'>;
  readonly log: Log;
  readonly config: { readonly SESSION_TTL_HOURS: number };
}

/** Ids of every document any record refers to (`data.documents[].id`), whatever the record's type. */
async function referencedDocuments(records: Services['records']): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const record of await records.list()) {
    const documents = record.data.documents;
    if (!Array.isArray(documents)) continue;
    for (const doc of documents) {
      if (doc && typeof doc === 'object' && !Array.isArray(doc) && typeof doc.id === 'string')
        ids.add(doc.id);
    }
  }
  return ids;
}

/**
 * Deletes unreferenced documents created before `olderThan`, and stray files (no metadata) older
 * than it; returns how many.
 */
export async function sweepOrphanDocuments(host: SweeperHost, olderThan: Date): Promise<number> {
  const { documents, records } = host.services;
  const keep = await referencedDocuments(records);
  let removed = 0;
  for (const meta of await documents.list()) {
    if (keep.has(meta.id) || Date.parse(meta.createdAt) >= olderThan.getTime()) continue;
    if (await documents.delete(meta.id)) removed += 1;
  }
  const strays = await documents.removeStrayFiles(olderThan);
  if (removed) host.log.info({ removed }, 'removed documents of abandoned claim forms');
  if (strays) host.log.info({ removed: strays }, 'removed document files without metadata');
  return removed + strays;
}

/** Sweeps now and then every `intervalMs` (default hourly); `stop()` ends it. */
export function startDocumentSweeper(
  host: SweeperHost,
  options: { intervalMs?: number; clock?: () => Date } = {},
): { stop(): Promise<void> } {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() =>
      sweepOrphanDocuments(
        host,
        new Date(clock().getTime() - host.config.SESSION_TTL_HOURS * 3_600_000),
      ).catch((error: unknown) => host.log.error({ err: (error as Error).message }, 'document sweep failed')),
    );
  };
  const timer = setInterval(run, options.intervalMs ?? 3_600_000);
  timer.unref();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
