/**
 * Delivers the outbox through the channels running in this process: a poller on an interval (for
 * notifications other processes enqueued, e.g. `tanya records set-status`) that also runs at once
 * whenever this process enqueues one. A notification whose channel is not running here, or whose
 * delivery fails, is retried with backoff and set aside after too many failures.
 */
import type { ChannelRegistry } from '../channels/channel.js';
import type { Services } from '../engine/dialog.js';
import type { Log } from '../log/logger.js';

/** What the notifier needs of the app (`App` satisfies it). */
export interface NotifierHost {
  readonly channels: ChannelRegistry;
  readonly services: Services;
  readonly log: Log;
  readonly config?: { readonly NOTIFY_INTERVAL_MS?: number };
}

/** Counts of one delivery run. */
export interface DeliveryReport {
  delivered: number;
  failed: number;
}

const BATCH = 50;

/** Delivers every due notification once; never throws for a failed delivery. */
export async function deliverPending(app: NotifierHost, now: Date = new Date()): Promise<DeliveryReport> {
  const outbox = app.services.outbox;
  const report: DeliveryReport = { delivered: 0, failed: 0 };
  for (;;) {
    const due = await outbox.claimDue(now, BATCH);
    for (const notification of due) {
      try {
        await app.channels.send(notification.address, notification.outbounds);
        await outbox.delivered(notification.id);
        report.delivered += 1;
        app.log.info({ notification: notification.id, topic: notification.topic }, 'notification delivered');
      } catch (error) {
        report.failed += 1;
        const outcome = await outbox.failed(notification, (error as Error).message, now);
        app.log.warn(
          {
            notification: notification.id,
            topic: notification.topic,
            channel: notification.address.channel,
            attempts: notification.attempts + 1,
            outcome,
            err: (error as Error).message,
          },
          'notification delivery failed',
        );
      }
    }
    if (due.length < BATCH) return report;
  }
}

/** A running notifier. */
export interface Notifier {
  /** Runs a delivery now (or right after the one in progress). */
  trigger(): void;
  /** Resolves when no delivery is running or queued. */
  idle(): Promise<void>;
  /** Stops the poller and waits for the delivery in progress. */
  stop(): Promise<void>;
}

/**
 * Starts delivering the outbox every `NOTIFY_INTERVAL_MS` (default 5 s) and immediately after each
 * in-process enqueue. Wire it in `serve()`: `const notifier = startNotifier(app);` and
 * `await notifier.stop()` before `app.close()`.
 */
export function startNotifier(app: NotifierHost, options: { intervalMs?: number } = {}): Notifier {
  const intervalMs = options.intervalMs ?? app.config?.NOTIFY_INTERVAL_MS ?? 5_000;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  // While the outbox stays unavailable (Redis down) only the first failure is logged above debug.
  let failing = false;

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deliverPending(app);
          failing = false;
        } catch (error) {
          const level = failing ? 'debug' : 'error';
          app.log[level]({ err: (error as Error).message }, 'notification outbox unavailable');
          failing = true;
        }
      } while (again && !stopped);
      running = undefined;
    })();
    return running;
  };

  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  const unsubscribe = app.services.outbox.onEnqueue(() => {
    if (!stopped) void run();
  });
  void run();

  return {
    trigger: () => void run(),
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      while (running) await running;
    },
  };
}
