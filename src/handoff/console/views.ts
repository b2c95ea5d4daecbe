/**
 * What the console shows, built from stored data: transcript lines without channel file references
 * (files are fetched through an authenticated route by index) and with personal numbers (NIK, phone,
 * KPJ, bank accounts) masked, each of which an agent may reveal one at a time ({@link revealNumber},
 * audited by the route), and the session context with those numbers masked too.
 */
import type { Session } from '../../engine/session.js';
import type { Translate } from '../../engine/dialog.js';
import type { DialogRegistry } from '../../engine/dialog.js';
import { findPersonalNumbers, maskPersonalNumbers } from '../../log/mask.js';
import { mapLink } from '../../channels/console/render.js';
import type { TranscriptEntry } from '../model.js';

/** A transcript line as the browser sees it. */
export interface PublicLine {
  index: number;
  at: string;
  from: TranscriptEntry['from'];
  kind: TranscriptEntry['kind'];
  /** The text with personal numbers masked. */
  text?: string;
  /** The masked forms of the personal numbers in {@link text}, in order: the items an agent may reveal. */
  masked?: string[];
  choices?: string[];
  lat?: number;
  lon?: number;
  map?: string;
  file?: { name: string; mime: string; size?: number };
  agent?: string;
}

/** Strips what only the server may see (the channel's file reference, personal numbers in clear). */
export function publicLine(line: TranscriptEntry, index: number): PublicLine {
  const { file, text, ...rest } = line;
  const numbers = text === undefined ? [] : findPersonalNumbers(text);
  return {
    index,
    ...rest,
    ...(text !== undefined ? { text: maskPersonalNumbers(text) } : {}),
    ...(numbers.length ? { masked: numbers.map((number) => number.masked) } : {}),
    ...(line.lat !== undefined && line.lon !== undefined ? { map: mapLink(line.lat, line.lon) } : {}),
    ...(file
      ? {
          file: {
            name: file.ref.name ?? 'file',
            mime: file.ref.mime ?? 'application/octet-stream',
            ...(file.ref.size !== undefined ? { size: file.ref.size } : {}),
          },
        }
      : {}),
  };
}

/** The personal number `item` (0-based, as {@link PublicLine.masked} lists them) of a line, in clear. */
export function revealNumber(line: TranscriptEntry, item: number): string | undefined {
  return findPersonalNumbers(line.text ?? '')[item]?.text;
}

const PERSONAL_FIELD = /nik|kpj|phone|hp|telp|rekening|account|npwp/i;

/** Masks a dialog answer for display: personal numbers keep only their last digits. */
export function maskAnswer(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (PERSONAL_FIELD.test(field) && /\d{4}/.test(text)) {
    const digits = text.replace(/\D/g, '');
    return `${'*'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
  }
  return maskPersonalNumbers(text);
}

/** The session as the console shows it. */
export interface SessionContext {
  locale: string;
  channel: string;
  dialog: { id: string; step: string; title: string } | null;
  paused: { id: string; step: string; title: string } | null;
  answers: Record<string, string>;
  turns: number;
  createdAt: string;
}

/** Builds the context panel of a conversation. */
export function sessionContext(
  session: Session,
  channel: string,
  dialogs: DialogRegistry,
  t: Translate,
): SessionContext {
  const describe = (f: Session['stack'][number] | undefined) => {
    if (!f) return null;
    const dialog = dialogs.get(f.dialog);
    return { id: f.dialog, step: f.step, title: dialog ? t(dialog.titleKey) : f.dialog };
  };
  const answers: Record<string, string> = {};
  for (const f of [...(session.paused ?? []), ...session.stack]) {
    for (const [field, value] of Object.entries(f.state)) {
      if (value === null || value === undefined || value === '') continue;
      answers[`${f.dialog}.${field}`] = maskAnswer(field, value).slice(0, 300);
    }
  }
  return {
    locale: session.locale,
    channel,
    dialog: describe(session.stack.at(-1)),
    paused: describe(session.paused?.at(-1)),
    answers,
    turns: session.turns,
    createdAt: session.createdAt,
  };
}
