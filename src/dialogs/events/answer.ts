/**
 * The events dialog's answers: a page of results (header, events, sample note, a venue pin for the
 * nearest), the actions offered after it, and the wording of the user's filters.
 */
import type { Translate, TurnContext } from '../../engine/dialog.js';
import { INTENT_CHOICE } from '../../engine/intents.js';
import type { Choice, Outbound } from '../../engine/types.js';
import type { EventType } from '../../content/events/model.js';
import { eventTimeZone, zoneOfCityWith } from '../../content/events/zone.js';
import type { EventStore } from '../../store/events.js';
import { displayTitle, formatEvent } from './format.js';
import { originLabel, type Origin } from './origin.js';
import { anyUpcoming, searchPage, type SearchFilters } from './search.js';

/** "acara vaksinasi minggu ini" / "vaccination events this week": the filters as words. */
export function describeFilters(filters: SearchFilters, t: Translate): string {
  const what = filters.type
    ? t('events:what_type', { type: t(`events:type_${filters.type}`) })
    : t('events:what_all');
  return filters.when ? `${what} ${t(`events:when_${filters.when}`)}` : what;
}

/** What a search produced: something to show (and whether a next page exists), or no events at all. */
export type Answer =
  { kind: 'results'; say: Outbound[]; hasMore: boolean } | { kind: 'none'; say: Outbound[] };

/** Answers a search for page `page` around `origin`. */
export async function answerSearch(
  ctx: TurnContext,
  store: EventStore,
  origin: Origin,
  filters: SearchFilters,
  page: number,
): Promise<Answer> {
  const { t } = ctx;
  const result = await searchPage(store, origin, filters, ctx.now, page);
  const what = describeFilters(filters, t);
  const place = originLabel(origin, t);
  if (result.events.length === 0) {
    const filtered = filters.type !== null || filters.when !== null;
    if (page === 0 && filtered && (await anyUpcoming(store, origin, ctx.now))) {
      return {
        kind: 'results',
        say: [{ kind: 'text', text: t('events:empty_filtered', { what }) }],
        hasMore: false,
      };
    }
    if (page > 0)
      return {
        kind: 'results',
        say: [{ kind: 'text', text: t('events:no_more', { what }) }],
        hasMore: false,
      };
    return { kind: 'none', say: [noEventsOffer(t)] };
  }

  const zoneOfCity = zoneOfCityWith((text) => ctx.services.gazetteer.resolve(text));
  const header =
    page > 0
      ? t('events:results_next', { from: result.offset + 1, to: result.offset + result.events.length })
      : result.nothingNear
        ? t('events:results_far', { what, place })
        : t('events:results_header', { what, place });
  const items = result.events.map((event, index) =>
    formatEvent(event, result.offset + index + 1, eventTimeZone(event, zoneOfCity), ctx),
  );
  const lines = [header, ...items];
  if (result.events.some((event) => event.sample)) lines.push(t('events:sample_note'));
  const say: Outbound[] = [{ kind: 'text', text: lines.join('\n\n') }];
  const nearest = result.events[0];
  if (page === 0 && nearest) {
    say.push({
      kind: 'venue',
      lat: nearest.lat,
      lon: nearest.lon,
      title: displayTitle(nearest),
      address: `${nearest.venue}, ${nearest.address}`,
    });
  }
  return { kind: 'results', say, hasMore: result.hasMore };
}

/** No upcoming event anywhere: say so, and offer questions, an agent or the menu. */
function noEventsOffer(t: Translate): Outbound {
  return {
    kind: 'choices',
    text: t('events:none_at_all'),
    choices: [
      { id: 'start:faq', label: t('events:choice_faq') },
      { id: INTENT_CHOICE.agent, label: t('events:choice_agent') },
      { id: INTENT_CHOICE.menu, label: t('events:choice_menu') },
    ],
  };
}

const TYPES: readonly EventType[] = ['vaksinasi', 'sosialisasi', 'layanan'];

/** The actions after a page of results; only filters that would change something are offered. */
export function resultChoices(t: Translate, filters: SearchFilters, hasMore: boolean): Choice[] {
  const choices: Choice[] = [];
  if (hasMore) choices.push({ id: 'more', label: t('events:choice_more') });
  if (filters.type === null) {
    for (const type of TYPES) choices.push({ id: `type:${type}`, label: t(`events:choice_type_${type}`) });
  } else {
    choices.push({ id: 'type:all', label: t('events:choice_type_all') });
  }
  if (filters.when === null) {
    choices.push({ id: 'when:today', label: t('events:choice_when_today') });
    choices.push({ id: 'when:week', label: t('events:choice_when_week') });
  } else {
    choices.push({ id: 'when:all', label: t('events:choice_when_all') });
  }
  choices.push({ id: 'place', label: t('events:choice_place') });
  choices.push({ id: INTENT_CHOICE.menu, label: t('events:choice_menu') });
  return choices;
}
