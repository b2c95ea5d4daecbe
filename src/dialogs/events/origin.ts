/**
 * The point an events search is centred on, as plain JSON for the dialog state: from a typed place
 * or from a shared location (WhatsApp/Telegram, with or without a name, live or not).
 */
import type { Translate } from '../../engine/dialog.js';
import type { TimeZone } from '../../content/geo/data.js';
import type { PlaceDirectory } from '../../content/geo/directory.js';
import type { Place } from '../../content/geo/gazetteer.js';
import { placeLabel } from './query.js';

/** Search centre. `name` is what the user named (a place, a shared venue); `near` the place a bare point is in. */
export type Origin = {
  lat: number;
  lon: number;
  name: string | null;
  near: string | null;
  timeZone: TimeZone;
  /** From a live location, whose updates keep arriving. */
  live: boolean;
};

/** A shared point is named after the nearest place only when it is this close to that place's centre. */
const NAMING_KM = 25;

/** The centre of a typed place. */
export function originFromPlace(place: Place): Origin {
  return {
    lat: place.lat,
    lon: place.lon,
    name: place.kind === 'district' ? placeLabel(place) : place.name,
    near: null,
    timeZone: place.timeZone,
    live: false,
  };
}

/** A shared location: its own name when the channel gave one, the nearest place for the label and zone. */
export function originFromLocation(
  location: { lat: number; lon: number; name?: string | undefined; live?: boolean | undefined },
  places: PlaceDirectory,
): Origin {
  const nearest = places.nearest(location);
  const name = location.name?.trim();
  return {
    lat: location.lat,
    lon: location.lon,
    name: name ? name : null,
    near: nearest && nearest.distanceKm <= NAMING_KM ? placeLabel(nearest.place) : null,
    timeZone: nearest?.place.timeZone ?? 'WIB',
    live: location.live === true,
  };
}

/** How the answer names the centre: "Kota Jakarta Selatan", "lokasi Anda (sekitar Cilandak, ...)". */
export function originLabel(origin: Origin, t: Translate): string {
  if (origin.name) return origin.name;
  return origin.near ? t('events:origin_near', { place: origin.near }) : t('events:origin_shared');
}
