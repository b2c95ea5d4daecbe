/**
 * The `events` dialog: nearest upcoming vaccination, socialisation and service events, from a shared
 * location or a typed place. Steps:
 * - `location`: asks for a location (a `request_location`) or a typed kota/kabupaten/kecamatan;
 * - `place_choice`: a typed place with several matches ("Tangerang") → which one;
 * - `results`: after a page of results: more, filter by kind or date, another place, menu.
 *
 * It starts from the menu, from args (`{type?, when?}`), or from a forwarded first input: a location,
 * or text such as "ada vaksin deket rumah?" / "vaksinasi di jaksel minggu ini" (see `events/query.ts`).
 */
import { z } from 'zod';
import { defineDialog, step, type StepResult, type TurnContext } from '../engine/dialog.js';
import { matchChoice } from '../engine/choice-match.js';
import type { Inbound } from '../engine/types.js';
import { EventType } from '../content/events/model.js';
import { haversineKm } from '../content/geo/distance.js';
import { answerSearch, describeFilters, resultChoices } from './events/answer.js';
import { originFromLocation, originFromPlace, type Origin } from './events/origin.js';
import {
  parseEventsQuery,
  placeLabel,
  resolveQueryPlace,
  TIME_FILTERS,
  type TimeFilter,
} from './events/query.js';

/** One option of `place_choice`. */
type PlaceOption = { label: string; origin: Origin };

/** The dialog's state (plain JSON). */
export type EventsState = {
  type: EventType | null;
  when: TimeFilter | null;
  origin: Origin | null;
  /** Results page shown last, from 0. */
  page: number;
  /** Whether a next page exists (decides the "more" choice). */
  hasMore: boolean;
  /** The typed words `place_choice` asks about, and its options. */
  placeText: string | null;
  options: PlaceOption[];
};

type StepName = 'location' | 'place_choice' | 'results';

/** Arguments the dialog may be started with. Unknown or invalid values are ignored. */
export const EventsArgs = z.object({
  type: EventType.optional().catch(undefined),
  when: z.enum(TIME_FILTERS).optional().catch(undefined),
});

/** A moving live location re-answers only after it moved this far (km). */
const LIVE_MOVE_KM = 1;

/**
 * Shows page `page` around the state's origin: to `results`, or the end when there are no events at
 * all (without an origin, asks for one).
 */
async function show(
  ctx: TurnContext,
  state: EventsState,
  page: number,
  from: StepName,
): Promise<StepResult<EventsState>> {
  if (!state.origin) return askLocation(state, from);
  const answer = await answerSearch(ctx, ctx.services.events, state.origin, state, page);
  if (answer.kind === 'none') return step.end(answer.say);
  const next: EventsState = { ...state, page, hasMore: answer.hasMore, placeText: null, options: [] };
  return from === 'results' ? step.repeat(next, answer.say) : step.next('results', next, answer.say);
}

/** A shared location (possibly a live-location update). */
async function fromLocation(
  ctx: TurnContext,
  state: EventsState,
  input: Extract<Inbound, { kind: 'location' }>,
  from: StepName,
): Promise<StepResult<EventsState>> {
  const current = state.origin;
  if (input.live && current?.live && haversineKm(current, input) < LIVE_MOVE_KM) {
    return step.wait(state, []);
  }
  const origin = originFromLocation(input, ctx.services.gazetteer);
  return show(ctx, { ...state, origin }, 0, from);
}

/** Typed text: a place, filters, "more", or "near me" in any combination. */
async function fromText(
  ctx: TurnContext,
  state: EventsState,
  text: string,
  from: StepName,
): Promise<StepResult<EventsState>> {
  const query = parseEventsQuery(text);
  const filtered: EventsState = { ...state, type: query.type ?? state.type, when: query.when ?? state.when };
  const filtersChanged = filtered.type !== state.type || filtered.when !== state.when;

  if (query.placeText !== undefined) {
    const place = resolveQueryPlace(query.placeText, (words) => ctx.services.gazetteer.resolve(words));
    if (place.status === 'found')
      return show(ctx, { ...filtered, origin: originFromPlace(place.place) }, 0, from);
    if (place.status === 'ambiguous') {
      const options = place.options.map((option) => ({
        label: placeLabel(option),
        origin: originFromPlace(option),
      }));
      return step.next('place_choice', { ...filtered, placeText: place.text, options });
    }
    // Unknown words next to a recognised filter ("vaksinasi aja dong") are ignored when there is a place already.
    if (!(filtersChanged && filtered.origin)) {
      const unknown = ctx.t('events:place_unknown', { text: place.text });
      // A retry first offers the text to the FAQ digression, which would answer "sosialisasi di xyz"
      // with its general page about events and hide that the place was not found.
      return query.mentionsEvents
        ? step.repeat(filtered, [{ kind: 'text', text: unknown }])
        : step.retry(unknown, filtered);
    }
  }
  if (filtersChanged) return filtered.origin ? show(ctx, filtered, 0, from) : askLocation(filtered, from);
  if (query.more && from === 'results') return more(ctx, state);
  if (query.nearMe || (query.mentionsEvents && from === 'location')) {
    return askLocation({ ...filtered, origin: null }, from);
  }
  return step.retry(
    ctx.t(from === 'results' ? 'events:results_invalid' : 'events:location_invalid'),
    filtered,
  );
}

