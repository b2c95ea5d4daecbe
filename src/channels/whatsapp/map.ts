/**
 * Pure mapping between Baileys messages and the engine's model: a `WAMessage` becomes an
 * {@link Inbound} (or a reason to ignore it), and an {@link Outbound} becomes WhatsApp message content.
 * WhatsApp cannot show buttons to a linked-device client, so choices are a numbered list the user
 * answers by number or label, and "share your location" is spelled out as instructions.
 */
import type { AnyMessageContent, proto, WAMessage } from '@whiskeysockets/baileys';
import {
  inboundInstant,
  type FileRef,
  type Inbound,
  type Locale,
  type Outbound,
} from '../../engine/types.js';
import { numberedList } from '../render.js';

/** The `Address.channel` of WhatsApp conversations. */
export const WHATSAPP_CHANNEL = 'whatsapp';

/** Why a WhatsApp message produced no {@link Inbound}. */
export type IgnoreReason =
  | 'no_key'
  | 'from_me'
  | 'status'
  | 'broadcast'
  | 'newsletter'
  | 'group'
  | 'stub'
  | 'empty'
  | 'protocol'
  | 'reaction'
  | 'poll_update'
  | 'edit'
  | 'invalid_location'
  | 'unsupported';

/** A message the bot should answer. */
export interface MappedMessage {
  ok: true;
  inbound: Inbound;
  /** The JID replies go to (the conversation id). */
  chatJid: string;
  /** The sender's phone-number JID when WhatsApp revealed it next to a LID. */
  phoneJid?: string;
}

/** A message the bot leaves alone, and why (`detail` names an unsupported content type). */
export interface IgnoredMessage {
  ok: false;
  reason: IgnoreReason;
  detail?: string;
}

/** The result of {@link mapWhatsAppMessage}. */
export type MapResult = MappedMessage | IgnoredMessage;

/** Options of {@link mapWhatsAppMessage}. */
export interface MapOptions {
  /** Answer in groups (`@g.us`); off by default. */
  allowGroups?: boolean;
}

/** Message-key fields older Baileys 7 release candidates used for the LID/phone alternative. */
interface LegacyAltKey {
  senderPn?: string | null;
  senderLid?: string | null;
  participantPn?: string | null;
  participantLid?: string | null;
}

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MAX_NAME = 255;
const WRAPPERS = [
  'ephemeralMessage',
  'viewOnceMessage',
  'viewOnceMessageV2',
  'viewOnceMessageV2Extension',
  'documentWithCaptionMessage',
] as const;

// ---- JIDs -----------------------------------------------------------------------------------------

interface JidParts {
  user: string;
  server: string;
}

function splitJid(jid: string): JidParts | undefined {
  const at = jid.lastIndexOf('@');
  if (at <= 0 || at === jid.length - 1) return undefined;
  const local = jid.slice(0, at);
  const server = jid.slice(at + 1);
  // `user_agent:device@server`: the agent and device parts name a device, not the user.
  const user = local.split(':')[0]?.split('_')[0] ?? '';
  return user ? { user, server: server === 'c.us' ? 's.whatsapp.net' : server } : undefined;
}

/** `user@server` without device or agent parts (`62812:3@s.whatsapp.net` → `62812@s.whatsapp.net`). */
export function normalizeJid(jid: string): string {
  const parts = splitJid(jid);
  return parts ? `${parts.user}@${parts.server}` : jid;
}

/** A privacy identity (`…@lid`), which WhatsApp uses instead of phone numbers more and more. */
export function isLidJid(jid: string | null | undefined): jid is string {
  const server = jid ? splitJid(jid)?.server : undefined;
  return server === 'lid' || server === 'hosted.lid';
}

/** A phone-number identity (`…@s.whatsapp.net`). */
export function isPhoneJid(jid: string | null | undefined): jid is string {
  const server = jid ? splitJid(jid)?.server : undefined;
  return server === 's.whatsapp.net' || server === 'hosted';
}

/** A group chat. */
export function isGroupJid(jid: string): boolean {
  return jid.endsWith('@g.us');
}

function firstOf(
  candidates: Array<string | null | undefined>,
  test: (jid: string) => boolean,
): string | undefined {
  const found = candidates.find((jid): jid is string => typeof jid === 'string' && test(jid));
  return found ? normalizeJid(found) : undefined;
}

/** Who sent a message: the LID when known (stable), else the JID as given, plus any phone number. */
function identify(
  candidates: Array<string | null | undefined>,
): { id: string; phoneJid?: string } | undefined {
  const given = candidates.find((jid): jid is string => typeof jid === 'string' && jid.length > 0);
  if (!given) return undefined;
  const lid = firstOf(candidates, isLidJid);
  const phoneJid = firstOf(candidates, isPhoneJid);
  return { id: lid ?? normalizeJid(given), ...(phoneJid ? { phoneJid } : {}) };
}

// ---- content ---------------------------------------------------------------------------------------

