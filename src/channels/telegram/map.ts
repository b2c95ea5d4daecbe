/**
 * Pure Telegram mapping: a Bot API `Update` (validated with zod) → one {@link Inbound}, and
 * {@link Outbound}s → descriptions of Bot API calls (`sendMessage`, `sendVenue`). No I/O and no
 * grammY here; the adapter executes the calls.
 */
import { z } from 'zod';
import { inboundInstant, type Address, type Inbound, type Outbound } from '../../engine/types.js';
import { renderAll, splitText, type ChannelCapabilities, type RenderedButton } from '../render.js';

/** Longest message text Telegram accepts (UTF-16 code units, after entity parsing). */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Largest file the cloud Bot API lets a bot download (20 MB). */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** What Telegram can show: inline keyboards (callback_data ≤ 64 bytes), location requests, venues. */
export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  maxButtons: 24,
  maxButtonLabel: 64,
  maxChoiceIdBytes: 64,
  supportsLocationRequest: true,
  supportsVenue: true,
};

// ---------------------------------------------------------------------------------------------
// Inbound: the parts of a Bot API Update that Tanya reads, validated.

const User = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  language_code: z.string().optional(),
});

const Chat = z.object({ id: z.number().int(), type: z.string() });

const Location = z.object({
  latitude: z.number().gte(-90).lte(90),
  longitude: z.number().gte(-180).lte(180),
  live_period: z.number().optional(),
});

const PhotoSize = z.object({
  file_id: z.string().min(1).max(2048),
  width: z.number(),
  height: z.number(),
  file_size: z.number().int().nonnegative().optional(),
});

const FileObject = z.object({
  file_id: z.string().min(1).max(2048),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
});

const Button = z.looseObject({ text: z.string(), callback_data: z.string().optional() });

const Message = z.looseObject({
  message_id: z.number().int(),
  date: z.number().int(),
  edit_date: z.number().int().optional(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  location: Location.optional(),
  venue: z.object({ location: Location, title: z.string(), address: z.string() }).optional(),
  photo: z.array(PhotoSize).optional(),
  document: FileObject.optional(),
  reply_markup: z.object({ inline_keyboard: z.array(z.array(Button)) }).optional(),
});

const CallbackQuery = z.object({
  id: z.string().min(1).max(200),
  from: User,
  data: z.string().optional(),
  /** Absent for inline-mode messages; may be an "inaccessible message" (date 0). */
  message: z
    .looseObject({
      message_id: z.number().int(),
      chat: Chat,
      reply_markup: z.object({ inline_keyboard: z.array(z.array(Button)) }).optional(),
    })
    .optional(),
});

/** A Bot API Update as far as Tanya reads it; other update kinds pass validation and are ignored. */
export const TelegramUpdate = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: Message.optional(),
  edited_message: Message.optional(),
  callback_query: CallbackQuery.optional(),
});
/** A validated Telegram update. */
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;
type TelegramMessage = z.infer<typeof Message>;

/** The update kinds the adapter asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

/** Message kinds Tanya cannot read; they get a friendly "I can read text, locations…" reply. */
const UNSUPPORTED_KINDS = [
  'sticker',
  'voice',
  'video_note',
  'video',
  'audio',
  'animation',
  'contact',
  'poll',
  'dice',
  'game',
  'story',
  'paid_media',
] as const;

/** Bot commands and the global-intent words they stand for. */
const COMMAND_WORDS: Readonly<Record<string, string>> = {
  menu: 'menu',
  bahasa: 'bahasa',
  language: 'bahasa',
  agen: 'agen',
  agent: 'agen',
  bantuan: 'bantuan',
  help: 'bantuan',
  batal: 'batal',
  cancel: 'batal',
  kembali: 'kembali',
  back: 'kembali',
};

/** What an update means for the adapter. */
export type MappedUpdate =
  /** Hand `inbound` to the engine; answer the callback query first when there is one. */
  | { type: 'inbound'; inbound: Inbound; chatId: number; callbackQueryId?: string }
  /** A message kind Tanya cannot read: reply with the localized notice, skip the engine. */
  | { type: 'unsupported'; chatId: number; address: Address; what: string; localeHint?: string }
  /** A callback query to acknowledge that carries nothing to process. */
  | { type: 'answer_only'; callbackQueryId: string }
  /** Nothing to do (service messages, other update kinds, edits of text). */
  | { type: 'ignore'; reason: string };

