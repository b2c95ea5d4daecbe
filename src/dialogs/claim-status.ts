/**
 * `claim-status`: a member checks a claim with its ticket and the last 4 digits of the NIK (steps
 * `ticket`, `nik_last4`). Both must match; wrong pairs count against the ticket, and the fifth within
 * an hour locks that ticket for an hour, so tickets cannot be probed. A match shows the status, its
 * history and what to do next.
 */
import { defineDialog, say, step, type TurnContext } from '../engine/dialog.js';
import type { Outbound } from '../engine/types.js';
import { claimData } from '../claims/record.js';
import { timeZoneOfProvince, TIME_ZONES, type TimeZoneCode } from '../rules/provinces.js';
import type { StoredRecord } from '../store/records.js';
import { formatSlot } from '../store/slots.js';
import { dateTimeFormat } from '../content/intl.js';

type StatusState = { ticket: string | null };

const TICKET = /^LA-\d{8}-[0-9A-Z]{6}$/;

/** A ticket as typed ("la 20261121 4f7k2p") in its canonical form, or undefined. */
export function normalizeTicket(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const m = /^LA(\d{8})([0-9A-Z]{6})$/.exec(compact);
  const ticket = m ? `LA-${m[1]}-${m[2]}` : undefined;
  return ticket && TICKET.test(ticket) ? ticket : undefined;
}

function when(at: string, zone: TimeZoneCode, ctx: TurnContext): string {
  const format = dateTimeFormat(ctx.locale === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONES[zone].iana,
  });
  return `${format.format(new Date(at))} ${zone}`;
}

function lockedMessage(ctx: TurnContext, until: Date): Outbound[] {
  return [say.text(ctx.t('claim-status:locked', { until: when(until.toISOString(), 'WIB', ctx) }))];
}

/** Status, history, slot and next step of a claim, in the member's zone. */
function statusReport(ctx: TurnContext, record: StoredRecord): Outbound[] {
  const data = claimData(record);
  const zone = (data && timeZoneOfProvince(data.nik.slice(0, 2))) || 'WIB';
  const status = (value: string) => ctx.t(`claim-status:status.${value}`, { defaultValue: value });
  const history = record.history
    .map((change) => {
      const line = `• ${when(change.at, zone, ctx)}: ${status(change.status)}`;
      return change.note ? `${line} (${change.note})` : line;
    })
    .join('\n');
  const lines = [
    ctx.t('claim-status:report', { ticket: record.id, status: status(record.status) }),
    ctx.t('claim-status:history', { history }),
    ...(data ? [ctx.t('claim-status:slot', { slot: formatSlot(data.slot.id, zone, ctx.locale) })] : []),
    ctx.t(`claim-status:next.${record.status}`, { defaultValue: '' }),
  ].filter(Boolean);
  return [say.text(lines.join('\n\n'))];
}

/** The claim-status dialog. */
export const claimStatusDialog = defineDialog<StatusState>({
  id: 'claim-status',
  version: 1,
  titleKey: 'claim-status:title',
  firstStep: 'ticket',
  start: () => ({ ticket: null }),
  steps: {
    ticket: {
      prompt: (ctx) => [say.text(ctx.t('claim-status:ask_ticket'))],
      async receive(ctx, state, input) {
        const ticket = input.kind === 'text' ? normalizeTicket(input.text) : undefined;
        if (!ticket) return step.retry(ctx.t('claim-status:ticket_invalid'));
        const lock = await ctx.services.claimAttempts.check(ticket, ctx.now);
        if (lock.lockedUntil) return step.end(lockedMessage(ctx, lock.lockedUntil));
        return step.next('nik_last4', { ...state, ticket });
      },
    },
    nik_last4: {
      prompt: (ctx) => [say.text(ctx.t('claim-status:ask_nik_last4'))],
      async receive(ctx, state, input) {
        const digits = input.kind === 'text' ? input.text.replace(/[\s.-]/g, '') : '';
        if (!/^\d{4}$/.test(digits)) return step.retry(ctx.t('claim-status:nik_last4_invalid'));
        const ticket = state.ticket ?? '';
        const limiter = ctx.services.claimAttempts;
        const lock = await limiter.check(ticket, ctx.now);
        if (lock.lockedUntil) return step.end(lockedMessage(ctx, lock.lockedUntil));
        const record = await ctx.services.records.get(ticket);
        const data = record ? claimData(record) : undefined;
        if (record && data?.nik.endsWith(digits)) {
          await limiter.reset(ticket);
          return step.end(statusReport(ctx, record));
        }
        const failed = await limiter.fail(ticket, ctx.now);
        if (failed.lockedUntil) return step.end(lockedMessage(ctx, failed.lockedUntil));
        return step.next('ticket', { ticket: null }, [
          say.text(ctx.t('claim-status:mismatch', { left: limiter.limit - failed.failures })),
        ]);
      },
    },
  },
});
