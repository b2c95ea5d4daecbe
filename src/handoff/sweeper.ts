/**
 * The sweeper: requests nobody took within `HANDOFF_TIMEOUT_MINUTES` of office time get an apology
 * and a callback offer (and the bot back); entries whose session expired leave the queue. Every
 * instance may run one: the timeout event's id is per ticket, so the engine's dedupe lets exactly one
 * of them through.
 */
import type { Log } from '../log/logger.js';
import type { QueueEntry } from './model.js';
import type { OfficeSchedule } from './office-hours.js';
import type { HandoffService } from './service.js';
import type { HandoffIndex } from './stores.js';

/** What the sweeper needs; `clock` is injectable for tests. */
export interface SweeperDeps {
  index: HandoffIndex;
  service: HandoffService;
  schedule: OfficeSchedule;
  timeoutMs: number;
  sessionTtlMs: number;
  clock: () => Date;
  log?: Log;
}

/** When a queued request times out: the timeout counts from when it entered, or from the next opening. */
export function timeoutAt(entry: QueueEntry, schedule: OfficeSchedule, timeoutMs: number): number {
  return schedule.openFrom(new Date(entry.queuedAt)).getTime() + timeoutMs;
}

/** Periodic clean-up of the queue. */
export class HandoffSweeper {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;

  constructor(private readonly deps: SweeperDeps) {}

  /** One pass; returns how many requests timed out and how many stale entries were removed. */
  async sweep(): Promise<{ timedOut: number; removed: number }> {
    const now = this.deps.clock().getTime();
    let timedOut = 0;
    let removed = 0;
    for (const entry of await this.deps.index.list()) {
      if (now - Date.parse(entry.lastMessageAt) > this.deps.sessionTtlMs) {
        const handoff = await this.deps.service.handoff(entry.key);
        if (!handoff || handoff.ticket !== entry.ticket) {
          await this.deps.index.remove(entry.key);
          removed++;
          continue;
        }
      }
      if (entry.state === 'queued' && now >= timeoutAt(entry, this.deps.schedule, this.deps.timeoutMs)) {
        await this.deps.service.timeout(entry);
        timedOut++;
      }
    }
    if (timedOut || removed) this.deps.log?.info({ timedOut, removed }, 'handoff queue swept');
    return { timedOut, removed };
  }

  /** Sweeps every `intervalMs` until {@link stop}. */
  start(intervalMs = 30_000): void {
    void this.stop();
    this.#timer = setInterval(() => {
      if (this.#running) return;
      this.#running = this.sweep()
        .catch((error: unknown) =>
          this.deps.log?.warn({ err: (error as Error).message }, 'handoff sweep failed'),
        )
        .finally(() => (this.#running = undefined));
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops sweeping and waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
