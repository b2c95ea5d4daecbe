/**
 * The channel-agnostic message model. Every channel turns its native event into one {@link Inbound}
 * and delivers the {@link Outbound} values the engine returns; nothing else crosses that line.
 */
import { z } from 'zod';

/** Languages the bot speaks. Indonesian is the default. */
export const Locale = z.enum(['id', 'en']);
/** A supported language code. */
export type Locale = z.infer<typeof Locale>;

/** Where a message came from and where replies go. `conversationId` is unique within a channel. */
export const Address = z.object({
  channel: z.string().min(1).max(32),
  conversationId: z.string().min(1).max(256),
  userId: z.string().min(1).max(256),
});
/** Where a message came from and where replies go. */
export type Address = z.infer<typeof Address>;

/** The dialog step a prompt waits on; channels render from it and analytics count funnels by it. */
export const Awaiting = z.object({ dialog: z.string(), step: z.string() });
/** The dialog step a prompt waits on. */
export type Awaiting = z.infer<typeof Awaiting>;

/** One selectable option. `id` is stable data; `label` is what the user sees. */
export const Choice = z.object({
  id: z.string().min(1).max(64),
  label: z.string().min(1).max(200),
  /** What choosing it says to a yes/no offer, so a typed "iya boleh" or "nggak usah" selects it. */
  means: z.enum(['yes', 'no']).optional(),
  /** Other words that name this option when typed ("sendiri", "ubah"), in either language. */
  synonyms: z.array(z.string().min(1).max(60)).max(12).optional(),
});
/** One selectable option. */
export type Choice = z.infer<typeof Choice>;

/** A file the channel can fetch on demand (a Telegram file_id, a Baileys message key, a local path...). */
export const FileRef = z.object({
  /** Channel-specific reference; only the channel's {@link FileFetcher} understands it. */
  ref: z.string().min(1).max(2048),
  mime: z.string().max(255).optional(),
  name: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
});
/** A file the channel can fetch on demand. */
export type FileRef = z.infer<typeof FileRef>;

const inboundBase = {
  /** The channel's own message id; used to drop redeliveries. */
  id: z.string().min(1).max(256),
  address: Address,
  /** When the channel received it (ISO 8601). */
  at: z.iso.datetime({ offset: true }).optional(),
  /** A language hint from the platform (Telegram `language_code`, Bot Framework `locale`). */
  localeHint: z.string().max(35).optional(),
};

/** A message from a user, whatever the channel. */
export const Inbound = z.discriminatedUnion('kind', [
  z.object({ ...inboundBase, kind: z.literal('text'), text: z.string().max(4096) }),
  z.object({
    ...inboundBase,
    kind: z.literal('choice'),
    choiceId: z.string().min(1).max(64),
    label: z.string().max(200).optional(),
  }),
  z.object({
    ...inboundBase,
    kind: z.literal('location'),
    lat: z.number().gte(-90).lte(90),
    lon: z.number().gte(-180).lte(180),
    name: z.string().max(256).optional(),
    addressLine: z.string().max(512).optional(),
    live: z.boolean().optional(),
  }),
  z.object({
    ...inboundBase,
    kind: z.literal('document'),
    file: FileRef,
    caption: z.string().max(1024).optional(),
  }),
  z.object({
    ...inboundBase,
    kind: z.literal('image'),
    file: FileRef,
    caption: z.string().max(1024).optional(),
  }),
  z.object({
    ...inboundBase,
    kind: z.literal('event'),
    name: z.string().min(1).max(64),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
]);
/** A message from a user, whatever the channel. */
export type Inbound = z.infer<typeof Inbound>;
/** The kinds of inbound message. */
export type InboundKind = Inbound['kind'];

const outboundBase = { awaiting: Awaiting.optional() };

/** Something the bot says. Channels render each kind natively or degrade it (see render.ts). */
export const Outbound = z.discriminatedUnion('kind', [
  z.object({ ...outboundBase, kind: z.literal('text'), text: z.string() }),
  z.object({
    ...outboundBase,
    kind: z.literal('choices'),
    text: z.string(),
    choices: z.array(Choice).min(1),
  }),
  z.object({ ...outboundBase, kind: z.literal('request_location'), text: z.string() }),
  z.object({
    ...outboundBase,
    kind: z.literal('request_file'),
    text: z.string(),
    /** Accepted MIME types, e.g. `['image/jpeg', 'image/png', 'application/pdf']`. */
    accept: z.array(z.string()),
  }),
  z.object({
    ...outboundBase,
    kind: z.literal('venue'),
    lat: z.number(),
    lon: z.number(),
    title: z.string(),
    address: z.string(),
  }),
]);
/** Something the bot says. */
export type Outbound = z.infer<typeof Outbound>;
/** The kinds of outbound message. */
export type OutboundKind = Outbound['kind'];

/** Any JSON value; dialog state and session data are plain JSON so they survive restarts. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/**
 * An instant as {@link Inbound} `at` accepts it (ISO 8601 with a four-digit year), or undefined for
 * a reading outside years 0-9999 or not a number: a platform's odd timestamp must not cost the
 * user their message.
 */
export function inboundInstant(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 0 || year > 9999 ? undefined : date.toISOString();
}

/** A stable key for one conversation: `channel:conversationId`. */
export function conversationKey(address: Address): string {
  return `${address.channel}:${address.conversationId}`;
}
