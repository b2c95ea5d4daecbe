/**
 * Capability-driven rendering shared by channels: each channel describes what it can show
 * ({@link ChannelCapabilities}) and {@link renderOutbound} degrades an {@link Outbound} to that:
 * choices beyond the channel's button limits become a numbered list, a location request or a venue
 * the channel cannot show becomes text. Typed answers ("2", "dua", the label) are resolved by the
 * engine (`src/engine/choice-match.ts`), so a numbered list needs nothing more from the channel.
 */
import type { Choice, Outbound } from '../engine/types.js';

/** What a channel can show. */
export interface ChannelCapabilities {
  /** Most buttons one message can carry (0 = no buttons: choices are always a numbered list). */
  readonly maxButtons: number;
  /** Longest button label shown; longer labels are shortened with an ellipsis. */
  readonly maxButtonLabel: number;
  /** Longest choice id (UTF-8 bytes) a button can carry back; longer ids force a numbered list. */
  readonly maxChoiceIdBytes?: number;
  /** Whether the channel has a native "share my location" request. */
  readonly supportsLocationRequest: boolean;
  /** Whether the channel shows a venue (a pin with a title) natively. */
  readonly supportsVenue: boolean;
}

/** One button of a rendered message. */
export interface RenderedButton {
  /** The choice id the button carries back. */
  readonly id: string;
  /** The label shown, shortened to the channel's limit. */
  readonly label: string;
  /** The full label, for channels whose buttons send the label back as text. */
  readonly fullLabel: string;
}

/** An outbound as one channel will show it. */
export type Rendered =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'buttons'; readonly text: string; readonly buttons: readonly RenderedButton[] }
  | { readonly kind: 'location_request'; readonly text: string }
  | {
      readonly kind: 'venue';
      readonly lat: number;
      readonly lon: number;
      readonly title: string;
      readonly address: string;
    };

/** A map link for coordinates (opens the map app on phones). */
export function mapLink(lat: number, lon: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${lat},${lon}`;
}

/** A venue as plain text: pin, title, address and a map link. */
export function venueText(venue: { lat: number; lon: number; title: string; address: string }): string {
  return `📍 ${venue.title}\n${venue.address}\n${mapLink(venue.lat, venue.lon)}`;
}

/** The prompt followed by the choices as `1. label` lines; the user answers by number, word or label. */
export function numberedList(text: string, choices: readonly Choice[]): string {
  const lines = choices.map((choice, index) => `${index + 1}. ${choice.label}`);
  return text ? `${text}\n\n${lines.join('\n')}` : lines.join('\n');
}

/** Shortens a label to `max` characters (code points), ending with an ellipsis when cut. */
export function truncateLabel(label: string, max: number): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  if (max <= 1) return chars.slice(0, Math.max(max, 0)).join('');
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Whether every choice fits the channel's buttons. */
function fitsButtons(choices: readonly Choice[], caps: ChannelCapabilities): boolean {
  if (choices.length > caps.maxButtons) return false;
  const maxId = caps.maxChoiceIdBytes;
  return maxId === undefined || choices.every((choice) => Buffer.byteLength(choice.id, 'utf8') <= maxId);
}

/** Degrades one outbound to what the channel can show. */
export function renderOutbound(outbound: Outbound, caps: ChannelCapabilities): Rendered {
  switch (outbound.kind) {
    case 'text':
      return { kind: 'text', text: outbound.text };
    case 'request_file':
      return { kind: 'text', text: outbound.text };
    case 'choices':
      if (!fitsButtons(outbound.choices, caps)) {
        return { kind: 'text', text: numberedList(outbound.text, outbound.choices) };
      }
      return {
        kind: 'buttons',
        text: outbound.text,
        buttons: outbound.choices.map((choice) => ({
          id: choice.id,
          label: truncateLabel(choice.label, caps.maxButtonLabel),
          fullLabel: choice.label,
        })),
      };
    case 'request_location':
      return caps.supportsLocationRequest
        ? { kind: 'location_request', text: outbound.text }
        : { kind: 'text', text: outbound.text };
    case 'venue':
      return caps.supportsVenue
        ? {
            kind: 'venue',
            lat: outbound.lat,
            lon: outbound.lon,
            title: outbound.title,
            address: outbound.address,
          }
        : { kind: 'text', text: venueText(outbound) };
  }
}

/** Degrades a turn's outbounds, in order. */
export function renderAll(outbounds: readonly Outbound[], caps: ChannelCapabilities): Rendered[] {
  return outbounds.map((outbound) => renderOutbound(outbound, caps));
}

/**
 * Splits a text into chunks of at most `max` UTF-16 code units, preferring paragraph breaks, then
 * line breaks, then spaces; never splits a surrogate pair. Chunks keep their text exactly (the
 * separator where a split happened is dropped), and an empty text stays one empty chunk.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 2) throw new RangeError('max must be at least 2');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = -1;
    let skip = 0;
    for (const separator of ['\n\n', '\n', ' ']) {
      const at = window.lastIndexOf(separator, max);
      if (at > max / 3) {
        cut = at;
        skip = separator.length;
        break;
      }
    }
    if (cut === -1) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut + skip);
  }
  chunks.push(rest);
  return chunks;
}
