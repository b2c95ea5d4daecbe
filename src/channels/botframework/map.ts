/**
 * Pure Bot Framework mapping: an incoming Activity (validated with zod) → one {@link Inbound}, and
 * {@link Outbound}s → outgoing message activities (suggested actions, hero cards, markdown text).
 * Protocol-level only: nothing here imports botbuilder, so replacing the SDK (for example with
 * `@microsoft/agents-hosting`) touches the adapter alone.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { inboundInstant, type Inbound, type Outbound } from '../../engine/types.js';
import { mapLink, renderAll, type ChannelCapabilities } from '../render.js';

// ---------------------------------------------------------------------------------------------
// Inbound

const ChannelAccount = z.looseObject({
  id: z.string().min(1).max(1024),
  name: z.string().max(1024).optional(),
});

const Attachment = z.looseObject({
  contentType: z.string().min(1).max(255),
  contentUrl: z.string().max(2048).optional(),
  name: z.string().max(1024).optional(),
  content: z.unknown().optional(),
});

/** An incoming Activity as far as Tanya reads it; other fields are kept for the SDK. */
export const IncomingActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(1024).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: ChannelAccount,
  recipient: ChannelAccount.optional(),
  text: z.string().max(100_000).optional(),
  value: z.unknown().optional(),
  attachments: z.array(Attachment).max(50).optional(),
  locale: z.string().max(64).optional(),
  timestamp: z.string().max(64).optional(),
  deliveryMode: z.string().max(32).optional(),
  membersAdded: z.array(ChannelAccount).max(1000).optional(),
});
/** A validated incoming Activity. */
export type IncomingActivity = z.infer<typeof IncomingActivity>;

/** What an activity means for the adapter. */
export type MappedActivity = { type: 'inbound'; inbound: Inbound } | { type: 'ignore'; reason: string };

const TEAMS_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
};

/** Keeps a key within `max` characters: longer keys become a stable hash. */
function fitKey(value: string, max = 256): string {
  return value.length <= max ? value : `h:${createHash('sha256').update(value).digest('base64url')}`;
}

/** The engine's conversation id for an activity: channel-scoped, at most 256 characters. */
export function conversationIdOf(activity: Pick<IncomingActivity, 'channelId' | 'conversation'>): string {
  return fitKey(`${activity.channelId}:${activity.conversation.id}`);
}

function isoOrUndefined(timestamp: string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const date = new Date(timestamp);
  return inboundInstant(date.getTime());
}

/** A choice id from a card submit / messageBack value: `{choiceId}` (or `{choice}`), ≤ 64 chars. */
function choiceIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const id = record.choiceId ?? record.choice;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : undefined;
}