function addressOf(chatId: number, userId: number | undefined): Address {
  return { channel: 'telegram', conversationId: String(chatId), userId: String(userId ?? chatId) };
}

/** `at` for a Bot API date (seconds), left out when it is not a usable instant. */
function instantOf(seconds: number): { at?: string } {
  const at = inboundInstant(seconds * 1000);
  return at ? { at } : {};
}

function hintOf(user: { language_code?: string | undefined } | undefined): { localeHint?: string } {
  const code = user?.language_code;
  return code && code.length <= 35 ? { localeHint: code } : {};
}

/** The location part of an inbound, from a Bot API `Location`. */
function pointOf(location: { latitude: number; longitude: number }): {
  kind: 'location';
  lat: number;
  lon: number;
} {
  return { kind: 'location', lat: location.latitude, lon: location.longitude };
}

/** An inbound for the engine, from the chat `chatId`. */
function toEngine(chatId: number, inbound: Inbound): MappedUpdate {
  return { type: 'inbound', chatId, inbound };
}

function clip(text: string | undefined, max: number): string | undefined {
  return text === undefined ? undefined : text.slice(0, max);
}

/** Maps a command (`/menu`, `/start payload`, `/agen@TanyaBot`) to an inbound body. */
function commandBody(
  text: string,
):
  | { kind: 'text'; text: string }
  | { kind: 'event'; name: string; payload?: Record<string, unknown> }
  | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{1,64})?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const command = (match[1] as string).toLowerCase();
  const argument = match[2]?.trim();
  if (command === 'start') {
    return argument
      ? { kind: 'event', name: 'start', payload: { param: argument.slice(0, 64) } }
      : { kind: 'event', name: 'start' };
  }
  const word = Object.hasOwn(COMMAND_WORDS, command) ? COMMAND_WORDS[command] : undefined;
  return word ? { kind: 'text', text: word } : undefined;
}

function mapMessage(message: TelegramMessage): MappedUpdate {
  const chatId = message.chat.id;
  const address = addressOf(chatId, message.from?.id);
  const base = {
    id: `${chatId}:${message.message_id}`,
    address,
    ...instantOf(message.date),
    ...hintOf(message.from),
  };
  const caption = clip(message.caption, 1024);
  const captionPart = caption ? { caption } : {};
  if (message.venue) {
    const { venue } = message;
    return toEngine(chatId, {
      ...base,
      ...pointOf(venue.location),
      name: venue.title.slice(0, 256),
      addressLine: venue.address.slice(0, 512),
    });
  }
  if (message.location) {
    const live = message.location.live_period !== undefined;
    return toEngine(chatId, { ...base, ...pointOf(message.location), ...(live ? { live: true } : {}) });
  }
  if (message.photo && message.photo.length > 0) {
    // Telegram lists sizes smallest first; pick by pixels, then bytes, so order does not matter.
    const largest = message.photo.reduce((best, size) => {
      const area = size.width * size.height - best.width * best.height;
      return area > 0 || (area === 0 && (size.file_size ?? 0) > (best.file_size ?? 0)) ? size : best;
    });
    return toEngine(chatId, {
      ...base,
      kind: 'image',
      file: {
        ref: largest.file_id,
        mime: 'image/jpeg',
        ...(largest.file_size !== undefined ? { size: largest.file_size } : {}),
      },
      ...captionPart,
    });
  }
  if (message.document) {
    const doc = message.document;
    return toEngine(chatId, {
      ...base,
      kind: 'document',
      file: {
        ref: doc.file_id,
        ...(doc.mime_type ? { mime: doc.mime_type.slice(0, 255) } : {}),
        ...(doc.file_name ? { name: doc.file_name.slice(0, 255) } : {}),
        ...(doc.file_size !== undefined ? { size: doc.file_size } : {}),
      },
      ...captionPart,
    });
  }
  if (message.text !== undefined) {
    const text = message.text.slice(0, 4096);
    const command = text.startsWith('/') ? commandBody(text) : undefined;
    return toEngine(chatId, { ...base, ...(command ?? { kind: 'text', text }) });
  }
  const what = UNSUPPORTED_KINDS.find((kind) => message[kind] !== undefined);
  if (what) return { type: 'unsupported', chatId, address, what, ...hintOf(message.from) };
  return { type: 'ignore', reason: 'service message' };
}

