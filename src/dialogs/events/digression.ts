/**
 * Keeps events searches away from the FAQ digression. The engine offers question-like text ("ada
 * vaksin di bandung?") to the digression hook before the running dialog sees it; an events search
 * must reach the menu (which forwards it to the events dialog) or the events dialog itself instead
 * of being answered with the FAQ's general page about events.
 */
import type { Digression } from '../../engine/runner.js';
import { isEventsQuery } from './query.js';

/** `digression`, except that it leaves events searches (see {@link isEventsQuery}) to the dialogs. */
export function exceptEventsQueries(digression: Digression): Digression {
  return async (ctx, text) =>
    isEventsQuery(text, (words) => ctx.services.gazetteer.resolve(words)) ? null : digression(ctx, text);
}