function fileOf(
  attachments: IncomingActivity['attachments'],
): { kind: 'image' | 'document'; ref: string; mime?: string; name?: string } | undefined {
  for (const attachment of attachments ?? []) {
    let url = attachment.contentUrl;
    let mime = attachment.contentType.toLowerCase();
    if (mime === TEAMS_DOWNLOAD_INFO) {
      const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
      url = typeof content?.downloadUrl === 'string' ? content.downloadUrl : undefined;
      const type = typeof content?.fileType === 'string' ? content.fileType.toLowerCase() : '';
      mime = MIME_BY_EXTENSION[type] ?? 'application/octet-stream';
    } else if (mime.startsWith('application/vnd.microsoft.')) {
      continue; // cards and other rich content, not files
    }
    if (!url || !/^https?:\/\//i.test(url) || url.length > 2048) continue;
    const name = attachment.name?.slice(0, 255);
    return {
      kind: mime.startsWith('image/') ? 'image' : 'document',
      ref: url,
      mime: mime.slice(0, 255),
      ...(name ? { name } : {}),
    };
  }
  return undefined;
}

/** Maps a validated activity to an inbound, or says why it is ignored. */
export function activityToInbound(
  activity: IncomingActivity,
  newId: () => string = randomUUID,
): MappedActivity {
  const conversationId = conversationIdOf(activity);
  const at = isoOrUndefined(activity.timestamp);
  const base = {
    id: fitKey(`${activity.channelId}:${activity.conversation.id}:${activity.id ?? newId()}`),
    address: { channel: 'botframework', conversationId, userId: fitKey(activity.from.id) },
    ...(at ? { at } : {}),
    ...(activity.locale && activity.locale.length <= 35 ? { localeHint: activity.locale } : {}),
  };
  if (activity.type === 'conversationUpdate') {
    const botId = activity.recipient?.id;
    const joined = (activity.membersAdded ?? []).filter((member) => member.id !== botId);
    if (joined.length === 0) return { type: 'ignore', reason: 'no user joined' };
    return { type: 'inbound', inbound: { ...base, kind: 'event', name: 'start' } };
  }
  if (activity.type !== 'message') return { type: 'ignore', reason: `activity type ${activity.type}` };

  const text = activity.text?.trim() ?? '';
  const choiceId = choiceIdOf(activity.value);
  if (choiceId) {
    return {
      type: 'inbound',
      inbound: { ...base, kind: 'choice', choiceId, ...(text ? { label: text.slice(0, 200) } : {}) },
    };
  }
  const file = fileOf(activity.attachments);
  if (file) {
    const { kind, ...ref } = file;
    return {
      type: 'inbound',
      inbound: { ...base, kind, file: ref, ...(text ? { caption: text.slice(0, 1024) } : {}) },
    };
  }
  if (text) return { type: 'inbound', inbound: { ...base, kind: 'text', text: text.slice(0, 4096) } };
  return { type: 'ignore', reason: 'empty message' };
}

// ---------------------------------------------------------------------------------------------
// Outbound

/** Bot Framework capabilities of one channel (`channelId`). */
export interface BotFrameworkCapabilities extends ChannelCapabilities {
  /** Most suggested actions the channel shows; more choices go in a hero card (0 = never). */
  readonly maxSuggestedActions: number;
}

/** Known limits (as the Bot Builder SDK's choice helpers use them); unknown channels are conservative. */
const LIMITS: Readonly<Record<string, { suggested: number; card: number; label: number }>> = {
  emulator: { suggested: 100, card: 100, label: 100 },
  webchat: { suggested: 100, card: 100, label: 100 },
  directline: { suggested: 100, card: 100, label: 100 },
  directlinespeech: { suggested: 100, card: 100, label: 100 },
  facebook: { suggested: 10, card: 3, label: 20 },
  skype: { suggested: 10, card: 3, label: 50 },
  line: { suggested: 13, card: 99, label: 20 },
  kik: { suggested: 20, card: 100, label: 50 },
  slack: { suggested: 100, card: 100, label: 75 },
  telegram: { suggested: 100, card: 100, label: 64 },
  msteams: { suggested: 0, card: 6, label: 50 },
};
const DEFAULT_LIMITS = { suggested: 0, card: 3, label: 50 };

/** The capabilities of a Bot Framework channel. */
export function capabilitiesFor(channelId: string): BotFrameworkCapabilities {
  const limits = LIMITS[channelId] ?? DEFAULT_LIMITS;
  return {
    maxSuggestedActions: limits.suggested,
    maxButtons: Math.max(limits.suggested, limits.card),
    maxButtonLabel: limits.label,
    supportsLocationRequest: false,
    supportsVenue: true,
  };
}

/** A card button. */
export interface CardAction {
  type: 'imBack' | 'messageBack' | 'openUrl';
  title: string;
  value: unknown;
  text?: string;
  displayText?: string;
}

/** A hero card attachment. */
export interface HeroCardAttachment {
  contentType: 'application/vnd.microsoft.card.hero';
  content: {
    title?: string;
    subtitle?: string;
    text?: string;
    buttons?: CardAction[];
    tap?: CardAction;
  };
}

/** An outgoing message activity (the fields Tanya sets). */
export interface OutgoingActivity {
  type: 'message';
  text?: string;
  textFormat: 'markdown';
  suggestedActions?: { actions: CardAction[]; to: string[] };
  attachments?: HeroCardAttachment[];
}

/** WhatsApp-style `*bold*` / `_italic_` at word edges (see the Telegram mapper for the rules). */
const EMPHASIS =
  /(?<![\p{L}\p{N}*_\\])(?:\*([^\s*](?:[^*\n]*[^\s*])?)\*|_([^\s_](?:[^_\n]*[^\s_])?)_)(?![\p{L}\p{N}*_])/gu;

/** Escapes markdown and turns `*bold*` into `**bold**` and `_italic_` into `_italic_`. */
export function formatMarkdown(text: string): string {
  const escape = (part: string) => part.replace(/[\\`*_~[\]<>]/g, '\\$&');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(EMPHASIS)) {
    const styled = match[1] !== undefined ? `**${escape(match[1])}**` : `_${escape(match[2] as string)}_`;
    out += `${escape(text.slice(last, match.index))}${styled}`;
    last = match.index + match[0].length;
  }
  return out + escape(text.slice(last));
}

const MAP_BUTTON = '🗺️ Google Maps';

/**
 * The activities that deliver `outbounds` on channel `channelId` to user `userId`. Choices become
 * suggested actions (imBack with the full label, which the engine matches) while they fit the
 * channel's limit, then a hero card of messageBack buttons carrying `{choiceId}`, then a numbered
 * list; a venue becomes a hero card with a map link; location and file requests are text.
 */
export function outboundsToActivities(
  outbounds: readonly Outbound[],
  target: { channelId: string; userId: string },
): OutgoingActivity[] {
  const caps = capabilitiesFor(target.channelId);
  return renderAll(outbounds, caps).map((item): OutgoingActivity => {
    switch (item.kind) {
      case 'text':
      case 'location_request':
        return { type: 'message', text: formatMarkdown(item.text), textFormat: 'markdown' };
      case 'buttons':
        if (item.buttons.length <= caps.maxSuggestedActions) {
          return {
            type: 'message',
            text: formatMarkdown(item.text),
            textFormat: 'markdown',
            suggestedActions: {
              to: [target.userId],
              actions: item.buttons.map((button) => ({
                type: 'imBack',
                title: button.label,
                value: button.fullLabel,
              })),
            },
          };
        }
        return {
          type: 'message',
          text: formatMarkdown(item.text),
          textFormat: 'markdown',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.hero',
              content: {
                buttons: item.buttons.map((button) => ({
                  type: 'messageBack',
                  title: button.label,
                  text: button.fullLabel,
                  displayText: button.fullLabel,
                  value: { choiceId: button.id },
                })),
              },
            },
          ],
        };
      case 'venue': {
        const link = mapLink(item.lat, item.lon);
        return {
          type: 'message',
          textFormat: 'markdown',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.card.hero',
              content: {
                title: item.title,
                subtitle: item.address,
                tap: { type: 'openUrl', title: MAP_BUTTON, value: link },
                buttons: [{ type: 'openUrl', title: MAP_BUTTON, value: link }],
              },
            },
          ],
        };
      }
    }
  });
}
