/**
 * claim-status: ticket + last 4 NIK digits, the lockout after five wrong pairs, and the report.
 * With the in-memory limiter (fake clock) and with the Redis one (real server).
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { sampleClaim } from '../helpers/claims.js';
import { useTestRedis } from '../helpers/redis-fixture.js';
import { FileRecordStore } from '../../src/store/file-record-store.js';
import { MemoryAttemptLimiter, RedisAttemptLimiter, type AttemptLimiter } from '../../src/store/attempts.js';
import { normalizeTicket } from '../../src/dialogs/claim-status.js';

const member = { channel: 'cli', conversationId: 'member', userId: 'member' };

async function setup(claimAttempts: AttemptLimiter = new MemoryAttemptLimiter()) {
  const records = FileRecordStore.inMemory();
  const { engine, clock } = createTestEngine({ services: { records, claimAttempts } });
  const created = await records.create(sampleClaim(member), clock.now());
  await records.setStatus(created.record.id, {
    status: 'needs_documents',
    at: new Date(clock.millis() + 3_600_000).toISOString(),
    note: 'Foto KTP buram, mohon kirim ulang',
  });
  return { engine, clock, records, ticket: created.record.id };
}

describe('claim-status', () => {
  it('reads tickets as people type them', () => {
    expect(normalizeTicket('la 20261121 4f7k2p')).toBe('LA-20261121-4F7K2P');
    expect(normalizeTicket('LA-20261121-4F7K2P.')).toBe('LA-20261121-4F7K2P');
    expect(normalizeTicket('BPU-20261121-4F7K2P')).toBeUndefined();
  });

  it('shows status, history in the member zone, the slot and what to do next when ticket and NIK match', async () => {
    const { engine, ticket } = await setup();
    await converse(engine)
      .choose('start:claim-status')
      .expectAwaiting('claim-status', 'ticket')
      .user('LA-123')
      .expectText('diawali LA')
      .user(ticket.toLowerCase())
      .expectAwaiting('claim-status', 'nik_last4')
      .user('12a4')
      .expectText('4 angka terakhir NIK')
      .user('0002')
      .expectText(`Klaim *${ticket}*\nStatus: *Perlu dokumen tambahan*`)
      .expectText('• 21 Nov 2026, 11.00 WITA: Diajukan')
      .expectText('• 21 Nov 2026, 12.00 WITA: Perlu dokumen tambahan (Foto KTP buram, mohon kirim ulang)')
      .expectText('Jadwal verifikasi video: Sen, 23 Nov 10.00 WITA')
      .expectText('siapkan dokumen yang diminta')
      .expectAwaiting(null);
  });

  it('refuses a wrong NIK without saying which part was wrong, and counts down', async () => {
    const { engine, ticket } = await setup();
    await converse(engine)
      .choose('start:claim-status')
      .user(ticket)
      .user('9999')
      .expectText('tidak cocok. Sisa percobaan untuk tiket itu: 4')
      .expectNoText('Status')
      .expectAwaiting('claim-status', 'ticket')
      .user('LA-20261121-ZZZZZZ')
      .user('0002')
      .expectText('tidak cocok');
  });

  it('locks a ticket for an hour after five wrong tries, even for the right NIK, then opens again', async () => {
    const { engine, clock, ticket } = await setup();
    const c = converse(engine).choose('start:claim-status');
    for (let i = 0; i < 4; i++)
      c.user(ticket)
        .user('1111')
        .expectText(`Sisa percobaan untuk tiket itu: ${4 - i}`);
    await c
      .user(ticket)
      .user('1111')
      .expectText('dikunci sampai 21 Nov 2026, 11.00 WIB')
      .expectAwaiting(null);
    // Another conversation, the right NIK: still locked.
    await converse(engine)
      .choose('start:claim-status')
      .user(ticket)
      .expectText('Terlalu banyak percobaan')
      .expectAwaiting(null);
    clock.advance(3_600_000 + 1_000);
    await converse(engine)
      .choose('start:claim-status')
      .user(ticket)
      .user('0002')
      .expectText('Status: *Perlu dokumen tambahan*');
  });
});

describe('claim-status with the Redis limiter', () => {
  const redis = useTestRedis();

  it('shares the count between conversations and locks after five', async () => {
    const limiter = new RedisAttemptLimiter(redis.client, 't1:', 'claim-status');
    const { engine, ticket } = await setup(limiter);
    for (let i = 0; i < 5; i++) {
      await converse(engine).choose('start:claim-status').user(ticket).user('4321');
    }
    await converse(engine).choose('start:claim-status').user(ticket).expectText('Terlalu banyak percobaan');
    const ttl = await redis.client.pTTL(`t1:attempts:claim-status:lock:${ticket}`);
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it('clears the count after a success', async () => {
    const limiter = new RedisAttemptLimiter(redis.client, 't2:', 'claim-status');
    const { engine, ticket } = await setup(limiter);
    await converse(engine)
      .choose('start:claim-status')
      .user(ticket)
      .user('4321')
      .expectText('Sisa percobaan untuk tiket itu: 4');
    await converse(engine).choose('start:claim-status').user(ticket).user('0002').expectText('Status:');
    expect(await limiter.check(ticket, new Date())).toEqual({ failures: 0 });
  });
});
