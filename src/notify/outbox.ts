/**
 * A durable outbox of messages to push to users outside a reply (claim status changes). Whoever
 * decides to notify (the `tanya records set-status` command, the agent console) only enqueues; the
 * running server delivers through its channels ({@link deliverPending}). The outbox survives both
 * processes: files in `DATA_DIR/outbox/` for the embedded default, Redis when configured.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { KeyedSerialQueue } from '../engine/lock.js';
import { Address, Outbound } from '../engine/types.js';
import { maskPersonalNumbers } from '../log/mask.js';
import { writeFileAtomic } from '../store/file-record-store.js';

/** One message waiting to be delivered. */
export const Notification = z.object({
  id: z.string().regex(/^[0-9a-f]{24}$/),
  address: Address,
  outbounds: z.array(Outbound).min(1),
  /** What it is about, safe for logs: `claim:LA-20261121-4F7K2P:verifying`. */
  topic: z.string().max(120),
  createdAt: z.string(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string(),
  lastError: z.string().max(300).optional(),
});
/** One message waiting to be delivered. */
export type Notification = z.infer<typeof Notification>;

/** What a producer hands to {@link NotificationOutbox.enqueue}. */
export interface NewNotification {
  address: Address;
  outbounds: Outbound[];
  topic: string;
}

/** Failed deliveries before a notification is set aside as dead (kept for an operator). */
export const MAX_DELIVERY_ATTEMPTS = 12;
/** How long a claimed notification is hidden from other deliverers. */
export const DELIVERY_LEASE_MS = 60_000;

/** Delay before the next attempt after `attempts` failures: 5 s doubling, at most 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(attempts - 1, 0), 600_000);
}

/** The durable queue of notifications. */
export interface NotificationOutbox {
  readonly kind: 'file' | 'redis';
  enqueue(notification: NewNotification, now: Date): Promise<Notification>;
  /** Takes up to `limit` due notifications, oldest first, and hides them for {@link DELIVERY_LEASE_MS}. */
  claimDue(now: Date, limit: number): Promise<Notification[]>;
  /** Removes a delivered notification. */
  delivered(id: string): Promise<void>;
  /** Schedules another attempt, or sets the notification aside after {@link MAX_DELIVERY_ATTEMPTS}. */
  failed(notification: Notification, error: string, now: Date): Promise<'retry' | 'dead'>;
  /** Notifications not yet delivered (not the dead ones), oldest first. */
  pending(): Promise<Notification[]>;
  /** Calls `listener` after each enqueue in this process (the notifier delivers at once). */
  onEnqueue(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Builds a notification from a producer's input. */
export function newNotification(input: NewNotification, now: Date): Notification {
  return Notification.parse({
    id: randomBytes(12).toString('hex'),
    address: input.address,
    outbounds: input.outbounds,
    topic: input.topic,
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: now.toISOString(),
  });
}

/** The notification after one more failed attempt. */
export function afterFailure(notification: Notification, error: string, now: Date): Notification {
  const attempts = notification.attempts + 1;
  return {
    ...notification,
    attempts,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
    lastError: maskPersonalNumbers(error).slice(0, 300),
  };
}

/** Listeners of in-process enqueues. */
export class EnqueueSignal {
  readonly #listeners = new Set<() => void>();

  /** Adds a listener; returns its remover. */
  add(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls every listener. */
  emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** An outbox of JSON files in `DATA_DIR/outbox/` (dead ones in `outbox/dead/`), mode 0600. */
export class FileOutbox implements NotificationOutbox {
  readonly kind = 'file' as const;
  readonly #dir: string;
  readonly #queue = new KeyedSerialQueue();
  readonly #signal = new EnqueueSignal();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** Opens (and creates) `dataDir/outbox`. */
  static async open(dataDir: string): Promise<FileOutbox> {
    const dir = join(dataDir, 'outbox');
    await mkdir(join(dir, 'dead'), { recursive: true, mode: 0o700 });
    return new FileOutbox(dir);
  }

  /** Like {@link open}, synchronously (test helpers, tools). */
  static openSync(dataDir: string): FileOutbox {
    const dir = join(dataDir, 'outbox');
    mkdirSync(join(dir, 'dead'), { recursive: true, mode: 0o700 });
    return new FileOutbox(dir);
  }

  async enqueue(input: NewNotification, now: Date): Promise<Notification> {
    const notification = newNotification(input, now);
    await this.#write(notification);
    this.#signal.emit();
    return notification;
  }

  async claimDue(now: Date, limit: number): Promise<Notification[]> {
    return this.#queue.run('outbox', async () => {
      const due = (await this.pending())
        .filter((n) => Date.parse(n.nextAttemptAt) <= now.getTime())
        .slice(0, limit);
      const leaseUntil = new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString();
      for (const notification of due) await this.#write({ ...notification, nextAttemptAt: leaseUntil });
      return due;
    });
  }

  async delivered(id: string): Promise<void> {
    await this.#queue.run('outbox', () => rm(this.#path(id), { force: true }));
  }

  async failed(notification: Notification, error: string, now: Date): Promise<'retry' | 'dead'> {
    return this.#queue.run('outbox', async () => {
      const next = afterFailure(notification, error, now);
      await this.#write(next);
      if (next.attempts < MAX_DELIVERY_ATTEMPTS) return 'retry';
      await rename(this.#path(next.id), join(this.#dir, 'dead', `${next.id}.json`));
      return 'dead';
    });
  }

  async pending(): Promise<Notification[]> {
    const names = (await readdir(this.#dir)).filter((name) => /^[0-9a-f]{24}\.json$/.test(name));
    const notifications: Notification[] = [];
    for (const name of names) {
      try {
        notifications.push(Notification.parse(JSON.parse(await readFile(join(this.#dir, name), 'utf8'))));
      } catch (error) {
        // Gone between readdir and read (delivered meanwhile) is normal; anything else is not.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          throw new Error(`outbox/${name}: ${(error as Error).message}`);
      }
    }
    return notifications.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  onEnqueue(listener: () => void): () => void {
    return this.#signal.add(listener);
  }

  async close(): Promise<void> {
    await this.#queue.drain();
  }

  #path(id: string): string {
    if (!/^[0-9a-f]{24}$/.test(id)) throw new Error('invalid notification id');
    return join(this.#dir, `${id}.json`);
  }

  async #write(notification: Notification): Promise<void> {
    await writeFileAtomic(this.#path(notification.id), `${JSON.stringify(notification)}\n`);
  }
}
