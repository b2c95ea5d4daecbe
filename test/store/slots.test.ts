/**
 * Verification slots: the WIB schedule on working days, times in WIB/WITA/WIT, and atomic booking
 * (serialised in process; one Lua script on a real Redis, raced from separate connections).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SCHEDULE } from '../helpers/claims.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import {
  FileSlotStore,
  formatSlot,
  parseSlotHours,
  parseSlotId,
  scheduleSlots,
  SlotBooking,
} from '../../src/store/slots.js';
import { RedisSlotStore } from '../../src/store/redis-slot-store.js';
import { loadConfig } from '../../src/config.js';

// Friday 20 November 2026, 16:00 WIB.
const friday = new Date('2026-11-20T09:00:00Z');

describe('the slot schedule', () => {
  it('starts on the next working day and skips weekends', () => {
    const slots = scheduleSlots(friday, { ...TEST_SCHEDULE, daysAhead: 2 });
    expect(slots).toHaveLength(24); // 09:00-15:00 in 30 minutes = 12 a day
    expect(slots[0]?.id).toBe('2026-11-23T09:00+07:00'); // Monday
    expect(slots[11]?.id).toBe('2026-11-23T14:30+07:00');
    expect(slots[12]?.id).toBe('2026-11-24T09:00+07:00');
    expect(slots[0]?.startsAt.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    // Monday 08:00 WIB: the first slot is Tuesday, never the same day.
    expect(scheduleSlots(new Date('2026-11-23T01:00:00Z'), TEST_SCHEDULE)[0]?.id).toBe(
      '2026-11-24T09:00+07:00',
    );
  });

  it('shows times in the user zone', () => {
    const [first] = scheduleSlots(friday, TEST_SCHEDULE);
    expect(formatSlot(first!, 'WIB', 'id')).toBe('Sen, 23 Nov 09.00 WIB');
    expect(formatSlot(first!, 'WITA', 'id')).toBe('Sen, 23 Nov 10.00 WITA');
    expect(formatSlot(first!, 'WIT', 'en')).toBe('Mon 23 Nov 11:00 WIT');
  });

  it('accepts only slot ids of the schedule', () => {
    expect(parseSlotId('2026-11-23T10:30+07:00', TEST_SCHEDULE)?.startsAt.toISOString()).toBe(
      '2026-11-23T03:30:00.000Z',
    );
    for (const id of [
      '2026-11-23T10:15+07:00',
      '2026-11-23T15:00+07:00',
      '2026-11-22T10:00+07:00',
      '2026-02-30T10:00+07:00',
      'x',
    ]) {
      expect(parseSlotId(id, TEST_SCHEDULE)).toBeUndefined();
    }
  });

  it('reads SLOT_HOURS, SLOT_MINUTES and SLOT_CAPACITY from the environment', () => {
    expect(parseSlotHours('08:30-12:00')).toEqual({ startMinute: 510, endMinute: 720 });
    expect(parseSlotHours('15:00-09:00')).toBeUndefined();
    expect(loadConfig({ SLOT_HOURS: '08:00-10:00', SLOT_MINUTES: '60', SLOT_CAPACITY: '5' })).toMatchObject({
      SLOT_HOURS: '08:00-10:00',
      SLOT_MINUTES: 60,
      SLOT_CAPACITY: 5,
    });
    expect(() => loadConfig({ SLOT_HOURS: '9-15' })).toThrow(/SLOT_HOURS="9-15": must be HH:MM-HH:MM/);
  });
});

describe('booking in one process', () => {
  it('never gives more places than the capacity, even to concurrent bookings, and is idempotent', async () => {
    const booking = new SlotBooking(FileSlotStore.inMemory(), TEST_SCHEDULE);
    const slot = '2026-11-23T09:00+07:00';
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => booking.book(slot, `claim-${i}`, friday)),
    );
    expect(results.filter((r) => r === 'booked')).toHaveLength(3);
    expect(results.filter((r) => r === 'full')).toHaveLength(7);
    expect(await booking.book(slot, 'claim-0', friday)).toBe('already');
    const offered = await booking.available(friday, 0, 2);
    expect(offered.map((s) => [s.id, s.remaining])).toEqual([
      ['2026-11-23T09:30+07:00', 3],
      ['2026-11-23T10:00+07:00', 3],
    ]);
    expect(await booking.release(slot, 'claim-0')).toBe(true);
    expect((await booking.available(friday, 0, 1))[0]).toMatchObject({ id: slot, remaining: 1 });
    expect(await booking.book('2026-11-20T09:00+07:00', 'late', friday)).toBe('invalid');
  });

  it('keeps bookings in DATA_DIR across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanya-slots-'));
    const first = new SlotBooking(await FileSlotStore.open(dir), { ...TEST_SCHEDULE, capacity: 1 });
    expect(await first.book('2026-11-23T09:00+07:00', 'a', friday)).toBe('booked');
    await first.store.close();
    const second = new SlotBooking(await FileSlotStore.open(dir), { ...TEST_SCHEDULE, capacity: 1 });
    expect(await second.book('2026-11-23T09:00+07:00', 'b', friday)).toBe('full');
  });
});

describe('booking on Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => redis?.stop());

  it('gives the last place to exactly one of two instances racing for it', async () => {
    const stores = await Promise.all([
      RedisSlotStore.connect(redis.url, 'race:'),
      RedisSlotStore.connect(redis.url, 'race:'),
    ]);
    const [a, b] = stores.map((store) => new SlotBooking(store, TEST_SCHEDULE)) as [SlotBooking, SlotBooking];
    const slot = '2026-11-23T09:00+07:00';
    for (let round = 0; round < 20; round++) {
      const id = `2026-11-${String(23 + (round % 5)).padStart(2, '0')}T${String(9 + Math.floor(round / 5)).padStart(2, '0')}:00+07:00`;
      await a.book(id, `early-1-${round}`, friday);
      await b.book(id, `early-2-${round}`, friday);
      const [x, y] = await Promise.all([a.book(id, `x-${round}`, friday), b.book(id, `y-${round}`, friday)]);
      expect([x, y].sort()).toEqual(['booked', 'full']);
    }
    // Many holders at once from both connections: exactly the capacity.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).book('2026-11-30T14:30+07:00', `h${i}`, friday)),
    );
    expect(results.filter((r) => r === 'booked')).toHaveLength(3);
    expect((await a.available(friday, 0, 100)).find((s) => s.id === slot)).toBeUndefined();
    await Promise.all(stores.map((store) => store.close()));
  });

  it('is idempotent per holder and releases places', async () => {
    const store = await RedisSlotStore.connect(redis.url, 'idem:');
    const booking = new SlotBooking(store, { ...TEST_SCHEDULE, capacity: 1 });
    const slot = '2026-11-24T10:00+07:00';
    expect(await booking.book(slot, 'claim-1', friday)).toBe('booked');
    expect(await booking.book(slot, 'claim-1', friday)).toBe('already');
    expect(await booking.book(slot, 'claim-2', friday)).toBe('full');
    expect(await booking.release(slot, 'claim-1')).toBe(true);
    expect(await booking.book(slot, 'claim-2', friday)).toBe('booked');
    await store.close();
  });
});
