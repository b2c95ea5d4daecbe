/**
 * The place lookups dialogs use through `ctx.services.gazetteer`: typed text to a place, and a
 * shared location to the nearest named place.
 */
import { gazetteer, type PlaceResolution } from './gazetteer.js';
import type { LatLon } from './distance.js';
import { placeLocator, type NearestPlace } from './locate.js';

/** Place lookups, typed text and points. */
export interface PlaceDirectory {
  /** Resolves typed text ("jaksel", "kab. bekasi", "pontianka") to a place (see `resolvePlace`). */
  resolve(text: string): PlaceResolution;
  /** The district or regency/city nearest to a point. */
  nearest(point: LatLon): NearestPlace | undefined;
}

/**
 * The directory over all of Indonesia. Indexes are built on first use; call {@link warmPlaceDirectory}
 * at start-up to pay that cost before the first user does.
 */
export function placeDirectory(): PlaceDirectory {
  return {
    resolve: (text) => gazetteer().resolve(text),
    nearest: (point) => placeLocator().nearest(point),
  };
}

/** Builds the directory's indexes now. */
export function warmPlaceDirectory(): void {
  gazetteer();
  placeLocator();
}