/** Peels ephemeral, view-once and document-with-caption wrappers off a message's content. */
export function unwrapContent(content: proto.IMessage | null | undefined): proto.IMessage | undefined {
  let current = content ?? undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    const wrapper = WRAPPERS.map((name) => current?.[name]).find((inner) => inner?.message);
    if (!wrapper?.message) break;
    current = wrapper.message;
  }
  return current;
}

/** A protobuf integer (number, Long or numeric string) as a safe number. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  if (typeof value === 'object' && value !== null && 'toNumber' in value) {
    const toNumberFn = (value as { toNumber: unknown }).toNumber;
    if (typeof toNumberFn === 'function') return toNumber(toNumberFn.call(value));
  }
  return undefined;
}

function clip(text: string | null | undefined, max: number): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

function fileRef(
  ref: string,
  media: { mimetype?: string | null; fileLength?: unknown; fileName?: string | null },
): FileRef {
  const size = toNumber(media.fileLength);
  const name = clip(media.fileName, MAX_NAME);
  const mime = clip(media.mimetype, MAX_NAME);
  return {
    ref,
    ...(mime ? { mime } : {}),
    ...(name ? { name } : {}),
    ...(size !== undefined && size >= 0 ? { size: Math.floor(size) } : {}),
  };
}

/** The FileRef `ref` for a media message: the scoped message id, resolved by the adapter's cache. */
export function mediaRef(inboundId: string): string {
  return `wa:${inboundId}`;
}

function validLocation(lat: unknown, lon: unknown): { lat: number; lon: number } | undefined {
  const la = toNumber(lat);
  const lo = toNumber(lon);
  if (la === undefined || lo === undefined) return undefined;
  if (la < -90 || la > 90 || lo < -180 || lo > 180 || (la === 0 && lo === 0)) return undefined;
  return { lat: la, lon: lo };
}

type InboundBody = Inbound extends infer T
  ? T extends Inbound
    ? Omit<T, 'id' | 'address' | 'at'>
    : never
  : never;

function bodyOf(content: proto.IMessage, ref: string): InboundBody | IgnoredMessage {
  if (content.protocolMessage) return { ok: false, reason: 'protocol' };
  if (content.editedMessage) return { ok: false, reason: 'edit' };
  if (content.reactionMessage) return { ok: false, reason: 'reaction' };
  if (content.pollUpdateMessage) return { ok: false, reason: 'poll_update' };

  const text = content.conversation ?? content.extendedTextMessage?.text;
  if (typeof text === 'string') {
    const clipped = clip(text, MAX_TEXT);
    return clipped ? { kind: 'text', text: clipped } : { ok: false, reason: 'empty' };
  }
  const location = content.locationMessage ?? content.liveLocationMessage;
  if (location) {
    const point = validLocation(location.degreesLatitude, location.degreesLongitude);
    if (!point) return { ok: false, reason: 'invalid_location' };
    const live = Boolean(content.liveLocationMessage);
    const name = content.locationMessage ? clip(content.locationMessage.name, 256) : undefined;
    const addressLine = content.locationMessage ? clip(content.locationMessage.address, 512) : undefined;
    return {
      kind: 'location',
      ...point,
      ...(name ? { name } : {}),
      ...(addressLine ? { addressLine } : {}),
      ...(live ? { live: true } : {}),
    };
  }
  if (content.imageMessage) {
    const caption = clip(content.imageMessage.caption, MAX_CAPTION);
    return { kind: 'image', file: fileRef(ref, content.imageMessage), ...(caption ? { caption } : {}) };
  }
  if (content.documentMessage) {
    const document = content.documentMessage;
    const caption = clip(document.caption, MAX_CAPTION);
    const file = fileRef(ref, { ...document, fileName: document.fileName ?? document.title });
    return { kind: 'document', file, ...(caption ? { caption } : {}) };
  }
  const type = Object.keys(content).find(
    (name) =>
      name !== 'messageContextInfo' &&
      name !== 'senderKeyDistributionMessage' &&
      content[name as keyof proto.IMessage] != null,
  );
  return type ? { ok: false, reason: 'unsupported', detail: type } : { ok: false, reason: 'empty' };
}

/**
 * Maps one Baileys message to an {@link Inbound}, or says why it is ignored: the bot's own messages,
 * status and other broadcasts, newsletters, groups (unless allowed), protocol messages (deletions,
 * disappearing-message settings), reactions, poll votes and edits. The conversation id is the
 * sender's LID when WhatsApp gives one (stable across number changes), else the chat JID; the phone
 * JID alternative (`remoteJidAlt` / `participantAlt`) is returned beside it. `Inbound.id` is the
 * message id scoped by that conversation.
 */