/** Asks for a location (again), keeping the filters. */
function askLocation(state: EventsState, from: StepName): StepResult<EventsState> {
  return from === 'location' ? step.repeat(state) : step.next('location', state);
}

/** The next page, or a note that there is none. */
async function more(ctx: TurnContext, state: EventsState): Promise<StepResult<EventsState>> {
  if (!state.hasMore) {
    return step.repeat(state, [
      { kind: 'text', text: ctx.t('events:no_more', { what: describeFilters(state, ctx.t) }) },
    ]);
  }
  return show(ctx, state, state.page + 1, 'results');
}

/** The actions offered after results. */
async function fromResultChoice(
  ctx: TurnContext,
  state: EventsState,
  choiceId: string,
): Promise<StepResult<EventsState> | undefined> {
  if (choiceId === 'more') return more(ctx, state);
  if (choiceId === 'place') return step.next('location', { ...state, origin: null });
  const [kind, value] = choiceId.split(':');
  if (kind === 'type') {
    const type = value === 'all' ? null : EventType.safeParse(value).data;
    if (type !== undefined) return show(ctx, { ...state, type }, 0, 'results');
  }
  if (kind === 'when') {
    const when = value === 'all' ? null : z.enum(TIME_FILTERS).safeParse(value).data;
    if (when !== undefined) return show(ctx, { ...state, when }, 0, 'results');
  }
  return undefined;
}

/** The `events` dialog. */
export const eventsDialog = defineDialog<EventsState>({
  id: 'events',
  version: 1,
  titleKey: 'events:title',
  firstStep: 'location',
  start: (_ctx, args) => {
    const parsed = EventsArgs.safeParse(args);
    const { type, when } = parsed.success ? parsed.data : {};
    return {
      type: type ?? null,
      when: when ?? null,
      origin: null,
      page: 0,
      hasMore: false,
      placeText: null,
      options: [],
    };
  },
  steps: {
    location: {
      prompt: (ctx, state) => [
        {
          kind: 'request_location',
          text: ctx.t('events:ask_location', { what: describeFilters(state, ctx.t) }),
        },
      ],
      receive: (ctx, state, input) => {
        if (input.kind === 'location') return fromLocation(ctx, state, input, 'location');
        if (input.kind === 'text') return fromText(ctx, state, input.text, 'location');
        return step.retry(ctx.t('events:location_invalid'));
      },
    },
    place_choice: {
      prompt: (ctx, state) => [
        {
          kind: 'choices',
          text: ctx.t('events:place_choice', { text: state.placeText ?? '' }),
          choices: state.options.map((option, index) => ({ id: `place:${index}`, label: option.label })),
        },
      ],
      receive: (ctx, state, input) => {
        if (input.kind === 'choice' && input.choiceId.startsWith('place:')) {
          const option = state.options[Number(input.choiceId.slice('place:'.length))];
          if (option) return show(ctx, { ...state, origin: option.origin }, 0, 'place_choice');
        }
        if (input.kind === 'location') return fromLocation(ctx, state, input, 'place_choice');
        if (input.kind === 'text') {
          if (!parseEventsQuery(input.text).placeText)
            return step.retry(ctx.t('events:place_choice_invalid'));
          return fromText(ctx, state, input.text, 'place_choice');
        }
        return step.retry(ctx.t('events:place_choice_invalid'));
      },
    },
    results: {
      // "lagi dong", "lihat lebih banyak": the next page, not the menu.
      ownsText: (text) => parseEventsQuery(text).more,
      prompt: (ctx, state) => [
        {
          kind: 'choices',
          text: ctx.t('events:results_prompt'),
          choices: resultChoices(ctx.t, state, state.hasMore),
        },
      ],
      receive: async (ctx, state, input) => {
        if (input.kind === 'location') return fromLocation(ctx, state, input, 'results');
        // Typed numbers and labels normally arrive as choices; after a silent live-location update
        // the offered choices are no longer remembered, so match them here too.
        const choiceId =
          input.kind === 'choice'
            ? input.choiceId
            : input.kind === 'text'
              ? matchChoice(input.text, resultChoices(ctx.t, state, state.hasMore))?.id
              : undefined;
        if (choiceId !== undefined) {
          const result = await fromResultChoice(ctx, state, choiceId);
          if (result) return result;
        }
        if (input.kind === 'text') return fromText(ctx, state, input.text, 'results');
        return step.retry(ctx.t('events:results_invalid'));
      },
    },
  },
});
