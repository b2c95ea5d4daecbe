/**
 * The handoff state machine as pure transitions: what each allows and refuses.
 */
import { describe, expect, it } from 'vitest';
import * as machine from '../../src/handoff/machine.js';
import type { HandoffInfo } from '../../src/engine/session.js';

const now = new Date('2026-11-23T03:00:00.000Z');
const later = new Date('2026-11-23T03:05:00.000Z');
const address = { channel: 'web', conversationId: 'c', userId: 'c' };
const base = { ticket: 't1', reason: 'user_request' as const, address };

function next(result: machine.Transition): HandoffInfo {
  if (!result.ok) throw new Error(`refused: ${result.why}`);
  return result.next;
}

describe('handoff state machine', () => {
  it('bot → queued → assigned → closed', () => {
    const queued = next(machine.request(undefined, base, now, true, 3));
    expect(queued).toMatchObject({ state: 'queued', queuedAt: now.toISOString(), position: 3, ticket: 't1' });
    expect(machine.isWithAgents(queued)).toBe(true);
    const assigned = next(machine.take(queued, 'budi', later));
    expect(assigned).toMatchObject({ state: 'assigned', agent: 'budi', assignedAt: later.toISOString() });
    expect(assigned.queuedAt).toBe(now.toISOString());
    const closed = next(machine.close(assigned, 'budi', false, later));
    expect(closed).toMatchObject({ state: 'closed', closedAt: later.toISOString() });
    expect(machine.isWithAgents(closed)).toBe(false);
    // A new request after a closed one starts a new ticket.
    expect(next(machine.request(closed, { ...base, ticket: 't2' }, later, true, 1))).toMatchObject({
      state: 'queued',
      ticket: 't2',
    });
  });

  it('refuses a second request while queued or assigned', () => {
    const queued = next(machine.request(undefined, base, now, true, 1));
    expect(machine.request(queued, base, now, true, 1)).toEqual({ ok: false, why: 'already queued' });
    const assigned = next(machine.take(queued, 'budi', now));
    expect(machine.request(assigned, base, now, true, 1).ok).toBe(false);
  });

  it('out of office hours: an offer, which keep turns into a queued request and decline drops', () => {
    const offered = next(machine.request(undefined, base, now, false, 1));
    expect(offered).toMatchObject({ state: 'bot', offer: 'off_hours' });
    expect(offered.queuedAt).toBeUndefined();
    expect(next(machine.keep(offered, later, 2))).toMatchObject({
      state: 'queued',
      queuedAt: later.toISOString(),
      position: 2,
    });
    expect(next(machine.keep(offered, later, 2)).offer).toBeUndefined();
    expect(next(machine.decline(offered, later))).toMatchObject({ state: 'bot' });
    expect(machine.keep(next(machine.decline(offered, later)), later, 1).ok).toBe(false);
  });

  it('take refuses stale tickets and conversations already taken', () => {
    const queued = next(machine.request(undefined, base, now, true, 1));
    expect(machine.take(queued, 'budi', now, 'old')).toEqual({ ok: false, why: 'stale ticket' });
    const assigned = next(machine.take(queued, 'budi', now, 't1'));
    expect(machine.take(assigned, 'sari', now)).toEqual({ ok: false, why: 'taken by budi' });
    expect(machine.take(undefined, 'sari', now).ok).toBe(false);
  });

  it('only the agent (or a supervisor) transfers and closes; transfer to the same agent is refused', () => {
    const assigned = next(machine.take(next(machine.request(undefined, base, now, true, 1)), 'budi', now));
    expect(machine.transfer(assigned, 'sari', 'sari', false, later).ok).toBe(false);
    expect(machine.transfer(assigned, 'budi', 'budi', false, later)).toEqual({
      ok: false,
      why: 'already with that agent',
    });
    expect(next(machine.transfer(assigned, 'budi', 'sari', false, later))).toMatchObject({ agent: 'sari' });
    expect(next(machine.transfer(assigned, 'ketua', 'sari', true, later))).toMatchObject({ agent: 'sari' });
    expect(machine.close(assigned, 'sari', false, later).ok).toBe(false);
    expect(next(machine.close(assigned, 'ketua', true, later)).state).toBe('closed');
  });

  it('a supervisor may close a request still in the queue; an agent may not', () => {
    const queued = next(machine.request(undefined, base, now, true, 1));
    expect(machine.close(queued, 'budi', false, later).ok).toBe(false);
    expect(next(machine.close(queued, 'ketua', true, later)).state).toBe('closed');
  });

  it('the user leaves the queue or ends the chat: back to the bot', () => {
    const queued = next(machine.request(undefined, base, now, true, 1));
    expect(next(machine.leave(queued, later))).toMatchObject({ state: 'bot', closedAt: later.toISOString() });
    const assigned = next(machine.take(queued, 'budi', now));
    expect(next(machine.leave(machine.withOffer(assigned, 'end_chat'), later)).offer).toBeUndefined();
    expect(machine.leave(next(machine.leave(queued, later)), later).ok).toBe(false);
  });

  it('timeout → callback offer → callback request → an agent takes it', () => {
    const queued = next(machine.request(undefined, base, now, true, 1));
    expect(machine.timeOut(queued, 'other', later)).toEqual({ ok: false, why: 'stale ticket' });
    const timedOut = next(machine.timeOut(queued, 't1', later));
    expect(timedOut).toMatchObject({ state: 'bot', offer: 'callback' });
    expect(machine.timeOut(timedOut, 't1', later).ok).toBe(false);
    expect(machine.take(timedOut, 'budi', later).ok).toBe(false);
    const callback = next(machine.acceptCallback(timedOut, later));
    expect(callback).toMatchObject({ state: 'bot', callbackRequestedAt: later.toISOString() });
    const taken = next(machine.take(callback, 'budi', later));
    expect(taken).toMatchObject({ state: 'assigned', agent: 'budi' });
    // A callback is not a queue wait: no queuedAt, so it never counts in wait estimates.
    expect(taken.queuedAt).toBeUndefined();
    expect(taken.callbackRequestedAt).toBeUndefined();
  });
});
