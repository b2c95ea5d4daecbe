/**
 * Turns what a user typed ("deket jaksel", "kab. bekasi", "pontianka", "Tangerang") into a place of
 * Indonesia, or says that it is ambiguous or unknown.
 *
 * Matching, in order (the first step that finds something decides):
 * 1. the project's aliases ({@link PLACE_ALIASES}) on the whole text, then without filler words;
 * 2. provinces, regencies and cities whose name equals the text (one such match wins outright),
 *    else those plus the ones whose name starts with it as whole words (`tangerang` → Kota
 *    Tangerang, Kabupaten Tangerang, Kota Tangerang Selatan);
 * 3. districts (kecamatan) whose name equals the text, else starts with it;
 * 4. near-misses: the smallest edit distance (1 edit for 5-8 letters, 2 from 9 letters) over all
 *    names and aliases.
 * A level word at the start or end (`kota`, `kab.`, `kodya`, `kecamatan`, `provinsi`) restricts
 * the level; when nothing of that level matches, the text is tried as a whole name (`Kota Baru` is
 * a district). Filler words ({@link FILLER_WORDS}) are ignored, except in an exact official name
 * (the districts `Deket` and `Medan Area`). Comma-separated text ("Penjaringan, Jakarta
 * Utara") is tried whole, then per part.
 */
import { FILLER_WORDS, KIND_WORDS, PLACE_ALIASES, type PlaceAlias } from './aliases.js';
import { loadPlaces, type Place, type PlaceKind } from './data.js';
import { editDistance } from '../../nlu/text.js';

export type { Place, PlaceKind, TimeZone } from './data.js';

/** The outcome of {@link resolvePlace}. `options` holds at most 5 places, best first. */
export type PlaceResolution =
  { status: 'found'; place: Place } | { status: 'ambiguous'; options: Place[] } | { status: 'unknown' };

/** Most options an ambiguous answer lists. */
export const MAX_OPTIONS = 5;

const KIND_RANK: Readonly<Record<PlaceKind, number>> = { province: 0, city: 1, regency: 2, district: 3 };

/**
 * Lower-cases, removes accents and apostrophes, turns every other non-alphanumeric run into one
 * space: `"Kab. Pare-Pare "` → `"kab pare pare"`.
 */
export function normalizePlaceText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const compact = (normalized: string): string => normalized.replace(/ /g, '');

/** Edits tolerated for a name of this many letters: none below 5, 1 up to 8, then 2. */
function allowedEdits(letters: number): number {
  if (letters < 5) return 0;
  return letters < 9 ? 1 : 2;
}

interface NameEntry {
  /** Normalized name without its level prefix, e.g. `tangerang selatan`. */
  words: string;
  /** `words` without spaces. */
  key: string;
  place: Place;
  /** Province, regency or city (as opposed to a district). */
  major: boolean;
}

/** Normalized name of a place without the level prefix (`Kota `, `Kabupaten `, `DKI `, `DI `). */
function coreName(place: Place): string {
  const normalized = normalizePlaceText(place.name);
  const prefix = place.kind === 'province' ? /^(dki|di) / : /^(kota|kabupaten) /;
  return normalized.replace(prefix, '');
}

/** One way to read the words: the name part, the level it must have, and whether only exact names count. */
interface Interpretation {
  words: string[];
  kind?: PlaceKind;
  exactOnly?: boolean;
}

/** An index over places and aliases; {@link resolvePlace} uses one built from `territory-indonesia`. */
export class Gazetteer {
  private readonly byId = new Map<string, Place>();
  private readonly entries: NameEntry[] = [];
  private readonly byKey = new Map<string, NameEntry[]>();
  private readonly aliases = new Map<string, Place>();

  /** Indexes `places`; every alias must name a place of the list. */
  constructor(places: readonly Place[], aliases: readonly PlaceAlias[] = PLACE_ALIASES) {
    for (const place of places) {
      this.byId.set(place.id, place);
      const words = coreName(place);
      const entry: NameEntry = { words, key: compact(words), place, major: place.kind !== 'district' };
      this.entries.push(entry);
      const list = this.byKey.get(entry.key);
      if (list) list.push(entry);
      else this.byKey.set(entry.key, [entry]);
    }
    for (const alias of aliases) {
      const place = this.byId.get(alias.id);
      if (!place) throw new Error(`place alias refers to unknown place ${alias.id}`);
      for (const name of alias.names) this.aliases.set(compact(normalizePlaceText(name)), place);
    }
  }

  /** The place with this code, if any. */
  placeById(id: string): Place | undefined {
    return this.byId.get(id);
  }

  /** Resolves free text to a place; see the module documentation for the matching rules. */
  resolve(text: string): PlaceResolution {
    const whole = this.resolveSegment(text);
    if (whole.status !== 'unknown' || !text.includes(',')) return whole;
    for (const part of text.split(',')) {
      const result = this.resolveSegment(part);
      if (result.status !== 'unknown') return result;
    }
    return whole;
  }

