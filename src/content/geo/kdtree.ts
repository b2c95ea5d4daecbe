/**
 * A static k-d tree over points on the sphere, for "the k nearest points that pass a filter".
 * Points are stored as 3-D unit vectors: straight-line (chord) distance grows with surface
 * distance, so a plane split gives an exact lower bound and the search is correct everywhere
 * (poles, the antimeridian), unlike a lat/lon grid. Distances reported are haversine kilometres.
 * Build is O(n log n); rebuild after changes (the stores do it lazily).
 */
import { chordForKm, haversineKm, toUnitVector, type LatLon } from './distance.js';

/** One answer of {@link GeoKdTree.nearest}: the point's index in the build array, and its distance. */
export interface KdNeighbour {
  index: number;
  distanceKm: number;
}

/** Options of {@link GeoKdTree.nearest}. */
export interface KdSearchOptions {
  /** How many neighbours at most. */
  limit: number;
  /** Only points at most this far (km). */
  maxKm?: number;
  /** Only points whose build index passes. */
  accept?: (index: number) => boolean;
  /** Orders points at exactly the same distance (by build index); default: by index. */
  tieBreak?: (a: number, b: number) => number;
}

/** Relative slack on pruning so floating-point rounding never drops a tie. */
const SLACK = 1e-9;

/** A k-d tree over a fixed list of points. */
export class GeoKdTree {
  /** Unit vectors, 3 numbers per tree slot. */
  private readonly xyz: Float64Array;
  /** Build index of the point in each tree slot. */
  private readonly order: Int32Array;
  /** Split axis (0, 1, 2) of the node at each tree slot. */
  private readonly axis: Uint8Array;
  private readonly points: readonly LatLon[];

  /** Builds the tree; `points` is kept (not copied) for distance computation. */
  constructor(points: readonly LatLon[]) {
    this.points = points;
    const n = points.length;
    const vectors = new Float64Array(n * 3);
    points.forEach((point, i) => vectors.set(toUnitVector(point), i * 3));
    const order = Int32Array.from({ length: n }, (_, i) => i);
    this.axis = new Uint8Array(n);
    this.build(vectors, order, 0, n);
    this.order = order;
    this.xyz = new Float64Array(n * 3);
    order.forEach((original, slot) =>
      this.xyz.set(vectors.subarray(original * 3, original * 3 + 3), slot * 3),
    );
  }

  /** Number of points. */
  get size(): number {
    return this.order.length;
  }

  private build(vectors: Float64Array, order: Int32Array, lo: number, hi: number): void {
    if (hi - lo <= 1) return;
    const axis = widestAxis(vectors, order, lo, hi);
    const mid = (lo + hi) >>> 1;
    select(vectors, order, lo, hi - 1, mid, axis);
    this.axis[mid] = axis;
    this.build(vectors, order, lo, mid);
    this.build(vectors, order, mid + 1, hi);
  }

  /** The nearest accepted points, closest first (ties ordered by `tieBreak`). */
  nearest(from: LatLon, options: KdSearchOptions): KdNeighbour[] {
    const { limit, maxKm = Number.POSITIVE_INFINITY, accept, tieBreak = (a, b) => a - b } = options;
    const best: KdNeighbour[] = [];
    if (limit <= 0 || this.size === 0) return best;
    const [qx, qy, qz] = toUnitVector(from);
    const limitChord = () => {
      const km = best.length === limit ? best[best.length - 1]!.distanceKm : maxKm;
      return km === Number.POSITIVE_INFINITY
        ? Number.POSITIVE_INFINITY
        : chordForKm(km) * (1 + SLACK) + SLACK;
    };
    let bound = limitChord();
    const worse = (a: KdNeighbour, b: KdNeighbour) =>
      a.distanceKm - b.distanceKm || tieBreak(a.index, b.index);

    const offer = (slot: number) => {
      const index = this.order[slot]!;
      if (accept && !accept(index)) return;
      const distanceKm = haversineKm(from, this.points[index]!);
      if (distanceKm > maxKm) return;
      const candidate = { index, distanceKm };
      if (best.length === limit && worse(candidate, best[limit - 1]!) >= 0) return;
      let at = best.length === limit ? limit - 1 : best.length;
      while (at > 0 && worse(candidate, best[at - 1]!) < 0) {
        best[at] = best[at - 1]!;
        at--;
      }
      best[at] = candidate;
      bound = limitChord();
    };

    const visit = (lo: number, hi: number): void => {
      if (lo >= hi) return;
      const mid = (lo + hi) >>> 1;
      const base = mid * 3;
      const dx = qx - this.xyz[base]!;
      const dy = qy - this.xyz[base + 1]!;
      const dz = qz - this.xyz[base + 2]!;
      if (dx * dx + dy * dy + dz * dz <= bound * bound) offer(mid);
      if (hi - lo === 1) return;
      const axis = this.axis[mid]!;
      const diff = axis === 0 ? dx : axis === 1 ? dy : dz;
      if (diff < 0) {
        visit(lo, mid);
        if (-diff <= bound) visit(mid + 1, hi);
      } else {
        visit(mid + 1, hi);
        if (diff <= bound) visit(lo, mid);
      }
    };
    visit(0, this.size);
    return best;
  }
}

function widestAxis(vectors: Float64Array, order: Int32Array, lo: number, hi: number): number {
  let widest = 0;
  let widestSpread = -1;
  for (let axis = 0; axis < 3; axis++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = lo; i < hi; i++) {
      const value = vectors[order[i]! * 3 + axis]!;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (max - min > widestSpread) {
      widestSpread = max - min;
      widest = axis;
    }
  }
  return widest;
}

/**
 * Quickselect with a three-way partition (so many equal keys, e.g. events at one venue, stay
 * linear): reorders `order[lo..hi]` so slot `k` holds the k-th key by `axis`, keys before it are
 * not larger and keys after it are not smaller.
 */
function select(
  vectors: Float64Array,
  order: Int32Array,
  lo: number,
  hi: number,
  k: number,
  axis: number,
): void {
  const key = (slot: number) => vectors[order[slot]! * 3 + axis]!;
  const swap = (a: number, b: number) => {
    const t = order[a]!;
    order[a] = order[b]!;
    order[b] = t;
  };
  while (hi > lo) {
    const pivot = key((lo + hi) >>> 1);
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const value = key(i);
      if (value < pivot) swap(i++, lt++);
      else if (value > pivot) swap(i, gt--);
      else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}
