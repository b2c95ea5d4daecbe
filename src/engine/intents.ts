/**
 * Global intents: commands that work at any point of any dialog, in Indonesian and English. Buttons
 * carry them as choice ids; typed text is read by the language understanding (`src/nlu/`), whose
 * confidence must clear a bar that is higher where the text is more likely an answer (a form step).
 */
import type { Inbound, Locale } from './types.js';
import type { Interpretation, NluContext } from '../nlu/index.js';

/** A recognised global command. */
export type GlobalIntent =
  | { type: 'menu' }
  | { type: 'cancel' }
  | { type: 'back' }
  | { type: 'help' }
  | { type: 'agent' }
  /** "hapus data saya": the user wants the bot to forget them (confirmed by the privacy dialog). */
  | { type: 'erase' }
  | { type: 'language'; to?: Locale };

/** Choice ids that carry a global intent, so menus and reprompts can offer them as buttons. */
export const INTENT_CHOICE = {
  menu: 'intent:menu',
  cancel: 'intent:cancel',
  back: 'intent:back',
  help: 'intent:help',
  agent: 'intent:agent',
  erase: 'intent:erase',
  languageId: 'lang:id',
  languageEn: 'lang:en',
} as const;

/** The global intent of a message, if it is one. */
export function detectIntent(input: Inbound): GlobalIntent | undefined {
  if (input.kind === 'choice') {
    if (input.choiceId === INTENT_CHOICE.languageId) return { type: 'language', to: 'id' };
    if (input.choiceId === INTENT_CHOICE.languageEn) return { type: 'language', to: 'en' };
    const [prefix, name] = input.choiceId.split(':');
    if (prefix !== 'intent') return undefined;
    if (
      name === 'menu' ||
      name === 'cancel' ||
      name === 'back' ||
      name === 'help' ||
      name === 'agent' ||
      name === 'erase'
    ) {
      return { type: name };
    }
    return undefined;
  }
  if (input.kind === 'event' && input.name === 'start') return { type: 'menu' };
  return undefined;
}

/** The least confidence for a typed command to interrupt what the bot asked, per context. */
const COMMAND_MIN: Record<NluContext['kind'], number> = {
  idle: 0.5,
  offer: 0.6,
  form_step: 0.7,
  after_fallback: 0.5,
  language_picker: 0.5,
};

/** The global command a typed message carries, read by the language understanding. */
export function intentOfInterpretation(
  interpretation: Interpretation,
  context: NluContext,
): GlobalIntent | undefined {
  if (interpretation.confidence < COMMAND_MIN[context.kind]) return undefined;
  switch (interpretation.intent) {
    case 'menu':
    case 'cancel':
    case 'back':
    case 'help':
      return { type: interpretation.intent };
    case 'ask_agent':
      return { type: 'agent' };
    case 'delete_my_data':
      return { type: 'erase' };
    case 'switch_language_en':
    case 'switch_language_id':
      // "ganti bahasa" names no language: the picker asks which.
      if (!interpretation.entities.some((entity) => entity.type === 'language')) return { type: 'language' };
      return { type: 'language', to: interpretation.intent === 'switch_language_en' ? 'en' : 'id' };
    default:
      return undefined;
  }
}