export function mapWhatsAppMessage(message: WAMessage, options: MapOptions = {}): MapResult {
  const key = message.key;
  const remoteJid = key?.remoteJid;
  if (!key || !remoteJid || !key.id) return { ok: false, reason: 'no_key' };
  if (key.fromMe) return { ok: false, reason: 'from_me' };
  if (remoteJid === 'status@broadcast') return { ok: false, reason: 'status' };
  if (remoteJid.endsWith('@broadcast') || message.broadcast) return { ok: false, reason: 'broadcast' };
  if (remoteJid.endsWith('@newsletter')) return { ok: false, reason: 'newsletter' };
  const group = isGroupJid(remoteJid);
  if (group && !options.allowGroups) return { ok: false, reason: 'group' };
  if (!message.message) return { ok: false, reason: message.messageStubType ? 'stub' : 'empty' };

  const legacy = key as LegacyAltKey;
  const chat = group
    ? { id: remoteJid }
    : identify([remoteJid, key.remoteJidAlt, legacy.senderLid, legacy.senderPn]);
  const sender = group
    ? identify([key.participant, key.participantAlt, legacy.participantLid, legacy.participantPn])
    : chat;
  if (!chat || !sender) return { ok: false, reason: 'no_key' };

  const id = `${chat.id}:${key.id}`.slice(0, 256);
  const content = unwrapContent(message.message);
  if (!content) return { ok: false, reason: 'empty' };
  const body = bodyOf(content, mediaRef(id));
  if ('ok' in body) return body;

  const seconds = toNumber(message.messageTimestamp);
  const inbound = {
    ...body,
    id,
    address: { channel: WHATSAPP_CHANNEL, conversationId: chat.id, userId: sender.id },
    ...(seconds && inboundInstant(seconds * 1000) ? { at: inboundInstant(seconds * 1000) } : {}),
  } as Inbound;
  return {
    ok: true,
    inbound,
    chatJid: chat.id,
    ...(sender.phoneJid ? { phoneJid: sender.phoneJid } : {}),
  };
}

// ---- outbound --------------------------------------------------------------------------------------

const HINTS = {
  id: {
    choices: 'Balas dengan angka pilihan Anda.',
    location: 'Cara kirim lokasi: ketuk 📎 (di iPhone: ➕) → *Lokasi* → *Kirim lokasi Anda saat ini*.',
    document: 'ketuk 📎 → *Dokumen* untuk PDF',
    image: 'ketuk 📎 → *Kamera* atau *Galeri* untuk foto',
    fileIntro: 'Cara kirim berkas:',
  },
  en: {
    choices: 'Reply with the number of your choice.',
    location: 'To share your location: tap 📎 (on iPhone: ➕) → *Location* → *Send your current location*.',
    document: 'tap 📎 → *Document* for a PDF',
    image: 'tap 📎 → *Camera* or *Gallery* for a photo',
    fileIntro: 'To send a file:',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/**
 * Turns Markdown emphasis into WhatsApp's (`**b**` → `*b*`, `__i__` → `_i_`, `~~s~~` → `~s~`). Only
 * doubled markers around text count: runs of markers, such as a masked NIK `************0001` or
 * account number, stay as they are.
 */
export function toWhatsAppFormatting(text: string): string {
  return text
    .replace(/(?<!\*)\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*(?!\*)/g, '*$1*')
    .replace(/(?<!_)__(?=[^\s_])(.+?)(?<=[^\s_])__(?!_)/g, '_$1_')
    .replace(/(?<!~)~~(?=[^\s~])(.+?)(?<=[^\s~])~~(?!~)/g, '~$1~');
}

function fileHint(accept: readonly string[], locale: Locale): string {
  const hints = HINTS[locale];
  const images = accept.length === 0 || accept.some((type) => type.startsWith('image/'));
  const documents = accept.length === 0 || accept.some((type) => !type.startsWith('image/'));
  const ways = [documents ? hints.document : '', images ? hints.image : ''].filter(Boolean);
  return `${hints.fileIntro} ${ways.join(locale === 'en' ? ', or ' : ', atau ')}.`;
}

/** Whether rendering `outbound` needs the user's locale (for the added instructions). */
export function needsLocale(outbound: Outbound): boolean {
  return (
    outbound.kind === 'choices' || outbound.kind === 'request_location' || outbound.kind === 'request_file'
  );
}

/**
 * WhatsApp content for one outbound: text as is (WhatsApp's `*bold*` passes through), choices as a
 * numbered list, location and file requests with instructions, a venue as a location pin.
 */
export function outboundToWhatsApp(outbound: Outbound, locale: Locale = 'id'): AnyMessageContent {
  const hints = HINTS[locale];
  switch (outbound.kind) {
    case 'text':
      return { text: toWhatsAppFormatting(outbound.text) };
    case 'choices':
      return {
        text: `${numberedList(toWhatsAppFormatting(outbound.text), outbound.choices)}\n\n_${hints.choices}_`,
      };
    case 'request_location':
      return { text: `${toWhatsAppFormatting(outbound.text)}\n\n${hints.location}` };
    case 'request_file':
      return { text: `${toWhatsAppFormatting(outbound.text)}\n\n${fileHint(outbound.accept, locale)}` };
    case 'venue':
      return {
        location: {
          degreesLatitude: outbound.lat,
          degreesLongitude: outbound.lon,
          name: outbound.title,
          address: outbound.address,
        },
      };
  }
}
