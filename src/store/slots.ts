/**
 * Video-verification slots for claims. The schedule is kept in WIB (the agency's working hours):
 * working days Monday-Friday, `SLOT_HOURS` split into `SLOT_MINUTES` slots of `SLOT_CAPACITY`
 * places each, offered from the next working day for `SLOT_DAYS_AHEAD` working days. Users see
 * the times in their own zone (WIB/WITA/WIT).
 *
 * Booking is atomic: in one process the file/memory store serialises bookings; with Redis a Lua
 * script checks the count and adds the holder in one step, so two users can never both take the
 * last place of a slot. National holidays are not known here (see `addWorkingDays`).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { KeyedSerialQueue } from '../engine/lock.js';
import type { Locale } from '../engine/types.js';
import { addWorkingDays, isIsoDate, localDate, type IsoDate } from '../rules/dates.js';
import { TIME_ZONES, type TimeZoneCode } from '../rules/provinces.js';
import { writeFileAtomic } from './file-record-store.js';
import { dateTimeFormat } from '../content/intl.js';

/** The verification schedule. Minutes are minutes after midnight WIB. */
export interface SlotSchedule {
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
  /** Places per slot. */
  capacity: number;
  /** Working days offered, starting with the next one. */
  daysAhead: number;
}

/** One verification slot. */
export interface Slot {
  /** `2026-11-23T09:00+07:00`: the start in WIB, also a valid ISO 8601 instant. */
  id: string;
  startsAt: Date;
}

/** A slot with its free places. */
export interface OfferedSlot extends Slot {
  remaining: number;
}

/** Outcome of a booking. */
export type BookingResult = 'booked' | 'already' | 'full' | 'invalid';

/** Where bookings are kept. */
export interface SlotStore {
  /** Places taken per slot id (absent = none). */
  taken(slotIds: readonly string[]): Promise<Map<string, number>>;
  /** Takes a place for `holder` unless the slot has `capacity` holders already; idempotent per holder. */
  book(
    slotId: string,
    holder: string,
    capacity: number,
    expiresAt: Date,
  ): Promise<'booked' | 'already' | 'full'>;
  /** Gives a place back; false when the holder had none. */
  release(slotId: string, holder: string): Promise<boolean>;
  close(): Promise<void>;
}

const HOURS = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
const SLOT_ID = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})\+07:00$/;
const MINUTE_MS = 60_000;
const WIB_OFFSET_MS = 7 * 3_600_000;

