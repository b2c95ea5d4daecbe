/**
 * The supervisor dashboard's data (supervisors only): conversations per channel per day, FAQ
 * outcomes and the most frequent unanswered questions, handoff rate and queue waits, and the
 * step-by-step funnels of BPU registration and claims. Every answer is checked against its zod
 * schema before it leaves, so the charts (src/http/public/console/dashboard.js) can rely on it.
 *
 * Counts come from the statistics store (src/stats/), fed by the engine's turn observer and the FAQ
 * dialog; waits and the current queue from the handoff index.
 */
import { z } from 'zod';
import { parseOr400 } from '../../http/errors.js';
import { daysEnding, FAQ_OUTCOMES } from '../../stats/store.js';
import { estimateWait } from '../estimate.js';
import type { ApiRouteSpec, ConsoleContext, Handler, RouteIdOf } from './api.js';

/** The dashboard's routes (supervisors only). */
export const DASHBOARD_API_ROUTES = [
  { method: 'GET', url: '/console/api/dashboard/conversations', access: 'supervisor' },
  { method: 'GET', url: '/console/api/dashboard/faq', access: 'supervisor' },
  { method: 'GET', url: '/console/api/dashboard/unanswered', access: 'supervisor' },
  { method: 'GET', url: '/console/api/dashboard/handoff', access: 'supervisor' },
  { method: 'GET', url: '/console/api/dashboard/funnels', access: 'supervisor' },
] as const satisfies readonly ApiRouteSpec[];

type DashboardRouteId = RouteIdOf<typeof DASHBOARD_API_ROUTES>;

/** The dialogs whose funnels the dashboard shows, in this order. */
export const FUNNEL_DIALOGS = ['bpu-registration', 'claim'] as const;

const RangeQuery = z.object({ days: z.coerce.number().int().min(1).max(31).default(14) });
const UnansweredQuery = RangeQuery.extend({ limit: z.coerce.number().int().min(1).max(50).default(20) });

const Count = z.number().int().nonnegative();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Rate = z.number().min(0).max(1).nullable();

/** `GET /console/api/dashboard/conversations`. */
export const ConversationsData = z.object({
  days: z.array(Day),
  channels: z.array(z.object({ channel: z.string(), counts: z.array(Count) })),
  totals: z.array(Count),
});
/** `GET /console/api/dashboard/faq`. */
export const FaqData = z.object({
  days: z.array(Day),
  answer: z.array(Count),
  clarify: z.array(Count),
  fallback: z.array(Count),
  totals: z.object({ asked: Count, answer: Count, clarify: Count, fallback: Count }),
  rates: z.object({ answer: Rate, clarify: Rate, fallback: Rate }),
});
/** `GET /console/api/dashboard/unanswered`. */
export const UnansweredData = z.object({
  days: Count,
  questions: z.array(z.object({ question: z.string().max(200), count: Count })),
});
/** `GET /console/api/dashboard/handoff`. */
export const HandoffData = z.object({
  days: z.array(Day),
  requests: z.array(Count),
  conversations: z.array(Count),
  rates: z.array(Rate),
  rate: Rate,
  /** The latest measured waits (queue → taken), oldest first. */
  waits: z.array(z.object({ at: z.string(), minutes: z.number().nonnegative() })),
  medianWaitMinutes: z.number().nonnegative().nullable(),
  /** Conversations waiting now, and for how long. */
  queue: z.array(z.object({ state: z.enum(['queued', 'callback']), minutes: z.number().nonnegative() })),
});
/** `GET /console/api/dashboard/funnels`. */
export const FunnelsData = z.object({
  days: Count,
  funnels: z.array(
    z.object({ dialog: z.string(), steps: z.array(z.object({ step: z.string(), count: Count })) }),
  ),
});

const rate = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : null);
const minutes = (ms: number) => Math.round((Math.max(0, ms) / 60_000) * 10) / 10;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The handlers of {@link DASHBOARD_API_ROUTES}. */
export function dashboardHandlers({ app, now }: ConsoleContext): Record<DashboardRouteId, Handler> {
  const stats = app.stats;
  const timeZone = app.config.OFFICE_TIMEZONE;
  const range = (query: unknown) => {
    const { days } = parseOr400(RangeQuery, query, 'query');
    return daysEnding(now(), timeZone, days);
  };

  /** Conversations per day over every channel. */
  async function conversationTotals(
    days: string[],
  ): Promise<{ channels: Record<string, number[]>; totals: number[] }> {
    const channels = await stats.conversations(days);
    const totals = days.map((_, i) => sum(Object.values(channels).map((counts) => counts[i] ?? 0)));
    return { channels, totals };
  }

  return {
    'GET /console/api/dashboard/conversations': async (request) => {
      const days = range(request.query);
      const { channels, totals } = await conversationTotals(days);
      return ConversationsData.parse({
        days,
        channels: Object.entries(channels).map(([channel, counts]) => ({ channel, counts })),
        totals,
      });
    },

    'GET /console/api/dashboard/faq': async (request) => {
      const days = range(request.query);
      const outcomes = await stats.faq(days);
      const totals = {
        answer: sum(outcomes.answer),
        clarify: sum(outcomes.clarify),
        fallback: sum(outcomes.fallback),
      };
      const asked = sum(FAQ_OUTCOMES.map((outcome) => totals[outcome]));
      return FaqData.parse({
        days,
        ...outcomes,
        totals: { asked, ...totals },
        rates: {
          answer: rate(totals.answer, asked),
          clarify: rate(totals.clarify, asked),
          fallback: rate(totals.fallback, asked),
        },
      });
    },

    'GET /console/api/dashboard/unanswered': async (request) => {
      const { days, limit } = parseOr400(UnansweredQuery, request.query, 'query');
      const questions = await stats.unanswered(daysEnding(now(), timeZone, days), limit);
      return UnansweredData.parse({ days, questions });
    },

    'GET /console/api/dashboard/handoff': async (request) => {
      const days = range(request.query);
      const [requests, { totals }, samples, entries] = await Promise.all([
        stats.handoffs(days),
        conversationTotals(days),
        app.handoff.index.recentWaits(),
        app.handoff.index.list(),
      ]);
      const at = now();
      return HandoffData.parse({
        days,
        requests,
        conversations: totals,
        rates: days.map((_, i) => rate(requests[i] ?? 0, totals[i] ?? 0)),
        rate: rate(sum(requests), sum(totals)),
        waits: [...samples].reverse().map((sample) => ({ at: sample.at, minutes: minutes(sample.ms) })),
        medianWaitMinutes: estimateWait(samples, at)?.minutes ?? null,
        queue: entries.flatMap((entry) =>
          entry.state === 'assigned'
            ? []
            : [{ state: entry.state, minutes: minutes(at.getTime() - Date.parse(entry.queuedAt)) }],
        ),
      });
    },

    'GET /console/api/dashboard/funnels': async (request) => {
      const days = range(request.query);
      const funnels = await Promise.all(
        FUNNEL_DIALOGS.map(async (id) => {
          const counts = await stats.steps(days, id);
          const dialog = app.handoff.dialogs.get(id);
          // The dialog's own step order; steps no conversation reached stay in as zeros.
          const order = dialog ? Object.keys(dialog.steps) : Object.keys(counts);
          return { dialog: id, steps: order.map((step) => ({ step, count: counts[step] ?? 0 })) };
        }),
      );
      return FunnelsData.parse({ days: days.length, funnels });
    },
  };
}