/** The label of the inline button that carried `data`, if the keyboard is still known. */
function buttonLabel(
  markup: { inline_keyboard: Array<Array<{ text: string; callback_data?: string | undefined }>> } | undefined,
  data: string,
): string | undefined {
  for (const row of markup?.inline_keyboard ?? []) {
    for (const button of row) if (button.callback_data === data) return button.text.slice(0, 200);
  }
  return undefined;
}

/** Maps a validated update to what the adapter should do with it. */
export function mapUpdate(update: TelegramUpdate): MappedUpdate {
  if (update.message) return mapMessage(update.message);
  if (update.edited_message) {
    const message = update.edited_message;
    // Live location: Telegram re-sends the message as an edit each time the position moves.
    if (message.location && !message.venue) {
      const chatId = message.chat.id;
      return toEngine(chatId, {
        id: `${chatId}:${message.message_id}:${message.edit_date ?? message.date}`,
        address: addressOf(chatId, message.from?.id),
        ...instantOf(message.edit_date ?? message.date),
        ...hintOf(message.from),
        ...pointOf(message.location),
        live: true,
      });
    }
    return { type: 'ignore', reason: 'edited message' };
  }
  if (update.callback_query) {
    const query = update.callback_query;
    const data = query.data;
    const chatId = query.message?.chat.id ?? query.from.id;
    if (!data || data.length > 64) return { type: 'answer_only', callbackQueryId: query.id };
    const label = buttonLabel(query.message?.reply_markup, data);
    return {
      type: 'inbound',
      chatId,
      callbackQueryId: query.id,
      inbound: {
        id: `cb:${query.id}`,
        address: addressOf(chatId, query.from.id),
        ...hintOf(query.from),
        kind: 'choice',
        choiceId: data,
        ...(label ? { label } : {}),
      },
    };
  }
  return { type: 'ignore', reason: 'update kind not handled' };
}

// ---------------------------------------------------------------------------------------------
// Text formatting: bot texts mark *bold* and _italic_ WhatsApp-style; everything else is literal.

/** Telegram parse modes Tanya can write. */
export type ParseMode = 'HTML' | 'MarkdownV2';

interface Segment {
  style: 'bold' | 'italic' | null;
  text: string;
}

/**
 * `*bold*` or `_italic_` at word edges: not inside a word (`snake_case`, `2*3*4`), not spanning
 * lines, not empty, not padded with spaces.
 */
const EMPHASIS =
  /(?<![\p{L}\p{N}*_\\])(?:\*([^\s*](?:[^*\n]*[^\s*])?)\*|_([^\s_](?:[^_\n]*[^\s_])?)_)(?![\p{L}\p{N}*_])/gu;

function segments(text: string): Segment[] {
  const parts: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(EMPHASIS)) {
    const at = match.index;
    if (at > last) parts.push({ style: null, text: text.slice(last, at) });
    if (match[1] !== undefined) parts.push({ style: 'bold', text: match[1] });
    else parts.push({ style: 'italic', text: match[2] as string });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ style: null, text: text.slice(last) });
  return parts;
}

/** Escapes text for `parse_mode: HTML`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

/** Escapes text for `parse_mode: MarkdownV2` (every reserved character, and the backslash). */
export function escapeMarkdownV2(text: string): string {
  return text.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, '\\$&');
}

/** Formats a bot text in a parse mode: `*bold*`/`_italic_` become entities, everything else is escaped. */
export function formatText(text: string, mode: ParseMode): string {
  return segments(text)
    .map(({ style, text: part }) => {
      if (mode === 'HTML') {
        const escaped = escapeHtml(part);
        return style === 'bold' ? `<b>${escaped}</b>` : style === 'italic' ? `<i>${escaped}</i>` : escaped;
      }
      const escaped = escapeMarkdownV2(part);
      return style === 'bold' ? `*${escaped}*` : style === 'italic' ? `_${escaped}_` : escaped;
    })
    .join('');
}

