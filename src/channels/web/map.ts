/**
 * The web chat's wire format: one JSON body per message (`POST /web/messages`), mapped to an
 * {@link Inbound}. Files arrive base64-encoded and are stored before the inbound refers to them.
 */
import { z } from 'zod';
import type { Address, FileRef, Inbound } from '../../engine/types.js';

/** MIME types the web chat accepts for uploads. */
export const WEB_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

const base = {
  /** A client-side id, so a retried POST is answered once. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
  /** `navigator.language`. */
  lang: z.string().max(35).optional(),
};

/** One message from the web chat page. */
export const WebMessage = z.union([
  z.object({ ...base, text: z.string().min(1).max(4096) }).strict(),
  z.object({ ...base, choice: z.string().min(1).max(64), label: z.string().max(200).optional() }).strict(),
  z
    .object({
      ...base,
      location: z.object({ lat: z.number().gte(-90).lte(90), lon: z.number().gte(-180).lte(180) }).strict(),
    })
    .strict(),
  z
    .object({
      ...base,
      file: z
        .object({
          name: z.string().min(1).max(255),
          mime: z.enum(WEB_UPLOAD_TYPES),
          /** The file's bytes, base64. */
          data: z
            .string()
            .min(1)
            .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
        })
        .strict(),
      caption: z.string().max(1024).optional(),
    })
    .strict(),
]);
/** One message from the web chat page. */
export type WebMessage = z.infer<typeof WebMessage>;

/** Maps a message (files already stored as `file`) to an inbound. */
export function webMessageToInbound(
  message: WebMessage,
  id: string,
  address: Address,
  file?: FileRef,
): Inbound {
  const common = { id, address, ...(message.lang ? { localeHint: message.lang } : {}) };
  if ('text' in message) return { ...common, kind: 'text', text: message.text };
  if ('choice' in message) {
    return {
      ...common,
      kind: 'choice',
      choiceId: message.choice,
      ...(message.label ? { label: message.label } : {}),
    };
  }
  if ('location' in message)
    return { ...common, kind: 'location', lat: message.location.lat, lon: message.location.lon };
  if (!file) throw new Error('a file message needs its stored file');
  const caption = message.caption ? { caption: message.caption } : {};
  return file.mime?.startsWith('image/')
    ? { ...common, kind: 'image', file, ...caption }
    : { ...common, kind: 'document', file, ...caption };
}