/** Parses `SLOT_HOURS` (`09:00-15:00`, WIB); undefined when malformed or empty. */
export function parseSlotHours(text: string): { startMinute: number; endMinute: number } | undefined {
  const m = HOURS.exec(text.trim());
  if (!m) return undefined;
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  return endMinute > startMinute ? { startMinute, endMinute } : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

function slotAt(date: IsoDate, minute: number): Slot {
  const id = `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}+07:00`;
  return { id, startsAt: new Date(id) };
}

/** Every slot of the schedule offered at `now`: from the next working day (WIB), in time order. */
export function scheduleSlots(now: Date, schedule: SlotSchedule): Slot[] {
  const slots: Slot[] = [];
  let day = localDate(now, 'WIB');
  for (let i = 0; i < schedule.daysAhead; i++) {
    day = addWorkingDays(day, 1);
    for (
      let minute = schedule.startMinute;
      minute + schedule.slotMinutes <= schedule.endMinute;
      minute += schedule.slotMinutes
    ) {
      slots.push(slotAt(day, minute));
    }
  }
  return slots;
}

/** The slot with this id if it belongs to the schedule (any day), else undefined. */
export function parseSlotId(id: string, schedule: SlotSchedule): Slot | undefined {
  const m = SLOT_ID.exec(id);
  if (!m || !isIsoDate(m[1] as string)) return undefined;
  const minute = Number(m[2]) * 60 + Number(m[3]);
  const slot = slotAt(m[1] as IsoDate, minute);
  if (slot.id !== id) return undefined; // "09:90" is not 10:30
  const offset = minute - schedule.startMinute;
  const fits =
    offset >= 0 && offset % schedule.slotMinutes === 0 && minute + schedule.slotMinutes <= schedule.endMinute;
  const weekday = new Date(slot.startsAt.getTime() + WIB_OFFSET_MS).getUTCDay();
  return fits && weekday !== 0 && weekday !== 6 ? slot : undefined;
}

/** "Sen, 23 Nov 10.00 WITA": the slot's start in the user's zone and language. */
export function formatSlot(slot: Slot | string, zone: TimeZoneCode, locale: Locale): string {
  const startsAt = typeof slot === 'string' ? new Date(slot) : slot.startsAt;
  const timeZone = TIME_ZONES[zone].iana;
  const tag = locale === 'en' ? 'en-GB' : 'id-ID';
  const day = dateTimeFormat(tag, { weekday: 'short', day: 'numeric', month: 'short', timeZone });
  const time = dateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return `${day.format(startsAt)} ${time.format(startsAt)} ${zone}`;
}

/** Holders are stored hashed: the booking key may contain a conversation id (a phone number). */
function holderKey(holder: string): string {
  return createHash('sha256').update(holder).digest('hex').slice(0, 32);
}

/** The schedule over a store: what dialogs use to offer and book slots. */
export class SlotBooking {
  constructor(
    readonly store: SlotStore,
    readonly schedule: SlotSchedule,
  ) {}

  /** Free slots at `now`, in time order, after skipping `skip` of them. */
  async available(now: Date, skip: number, limit: number): Promise<OfferedSlot[]> {
    const slots = scheduleSlots(now, this.schedule);
    const taken = await this.store.taken(slots.map((slot) => slot.id));
    return slots
      .map((slot) => ({ ...slot, remaining: this.schedule.capacity - (taken.get(slot.id) ?? 0) }))
      .filter((slot) => slot.remaining > 0)
      .slice(skip, skip + limit);
  }

  /** Books a place; `invalid` for an id outside the schedule or a slot that has begun. */
  async book(slotId: string, holder: string, now: Date): Promise<BookingResult> {
    const slot = parseSlotId(slotId, this.schedule);
    if (!slot || slot.startsAt.getTime() <= now.getTime()) return 'invalid';
    const expiresAt = new Date(slot.startsAt.getTime() + 30 * 24 * 60 * MINUTE_MS);
    return this.store.book(slotId, holderKey(holder), this.schedule.capacity, expiresAt);
  }

  /** Gives back the place `holder` took. */
  async release(slotId: string, holder: string): Promise<boolean> {
    return this.store.release(slotId, holderKey(holder));
  }
}

const DayFile = z.record(z.string(), z.array(z.string()));

/**
 * Bookings in `DATA_DIR/slots/<date>.json` (or in memory only), serialised in this process: the
 * embedded default, one process. Use {@link RedisSlotStore} to share slots between instances.
 */
export class FileSlotStore implements SlotStore {
  readonly #dir: string | null;
  readonly #memory = new Map<string, Record<string, string[]>>();
  readonly #queue = new KeyedSerialQueue();

  private constructor(dir: string | null) {
    this.#dir = dir;
  }

  /** Bookings kept in memory only (tests). */
  static inMemory(): FileSlotStore {
    return new FileSlotStore(null);
  }

  /** Opens (and creates) `dataDir/slots`. */
  static async open(dataDir: string): Promise<FileSlotStore> {
    const dir = join(dataDir, 'slots');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return new FileSlotStore(dir);
  }

  async taken(slotIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const days = new Map<string, Record<string, string[]>>();
    for (const id of slotIds) {
      const day = id.slice(0, 10);
      if (!days.has(day)) days.set(day, await this.#load(day));
      const holders = days.get(day)?.[id];
      if (holders?.length) counts.set(id, holders.length);
    }
    return counts;
  }

  async book(slotId: string, holder: string, capacity: number): Promise<'booked' | 'already' | 'full'> {
    return this.#queue.run('book', async () => {
      const day = slotId.slice(0, 10);
      const file = await this.#load(day);
      const holders = file[slotId] ?? [];
      if (holders.includes(holder)) return 'already';
      if (holders.length >= capacity) return 'full';
      file[slotId] = [...holders, holder];
      await this.#save(day, file);
      return 'booked';
    });
  }

  async release(slotId: string, holder: string): Promise<boolean> {
    return this.#queue.run('book', async () => {
      const day = slotId.slice(0, 10);
      const file = await this.#load(day);
      const holders = file[slotId] ?? [];
      if (!holders.includes(holder)) return false;
      file[slotId] = holders.filter((h) => h !== holder);
      await this.#save(day, file);
      return true;
    });
  }

  async close(): Promise<void> {
    await this.#queue.drain();
  }

  async #load(day: string): Promise<Record<string, string[]>> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return {};
    if (!this.#dir) return structuredClone(this.#memory.get(day) ?? {});
    try {
      return DayFile.parse(JSON.parse(await readFile(join(this.#dir, `${day}.json`), 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`slots file ${day}.json is unreadable: ${(error as Error).message}`);
    }
  }

  async #save(day: string, file: Record<string, string[]>): Promise<void> {
    if (!this.#dir) this.#memory.set(day, structuredClone(file));
    else await writeFileAtomic(join(this.#dir, `${day}.json`), `${JSON.stringify(file)}\n`);
  }
}
