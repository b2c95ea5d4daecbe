/**
 * Links that open a point in a map app. Google Maps' documented search URL opens the app on phones
 * and the website elsewhere, and needs no API key.
 */

/** A Google Maps link to the point (`https://www.google.com/maps/search/?api=1&query=lat,lon`). */
export function googleMapsLink(lat: number, lon: number): string {
  return `https://www.google.com/maps/search/?api=1&query=${lat},${lon}`;
}
