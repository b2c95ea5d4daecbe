/**
 * Language selection. The two choices carry the global `lang:id` / `lang:en` intents, which the
 * runner applies (and which then close this dialog); anything else is asked again.
 */
import { defineDialog, say, step } from '../engine/dialog.js';
import { INTENT_CHOICE } from '../engine/intents.js';

/** Asks which language to use. */
export const languageDialog = defineDialog<Record<string, never>>({
  id: 'language',
  version: 1,
  titleKey: 'engine:language_title',
  firstStep: 'choose',
  start: () => ({}),
  steps: {
    choose: {
      prompt: (ctx) => [
        say.choices(ctx.t('engine:language_prompt'), [
          { id: INTENT_CHOICE.languageId, label: 'Bahasa Indonesia' },
          { id: INTENT_CHOICE.languageEn, label: 'English' },
        ]),
      ],
      receive: (ctx) => step.retry(ctx.t('engine:language_prompt')),
    },
  },
});
