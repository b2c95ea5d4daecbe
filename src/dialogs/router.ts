/**
 * Where a message goes when no dialog is running: `start:` choices open their dialog, greetings
 * open the menu, questions go to the FAQ, a shared location or an events search ("vaksinasi di
 * jaksel minggu ini", see `events/query.ts`) to the events dialog.
 */
import type { DialogRegistry, TurnContext } from '../engine/dialog.js';
import { isGreeting } from '../engine/intents.js';
import type { RouteDecision } from '../engine/runner.js';
import type { Inbound } from '../engine/types.js';
import { startedDialog } from './menu.js';
import { isEventsQuery } from './events/query.js';

/** Creates the root router over the registered dialogs. */
export function createRouter(registry: DialogRegistry): (input: Inbound, ctx: TurnContext) => RouteDecision {
  return (input, ctx) => {
    if (input.kind === 'choice') {
      const dialog = startedDialog(input.choiceId);
      if (dialog && registry.has(dialog)) return { dialog };
      return { dialog: 'menu' };
    }
    if (isGreeting(input)) return { dialog: 'menu' };
    const places = (text: string) => ctx.services.gazetteer.resolve(text);
    if (input.kind === 'text' && registry.has('events') && isEventsQuery(input.text, places)) {
      return { dialog: 'events', forward: true };
    }
    if (input.kind === 'text' && registry.has('faq')) return { dialog: 'faq', forward: true };
    if (input.kind === 'location' && registry.has('events')) return { dialog: 'events', forward: true };
    if (input.kind === 'document' || input.kind === 'image') {
      return { dialog: 'menu', args: { notice: 'menu:unexpected_file' } };
    }
    if (input.kind === 'event') return { dialog: 'menu' };
    return { dialog: 'menu', args: { notice: 'menu:not_understood' } };
  };
}