/** The text without formatting markers, for sending with no parse mode. */
export function plainText(text: string): string {
  return segments(text)
    .map((segment) => segment.text)
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Outbound: Bot API call descriptions.

/** An inline keyboard button. */
export interface InlineButton {
  text: string;
  callback_data: string;
}

/** The reply markups Tanya sends. */
export type ReplyMarkup =
  | { inline_keyboard: InlineButton[][] }
  | {
      keyboard: Array<Array<{ text: string; request_location?: boolean }>>;
      resize_keyboard?: boolean;
      one_time_keyboard?: boolean;
    }
  | { remove_keyboard: true };

/** `sendMessage` parameters Tanya uses. */
export interface SendMessagePayload {
  chat_id: number | string;
  text: string;
  parse_mode?: ParseMode;
  reply_markup?: ReplyMarkup;
  link_preview_options?: { is_disabled: boolean };
}

/** `sendVenue` parameters Tanya uses. */
export interface SendVenuePayload {
  chat_id: number | string;
  latitude: number;
  longitude: number;
  title: string;
  address: string;
  reply_markup?: ReplyMarkup;
}

/** One Bot API call to make. */
export type TelegramCall =
  /** `plain` is the same text without formatting, resent if Telegram rejects the formatting. */
  | { method: 'sendMessage'; payload: SendMessagePayload; plain: string }
  | { method: 'sendVenue'; payload: SendVenuePayload };

/** Settings for {@link outboundsToCalls}. */
export interface CallOptions {
  parseMode: ParseMode;
  /** The localized label of the "share my location" button. */
  locationButtonLabel: string;
  /** Whether this chat currently shows the location reply keyboard. */
  replyKeyboardShown: boolean;
}

/** Lays buttons out: short labels side by side, long ones one per row. */
function keyboardRows(buttons: readonly RenderedButton[]): InlineButton[][] {
  const longest = Math.max(...buttons.map((button) => [...button.label].length));
  const perRow = longest <= 10 ? 3 : longest <= 16 ? 2 : 1;
  const rows: InlineButton[][] = [];
  buttons.forEach((button, index) => {
    if (index % perRow === 0) rows.push([]);
    (rows.at(-1) as InlineButton[]).push({ text: button.label, callback_data: button.id });
  });
  return rows;
}

/**
 * Describes the Bot API calls that deliver `outbounds` to `chatId`, in order. Long texts are split
 * at {@link TELEGRAM_TEXT_LIMIT} (a keyboard goes with the last part); a location request shows a
 * reply keyboard, and the first later message without a keyboard of its own removes it.
 */
export function outboundsToCalls(
  chatId: number | string,
  outbounds: readonly Outbound[],
  options: CallOptions,
): { calls: TelegramCall[]; replyKeyboardShown: boolean } {
  const rendered = renderAll(outbounds, TELEGRAM_CAPABILITIES);
  const asksLocation = rendered.some((item) => item.kind === 'location_request');
  let removePending = options.replyKeyboardShown && !asksLocation;
  let shown = options.replyKeyboardShown;
  const calls: TelegramCall[] = [];

  const withRemoval = (markup: ReplyMarkup | undefined): ReplyMarkup | undefined => {
    if (markup || !removePending) return markup;
    removePending = false;
    shown = false;
    return { remove_keyboard: true };
  };

  const pushText = (text: string, markup?: ReplyMarkup) => {
    const chunks = splitText(text, TELEGRAM_TEXT_LIMIT).filter((chunk) => chunk.trim() !== '');
    if (chunks.length === 0 && markup) chunks.push('👇');
    chunks.forEach((chunk, index) => {
      const last = index === chunks.length - 1;
      const replyMarkup = withRemoval(last ? markup : undefined);
      calls.push({
        method: 'sendMessage',
        payload: {
          chat_id: chatId,
          text: formatText(chunk, options.parseMode),
          parse_mode: options.parseMode,
          link_preview_options: { is_disabled: true },
          ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
        },
        plain: plainText(chunk),
      });
    });
  };

  for (const item of rendered) {
    switch (item.kind) {
      case 'text':
        pushText(item.text);
        break;
      case 'buttons':
        pushText(item.text, { inline_keyboard: keyboardRows(item.buttons) });
        break;
      case 'location_request':
        pushText(item.text, {
          keyboard: [[{ text: options.locationButtonLabel, request_location: true }]],
          resize_keyboard: true,
          one_time_keyboard: true,
        });
        shown = true;
        break;
      case 'venue': {
        const replyMarkup = withRemoval(undefined);
        calls.push({
          method: 'sendVenue',
          payload: {
            chat_id: chatId,
            latitude: item.lat,
            longitude: item.lon,
            title: item.title.slice(0, 256) || '📍',
            address: item.address.slice(0, 256) || '-',
            ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
          },
        });
        break;
      }
    }
  }
  return { calls, replyKeyboardShown: shown };
}
