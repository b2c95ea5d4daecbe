/**
 * Feeds the dashboard statistics from committed turns through the engine's existing
 * {@link TurnObserver} hook (the one human handoff records transcripts with): the conversation per
 * channel and day, the dialog steps its replies wait on (funnels), and its handoff request.
 */
import type { TurnObserver } from '../engine/handoff-gate.js';
import { isHandoffEvent } from '../handoff/events.js';
import { dayKey, memberId, type StatsStore } from './store.js';

/** Steps that are not part of a dialog's own flow. */
const IGNORED_STEPS = new Set(['resume']);

/** The observer that counts turns into `store`, days in `timeZone`. */
export function createStatsObserver(store: StatsStore, timeZone: string): TurnObserver {
  return {
    async afterTurn(record) {
      const handoff = record.session.handoff;
      const request = handoff
        ? { day: dayKey(new Date(handoff.requestedAt), timeZone), ticket: handoff.ticket }
        : undefined;
      // Agents' actions and timeouts run as turns too; they are not the user talking.
      const byUser = !(record.inbound.kind === 'event' && isHandoffEvent(record.inbound.name));
      const steps = new Map<string, { dialog: string; step: string }>();
      if (byUser) {
        for (const reply of record.replies) {
          const awaiting = reply.awaiting;
          if (awaiting && !IGNORED_STEPS.has(awaiting.step))
            steps.set(`${awaiting.dialog}:${awaiting.step}`, awaiting);
        }
      }
      if (!byUser && !request) return;
      await store.recordTurn({
        day: dayKey(record.now, timeZone),
        channel: byUser ? record.inbound.address.channel : null,
        member: memberId(record.key),
        steps: [...steps.values()],
        ...(request ? { handoff: request } : {}),
      });
    },
  };
}

/** One observer that calls all of `observers`; the first failure is rethrown once every one has run. */
export function observeAll(...observers: TurnObserver[]): TurnObserver {
  return {
    async afterTurn(record) {
      const results = await Promise.allSettled(observers.map((observer) => observer.afterTurn(record)));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
