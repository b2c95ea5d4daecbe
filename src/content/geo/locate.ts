/**
 * Reverse lookup: which place of Indonesia a point (a shared location) is in or nearest to. Used to
 * name a shared location ("sekitar Cilandak, Kota Jakarta Selatan") and to know its time zone.
 * Nearest district or regency/city centre, not a boundary test: good enough for a label and a zone.
 */
import { loadPlaces, type Place } from './data.js';
import { haversineKm, type LatLon } from './distance.js';
import { GeoKdTree } from './kdtree.js';

/** The place nearest to a point, with the distance from the point to the place's centre. */
export interface NearestPlace {
  place: Place;
  distanceKm: number;
}

/**
 * A district whose coordinates lie farther than this from its regency's centre is left out: the
 * source geocoded some districts by name onto a namesake elsewhere (Losari in Cirebon sits on
 * Makassar's Pantai Losari), while real districts lie well within this of their regency's centre.
 */
export const MAX_DISTRICT_OFFSET_KM = 60;

/** Nearest-place search over regencies, cities and their districts (provinces are too coarse to name a spot). */
export class PlaceLocator {
  private readonly places: readonly Place[];
  private readonly tree: GeoKdTree;

  /** Indexes the regencies and cities of `places`, and districts that lie plausibly within theirs. */
  constructor(places: readonly Place[]) {
    const regencies = new Map(
      places
        .filter((place) => place.kind === 'regency' || place.kind === 'city')
        .map((place) => [`${place.province}/${place.name}`, place]),
    );
    this.places = places.filter((place) => {
      if (place.kind === 'province') return false;
      if (place.kind !== 'district') return true;
      const regency = regencies.get(`${place.province}/${place.regency}`);
      return regency !== undefined && haversineKm(place, regency) <= MAX_DISTRICT_OFFSET_KM;
    });
    this.tree = new GeoKdTree(this.places);
  }

  /** The nearest place to `point` (districts win ties over the regency they share coordinates with). */
  nearest(point: LatLon): NearestPlace | undefined {
    const [best] = this.tree.nearest(point, {
      limit: 1,
      tieBreak: (a, b) => rank(this.places[b]!) - rank(this.places[a]!) || a - b,
    });
    return best && { place: this.places[best.index]!, distanceKm: best.distanceKm };
  }
}

const rank = (place: Place): number => (place.kind === 'district' ? 1 : 0);

let shared: PlaceLocator | undefined;

/**
 * The locator over all of Indonesia, built on first use (reads the place files once, about 50 ms)
 * and kept for the life of the process.
 */
export function placeLocator(): PlaceLocator {
  shared ??= new PlaceLocator(loadPlaces());
  return shared;
}
