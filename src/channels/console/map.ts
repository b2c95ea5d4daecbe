/**
 * The terminal channel's JSON protocol: one object per stdin line, mapped to an {@link Inbound}.
 * `{"text": "..."}`, `{"choice": "<id>"}`, `{"location": {"lat": -6.26, "lon": 106.81}}`,
 * `{"file": {"path": "/abs/file.pdf", "name": "file.pdf", "mime": "application/pdf"}}`.
 */
import { statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { Address, Inbound } from '../../engine/types.js';

/** One line of `tanya chat --json` input. */
export const ChatLine = z.union([
  z.object({ text: z.string().max(4096) }).strict(),
  z.object({ choice: z.string().min(1).max(64) }).strict(),
  z
    .object({
      location: z.object({ lat: z.number().gte(-90).lte(90), lon: z.number().gte(-180).lte(180) }).strict(),
    })
    .strict(),
  z
    .object({
      file: z
        .object({
          path: z.string().min(1),
          name: z.string().max(255).optional(),
          mime: z.string().max(255).optional(),
        })
        .strict(),
    })
    .strict(),
]);
/** One line of `tanya chat --json` input. */
export type ChatLine = z.infer<typeof ChatLine>;

/** Why a line was rejected, worded for the person typing it. */
export class ChatLineError extends Error {
  override readonly name = 'ChatLineError';
}

/** Parses one stdin line; throws {@link ChatLineError} with a readable reason. */
export function parseChatLine(line: string): ChatLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ChatLineError('not valid JSON');
  }
  const parsed = ChatLine.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ChatLineError(
    'expected one of {"text": "..."}, {"choice": "<id>"}, {"location": {"lat": n, "lon": n}}, ' +
      '{"file": {"path": "/abs/path", "name"?: "...", "mime"?: "..."}}',
  );
}

/** Maps a parsed line to an inbound message. File sizes are read from disk; a missing file is an error. */
export function chatLineToInbound(
  line: ChatLine,
  id: string,
  address: Address,
  localeHint?: string,
): Inbound {
  const base = { id, address, ...(localeHint ? { localeHint } : {}) };
  if ('text' in line) return { ...base, kind: 'text', text: line.text };
  if ('choice' in line) return { ...base, kind: 'choice', choiceId: line.choice };
  if ('location' in line)
    return { ...base, kind: 'location', lat: line.location.lat, lon: line.location.lon };
  const path = isAbsolute(line.file.path) ? line.file.path : resolve(line.file.path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new ChatLineError(`file not found: ${line.file.path}`);
  }
  const file = {
    ref: path,
    name: line.file.name ?? basename(path),
    size,
    ...(line.file.mime ? { mime: line.file.mime } : {}),
  };
  return line.file.mime?.startsWith('image/')
    ? { ...base, kind: 'image', file }
    : { ...base, kind: 'document', file };
}