  private resolveSegment(text: string): PlaceResolution {
    const normalized = normalizePlaceText(text);
    if (normalized === '') return { status: 'unknown' };
    const aliased = this.aliases.get(compact(normalized));
    if (aliased) return { status: 'found', place: aliased };

    const words = normalized.split(' ');
    const meaningful = words.filter((word) => !FILLER_WORDS.has(word));
    const hasFiller = meaningful.length < words.length;
    // An official name containing a filler word ("Medan Area") must match exactly before fillers go.
    const readings = [
      ...(hasFiller ? interpretations(words).map((reading) => ({ ...reading, exactOnly: true })) : []),
      ...interpretations(meaningful),
    ];
    for (const { words: core, kind, exactOnly = false } of readings) {
      const alias = this.aliases.get(core.join(''));
      if (!exactOnly && alias && (kind === undefined || alias.kind === kind))
        return { status: 'found', place: alias };
      const places = this.match(core.join(' '), kind, exactOnly);
      if (places.length === 1) return { status: 'found', place: places[0]! };
      if (places.length > 1) return { status: 'ambiguous', options: places.slice(0, MAX_OPTIONS) };
    }
    return { status: 'unknown' };
  }

  private match(words: string, kind: PlaceKind | undefined, exactOnly: boolean): Place[] {
    const key = compact(words);
    const fits = (entry: NameEntry) => kind === undefined || entry.place.kind === kind;
    const exact = (this.byKey.get(key) ?? []).filter(fits);
    if (exactOnly) return unique(sortByLevel(exact));
    const prefixed = this.entries.filter((entry) => fits(entry) && entry.words.startsWith(`${words} `));

    const exactMajor = exact.filter((e) => e.major);
    if (exactMajor.length === 1) return [exactMajor[0]!.place];
    const major = [...sortByLevel(exactMajor), ...sortByLevel(prefixed.filter((e) => e.major))];
    if (major.length > 0) return unique(major);
    const districts = exact.filter((e) => !e.major);
    if (districts.length > 0) return unique(sortByLevel(districts));
    const districtPrefixed = prefixed.filter((e) => !e.major);
    if (districtPrefixed.length > 0) return unique(sortByLevel(districtPrefixed));
    return this.nearMisses(key, kind);
  }

  private nearMisses(key: string, kind: PlaceKind | undefined): Place[] {
    const max = allowedEdits(key.length);
    if (max === 0) return [];
    let best = max + 1;
    let found: { place: Place; distance: number }[] = [];
    const consider = (candidate: string, place: Place) => {
      if (kind !== undefined && place.kind !== kind) return;
      const distance = editDistance(key, candidate, Math.min(best, max));
      if (distance > max || distance > best) return;
      if (distance < best) {
        best = distance;
        found = [];
      }
      found.push({ place, distance });
    };
    for (const entry of this.entries) consider(entry.key, entry.place);
    for (const [alias, place] of this.aliases) consider(alias, place);
    return unique(found.map((f) => f.place).sort(byLevel));
  }
}

/** Readings of the words: with a level word at either end taken as a level, then as plain words. */
function interpretations(words: string[]): Interpretation[] {
  if (words.length === 0 || (words.length === 1 && KIND_WORDS.has(words[0]!))) return [];
  const first = KIND_WORDS.get(words[0]!);
  const last = KIND_WORDS.get(words[words.length - 1]!);
  if (words.length > 1 && first !== undefined) {
    return [{ words: words.slice(1), kind: first }, { words }, { words: words.slice(1) }];
  }
  if (words.length > 1 && last !== undefined) {
    return [{ words: words.slice(0, -1), kind: last }, { words }, { words: words.slice(0, -1) }];
  }
  return [{ words }];
}

function byLevel(a: Place, b: Place): number {
  return KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.id.localeCompare(b.id);
}

function sortByLevel(entries: NameEntry[]): Place[] {
  return entries.map((e) => e.place).sort(byLevel);
}

function unique(places: Place[]): Place[] {
  const seen = new Set<string>();
  return places.filter((place) => !seen.has(place.id) && seen.add(place.id));
}

let shared: Gazetteer | undefined;

/**
 * The gazetteer of all of Indonesia, built on first use (reads ~1.6 MB of JSON once, about
 * 50 ms) and kept for the life of the process. Call it at start-up to pay that cost early.
 */
export function gazetteer(): Gazetteer {
  shared ??= new Gazetteer(loadPlaces());
  return shared;
}

/** Resolves free text to a place of Indonesia (see {@link Gazetteer.resolve}). */
export function resolvePlace(text: string): PlaceResolution {
  return gazetteer().resolve(text);
}

/** The place with this code (`31`, `3171`, `3175010`), if any. */
export function placeById(id: string): Place | undefined {
  return gazetteer().placeById(id);
}
