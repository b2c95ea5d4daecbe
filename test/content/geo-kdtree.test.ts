import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm, type LatLon } from '../../src/content/geo/distance.js';
import { GeoKdTree } from '../../src/content/geo/kdtree.js';

const latLon = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
});

/** The reference answer: sort everything. */
function linear(
  points: readonly LatLon[],
  from: LatLon,
  limit: number,
  maxKm: number,
  accept: (i: number) => boolean,
) {
  return points
    .map((point, index) => ({ index, distanceKm: haversineKm(from, point) }))
    .filter((n) => accept(n.index) && n.distanceKm <= maxKm)
    .sort((a, b) => a.distanceKm - b.distanceKm || a.index - b.index)
    .slice(0, limit);
}

describe('GeoKdTree', () => {
  it('gives the same neighbours as a linear scan, anywhere on Earth', () => {
    // Points are drawn from a small pool so that duplicates (same venue) are common.
    const scenario = fc.array(latLon, { minLength: 1, maxLength: 40 }).chain((pool) =>
      fc.record({
        points: fc.array(fc.constantFrom(...pool), { maxLength: 300 }),
        from: fc.oneof(latLon, fc.constantFrom(...pool)),
        limit: fc.integer({ min: 1, max: 15 }),
        maxKm: fc.oneof(
          fc.constant(Number.POSITIVE_INFINITY),
          fc.double({ min: 0, max: 21_000, noNaN: true }),
        ),
        modulo: fc.integer({ min: 1, max: 4 }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ points, from, limit, maxKm, modulo }) => {
        const accept = (i: number) => i % modulo === 0;
        const tree = new GeoKdTree(points);
        expect(tree.nearest(from, { limit, maxKm, accept })).toEqual(
          linear(points, from, limit, maxKm, accept),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('handles the antimeridian and the poles', () => {
    const points = [
      { lat: 0, lon: 179.9 },
      { lat: 0, lon: -179.9 },
      { lat: 89.9, lon: 0 },
      { lat: 89.9, lon: 180 },
      { lat: 0, lon: 170 },
    ];
    const tree = new GeoKdTree(points);
    expect(tree.nearest({ lat: 0, lon: -179.95 }, { limit: 2 }).map((n) => n.index)).toEqual([1, 0]);
    expect(tree.nearest({ lat: 90, lon: 0 }, { limit: 2 }).map((n) => n.index)).toEqual([2, 3]);
  });

  it('is empty-safe', () => {
    expect(new GeoKdTree([]).nearest({ lat: 0, lon: 0 }, { limit: 3 })).toEqual([]);
  });
});
