/**
 * Where Baileys would download a WhatsApp media message from, checked before it does: the URL comes
 * from the message itself (another client wrote it), so only `https` on WhatsApp's media hosts
 * (`*.whatsapp.net`) whose every address is public is allowed. Mirrors Baileys'
 * `downloadContentFromMessage` (the `directPath` on the host of `url`, or `mmg.whatsapp.net`; else `url`).
 */
import { lookup } from 'node:dns/promises';
import {
  DEF_MEDIA_HOST,
  extractMessageContent,
  getContentType,
  getUrlFromDirectPath,
  type WAMessage,
} from '@whiskeysockets/baileys';
import { isPublicAddress } from '../address-policy.js';
import { FileFetchError } from '../channel.js';
import { permission, type DownloadPolicy } from '../download.js';

/** WhatsApp's media hosts, over https, public addresses only. */
export const WHATSAPP_MEDIA_POLICY: DownloadPolicy = {
  trustedOrigins: [],
  publicHosts: (host) => host === 'whatsapp.net' || host.endsWith('.whatsapp.net'),
};

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** The URL Baileys would fetch `message`'s media from, if it has one. */
export function mediaUrlOf(message: WAMessage): string | undefined {
  const content = extractMessageContent(message.message);
  const type = content ? getContentType(content) : undefined;
  const media = type && content ? (content[type] as Record<string, unknown> | null | undefined) : undefined;
  if (!media || typeof media !== 'object') return undefined;
  const directPath = 'url' in media ? media.directPath : media.thumbnailDirectPath;
  if (typeof directPath === 'string' && directPath) {
    return getUrlFromDirectPath(directPath, hostOf(media.url) ?? DEF_MEDIA_HOST);
  }
  return typeof media.url === 'string' ? media.url : undefined;
}

/**
 * Throws {@link FileFetchError} (`not_found`) unless `message`'s media URL is on a WhatsApp media host
 * over https and every address its host resolves to is public.
 */
export async function checkMediaUrl(message: WAMessage): Promise<void> {
  const refused = (why: string) => new FileFetchError('not_found', `WhatsApp media URL refused: ${why}`);
  const raw = mediaUrlOf(message);
  let url: URL;
  try {
    url = new URL(raw ?? '');
  } catch {
    throw refused('no valid URL');
  }
  if (permission(WHATSAPP_MEDIA_POLICY, url) === 'refused') throw refused(`${url.host} is not a media host`);
  let addresses;
  try {
    addresses = await lookup(url.hostname, { all: true });
  } catch {
    throw new FileFetchError('unavailable', `WhatsApp media host ${url.hostname} did not resolve`);
  }
  if (addresses.length === 0 || addresses.some((entry) => !isPublicAddress(entry.address))) {
    throw refused(`${url.hostname} resolves to a non-public address`);
  }
}
