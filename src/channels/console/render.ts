/**
 * Renders outbounds as plain terminal text: choices as a numbered list (answer with the number,
 * the word or the label), venues with a map link.
 */
import type { Locale, Outbound } from '../../engine/types.js';

/** A map link for coordinates. */
export function mapLink(lat: number, lon: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${lat},${lon}`;
}

/** Text lines for one outbound, as a terminal shows it. */
export function renderForTerminal(outbound: Outbound, locale: Locale): string {
  switch (outbound.kind) {
    case 'text':
      return outbound.text;
    case 'choices':
      return [
        outbound.text,
        ...outbound.choices.map((choice, index) => `  ${index + 1}. ${choice.label}`),
      ].join('\n');
    case 'request_location':
      return `${outbound.text}\n  (${locale === 'en' ? 'type' : 'ketik'} /lokasi <lat> <lon>)`;
    case 'request_file':
      return `${outbound.text}\n  (${locale === 'en' ? 'type' : 'ketik'} /file <path>)`;
    case 'venue':
      return `📍 ${outbound.title}\n${outbound.address}\n${mapLink(outbound.lat, outbound.lon)}`;
  }
}
