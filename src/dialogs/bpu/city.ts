/**
 * The kabupaten/kota of a registrant from free text, via the gazetteer: a district (kecamatan) counts
 * as its kabupaten/kota, a province alone is not precise enough, several matches become choices.
 */
import { gazetteer, resolvePlace, type Place } from '../../content/geo/gazetteer.js';
import type { RegencyRef } from './state.js';

/** What a typed place means for the form. */
export type RegencyResolution =
  | { status: 'found'; regency: RegencyRef; district?: string }
  | { status: 'province'; province: string }
  | { status: 'ambiguous'; options: RegencyRef[] }
  | { status: 'unknown' };

function toRef(place: Place): RegencyRef {
  return { id: place.id, name: place.name, province: place.province };
}

/** The kabupaten/kota a place is (itself) or lies in (a district's); undefined for a province. */
function regencyOf(place: Place): Place | undefined {
  if (place.kind === 'city' || place.kind === 'regency') return place;
  if (place.kind === 'district') return gazetteer().placeById(place.id.slice(0, 4));
  return undefined;
}

/** Resolves a typed place to a kabupaten/kota. */
export function resolveRegency(text: string): RegencyResolution {
  const result = resolvePlace(text);
  if (result.status === 'unknown') return result;
  if (result.status === 'found') {
    const regency = regencyOf(result.place);
    if (!regency) return { status: 'province', province: result.place.name };
    return {
      status: 'found',
      regency: toRef(regency),
      ...(result.place.kind === 'district' ? { district: result.place.name } : {}),
    };
  }
  const seen = new Set<string>();
  const options = result.options
    .map(regencyOf)
    .filter((place): place is Place => place !== undefined && !seen.has(place.id) && !!seen.add(place.id))
    .map(toRef);
  if (options.length === 1) return { status: 'found', regency: options[0] as RegencyRef };
  if (options.length === 0) {
    const province = result.options.find((place) => place.kind === 'province');
    return province ? { status: 'province', province: province.name } : { status: 'unknown' };
  }
  return { status: 'ambiguous', options };
}
