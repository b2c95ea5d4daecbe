/**
 * Great-circle distances on a spherical Earth (haversine). Good to about 0.5% against the WGS84
 * ellipsoid, plenty for "which event is nearest".
 */

/** Mean Earth radius in kilometres (IUGG R1). */
export const EARTH_RADIUS_KM = 6371.0088;

/** A point in WGS84 degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

const RAD = Math.PI / 180;

/** Great-circle distance between two points, in kilometres. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point as a unit vector `[x, y, z]` (Earth-centred); chord length between vectors grows with distance. */
export function toUnitVector(point: LatLon): [number, number, number] {
  const lat = point.lat * RAD;
  const lon = point.lon * RAD;
  const cosLat = Math.cos(lat);
  return [cosLat * Math.cos(lon), cosLat * Math.sin(lon), Math.sin(lat)];
}

/** Straight-line (chord) length on the unit sphere that corresponds to a surface distance in km. */
export function chordForKm(km: number): number {
  const angle = Math.min(km / EARTH_RADIUS_KM, Math.PI);
  return 2 * Math.sin(angle / 2);
}
