/**
 * Global intents: commands that work at any point of any dialog, in Indonesian and English.
 * Only a whole message matches, so a question that merely contains "cs" still reaches the FAQ.
 */
import type { Inbound, Locale } from './types.js';
import { fold } from './text.js';

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

const PHRASES: ReadonlyArray<[GlobalIntent, readonly string[]]> = [
  [{ type: 'menu' }, ['menu', 'mulai', 'start', 'menu utama', 'main menu', 'home', 'mulai lagi', 'restart']],
  [
    { type: 'cancel' },
    [
      'batal',
      'batalkan',
      'cancel',
      'gak jadi',
      'ga jadi',
      'nggak jadi',
      'tidak jadi',
      'gajadi',
      'quit',
      'abort',
    ],
  ],
  [{ type: 'back' }, ['kembali', 'back', 'balik', 'sebelumnya', 'previous', 'go back']],
  [{ type: 'help' }, ['bantuan', 'help', 'tolong', 'panduan', 'cara pakai', 'perintah']],
  [
    { type: 'agent' },
    [
      'agen',
      'agent',
      'cs',
      'petugas',
      'human',
      'operator',
      'customer service',
      'live agent',
      'talk to a human',
      'talk to an agent',
      'bicara dengan petugas',
      'hubungi petugas',
      'minta petugas',
      'mau bicara dengan petugas',
      'ngobrol sama orang',
      'sama orang aja',
    ],
  ],
  [
    { type: 'erase' },
    [
      'hapus data saya',
      'hapus data',
      'hapus semua data saya',
      'hapus data pribadi saya',
      'hapus akun saya',
      'lupakan saya',
      'delete my data',
      'delete all my data',
      'erase my data',
      'delete my account',
      'forget me',
    ],
  ],
  [{ type: 'language', to: 'en' }, ['english', 'inggris', 'bahasa inggris', 'in english', 'english please']],
  [{ type: 'language', to: 'id' }, ['indonesia', 'bahasa indonesia', 'indonesian', 'in indonesian']],
  [{ type: 'language' }, ['bahasa', 'language', 'ganti bahasa', 'change language', 'ubah bahasa']],
];

const BY_PHRASE = new Map<string, GlobalIntent>(
  PHRASES.flatMap(([intent, phrases]) => phrases.map((phrase) => [phrase, intent] as const)),
);

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
  if (input.kind !== 'text') return undefined;
  return BY_PHRASE.get(fold(input.text));
}

const GREETINGS = new Set([
  'halo',
  'hallo',
  'hai',
  'hi',
  'hello',
  'hey',
  'p',
  'permisi',
  'assalamualaikum',
  'assalamu alaikum',
  'selamat pagi',
  'selamat siang',
  'selamat sore',
  'selamat malam',
  'pagi',
  'siang',
  'sore',
  'malam',
  'halo min',
  'hai min',
  'halo kak',
  'good morning',
  'good afternoon',
  'good evening',
]);

/** Whether a message is only a greeting ("halo", "selamat pagi min"). */
export function isGreeting(input: Inbound): boolean {
  if (input.kind !== 'text') return false;
  const folded = fold(input.text)
    .replace(/\b(min|kak|gan|sis|bos)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return GREETINGS.has(folded) || GREETINGS.has(fold(input.text));
}
