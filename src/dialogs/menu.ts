/**
 * The main menu: the services as choices. Items whose dialog is not registered are left out, so
 * feature dialogs plug in by registering themselves.
 */
import { defineDialog, say, step, type DialogRegistry } from '../engine/dialog.js';
import { INTENT_CHOICE } from '../engine/intents.js';
import type { Choice } from '../engine/types.js';
import { isEventsQuery } from './events/query.js';

/** A menu entry: the dialog it starts (or a global-intent choice id) and its label key. */
interface MenuItem {
  choiceId: string;
  labelKey: string;
  /** The dialog that must be registered for the item to show; absent for global intents. */
  dialog?: string;
}

/** The services, in the order users see them. */
export const MENU_ITEMS: readonly MenuItem[] = [
  { choiceId: 'start:faq', dialog: 'faq', labelKey: 'menu:item_faq' },
  { choiceId: 'start:events', dialog: 'events', labelKey: 'menu:item_events' },
  { choiceId: 'start:bpu-registration', dialog: 'bpu-registration', labelKey: 'menu:item_bpu' },
  { choiceId: 'start:claim', dialog: 'claim', labelKey: 'menu:item_claim' },
  { choiceId: 'start:claim-status', dialog: 'claim-status', labelKey: 'menu:item_claim_status' },
  { choiceId: 'start:jkp-check', dialog: 'jkp-check', labelKey: 'menu:item_jkp' },
  { choiceId: INTENT_CHOICE.agent, labelKey: 'menu:item_agent' },
  { choiceId: INTENT_CHOICE.languageEn, labelKey: 'menu:item_language' },
];

/** The dialog id a `start:<dialog>` choice names, if any. */
export function startedDialog(choiceId: string): string | undefined {
  return choiceId.startsWith('start:') ? choiceId.slice('start:'.length) : undefined;
}

type MenuState = { notice: string | null };

/** Builds the menu dialog over the registry it lists. */
export function createMenuDialog(registry: DialogRegistry) {
  const items = (): MenuItem[] => MENU_ITEMS.filter((item) => !item.dialog || registry.has(item.dialog));
  return defineDialog<MenuState>({
    id: 'menu',
    version: 1,
    titleKey: 'menu:title',
    firstStep: 'choose',
    start: (_ctx, args) => ({ notice: typeof args.notice === 'string' ? args.notice : null }),
    steps: {
      choose: {
        prompt(ctx, state) {
          const choices: Choice[] = items().map((item) => ({
            id:
              item.choiceId === INTENT_CHOICE.languageEn && ctx.locale === 'en'
                ? INTENT_CHOICE.languageId
                : item.choiceId,
            label: ctx.t(item.labelKey),
          }));
          const intro = state.notice ? ctx.t(state.notice) : ctx.t('menu:prompt');
          return [say.choices(intro, choices)];
        },
        receive(ctx, _state, input) {
          const dialog = input.kind === 'choice' ? startedDialog(input.choiceId) : undefined;
          if (dialog && registry.has(dialog)) return step.replace(dialog);
          const places = (text: string) => ctx.services.gazetteer.resolve(text);
          if (input.kind === 'text' && registry.has('events') && isEventsQuery(input.text, places)) {
            return step.forward('events');
          }
          if (input.kind === 'text' && registry.has('faq')) return step.forward('faq');
          if (input.kind === 'location' && registry.has('events')) return step.forward('events');
          return step.retry(ctx.t('menu:not_understood'));
        },
      },
    },
  });
}
