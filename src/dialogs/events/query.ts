/**
 * Reads an events question typed in chat ("ada vaksin deket rumah?", "vaksinasi di jaksel minggu
 * ini", "sosialisasi bpu bandung bulan ini"): the kind of event, the time filter, whether the user
 * means "near me", and the words left over, which name the place (resolved with the gazetteer).
 *
 * Words are matched whole, after the gazetteer's normalisation (lower case, no punctuation); phrases
 * of up to three words are matched longest first. Everything not recognised stays in `placeText`,
 * in order, so a place name is never cut by the words around it.
 */
import type { EventType } from '../../content/events/model.js';
import { KIND_WORDS, PLACE_ALIASES } from '../../content/geo/aliases.js';
import { normalizePlaceText, type Place, type PlaceResolution } from '../../content/geo/gazetteer.js';

/** A time filter: events that start today, tomorrow, this week (until Sunday) or this month. */
export type TimeFilter = 'today' | 'tomorrow' | 'week' | 'month';

/** The time filters, for validation of stored state and arguments. */
export const TIME_FILTERS: readonly TimeFilter[] = ['today', 'tomorrow', 'week', 'month'];

/** What an events question asks. */
export interface EventsQuery {
  type?: EventType;
  when?: TimeFilter;
  /** The words that may name a place ("jaksel", "kabupaten bogor"), or undefined when none are left. */
  placeText?: string;
  /** The text says "near me" ("deket rumah", "terdekat", "sekitar sini", "near me"). */
  nearMe: boolean;
  /** The text mentions events at all (a kind of event, "acara", "kegiatan", "jadwal", "event"). */
  mentionsEvents: boolean;
  /** The user asks for more results ("lagi", "lihat lebih banyak", "more"). */
  more: boolean;
}

type Meaning =
  | { kind: 'type'; type: EventType }
  | { kind: 'when'; when: TimeFilter }
  | { kind: 'near' }
  | { kind: 'event' }
  | { kind: 'more' }
  | { kind: 'noise' };

const TYPE_WORDS: Readonly<Record<EventType, readonly string[]>> = {
  vaksinasi: [
    'vaksin',
    'vaksinasi',
    'vaksinnya',
    'vaksinasinya',
    'vaxin',
    'faksin',
    'booster',
    'suntik vaksin',
    'vaccine',
    'vaccines',
    'vaccination',
    'vaccinations',
  ],
  sosialisasi: [
    'sosialisasi',
    'sosialisasinya',
    'sosialisai',
    'sosialiasi',
    'penyuluhan',
    'edukasi',
    'seminar',
    'outreach',
    'socialisation',
    'socialization',
    'info session',
  ],
  layanan: [
    'layanan',
    'pelayanan',
    'layanan keliling',
    'mobil keliling',
    'jemput bola',
    'stan',
    'stand',
    'booth',
    'service point',
    'service',
    'services',
  ],
};

const WHEN_WORDS: Readonly<Record<TimeFilter, readonly string[]>> = {
  today: ['hari ini', 'hr ini', 'hri ini', 'sekarang', 'skrg', 'skrng', 'today'],
  tomorrow: ['besok', 'bsk', 'besok pagi', 'tomorrow'],
  week: ['minggu ini', 'mgg ini', 'mg ini', 'pekan ini', 'seminggu ini', 'this week'],
  month: ['bulan ini', 'bln ini', 'sebulan ini', 'this month'],
};

const NEAR_WORDS = [
  'terdekat',
  'dekat',
  'deket',
  'dkt',
  'paling dekat',
  'paling deket',
  'sekitar',
  'sekitaran',
  'rumah',
  'rumah saya',
  'rmh',
  'sini',
  'sekitar sini',
  'daerah sini',
  'daerah saya',
  'lokasi saya',
  'tempat saya',
  'kota saya',
  'kota sy',
  'kotaku',
  'daerahku',
  'desa saya',
  'kampung saya',
  'kecamatan saya',
  'kelurahan saya',
  'near',
  'nearby',
  'near me',
  'nearest',
  'closest',
  'around me',
];

const EVENT_WORDS = [
  'acara',
  'acaranya',
  'kegiatan',
  'kegiatannya',
  'event',
  'events',
  'even',
  'jadwal',
  'jadwalnya',
  'agenda',
  'schedule',
];

const MORE_WORDS = [
  'lagi',
  'lg',
  'lainnya',
  'lebih banyak',
  'lihat lebih banyak',
  'selanjutnya',
  'more',
  'next',
];

/** Words that carry no place, kind or time: question words, pronouns, the agency's names, politeness. */
const NOISE_WORDS = [
  'ada',
  'ad',
  'adakah',
  'apa',
  'apakah',
  'apa ada',
  'gak',
  'ga',
  'nggak',
  'ngga',
  'engga',
  'tidak',
  'yang',
  'yg',
  'mana',
  'dimana',
  'di mana',
  'dmn',
  'di',
  'ke',
  'dari',
  'dr',
  'kapan',
  'kpn',
  'mau',
  'ingin',
  'pengen',
  'pingin',
  'cari',
  'nyari',
  'carikan',
  'cariin',
  'tolong',
  'info',
  'infonya',
  'informasi',
  'lihat',
  'liat',
  'bpjs',
  'bpjstk',
  'bpjs tk',
  'bpjamsostek',
  'jamsostek',
  'ketenagakerjaan',
  'naker',
  'bpu',
  'gratis',
  'bersama',
  'untuk',
  'utk',
  'buat',
  'pekerja',
  'saya',
  'aku',
  'sy',
  'gue',
  'gw',
  'kak',
  'min',
  'mimin',
  'dong',
  'donk',
  'aja',
  'saja',
  'doang',
  'juga',
  'jg',
  'only',
  'just',
  'ya',
  'nih',
  'sih',
  'kah',
  'nanti',
  'bisa',
  'ikut',
  'tempat',
  'lokasi',
  'daerah',
  'area',
  'wilayah',
  'kawasan',
  'the',
  'is',
  'are',
  'there',
  'any',
  'for',
  'me',
  'my',
  'where',
  'when',
  'what',
  'please',
  'in',
  'at',
  'show',
  'find',
];

const MAX_PHRASE_WORDS = 3;

const LEXICON: ReadonlyMap<string, Meaning> = (() => {
  const lexicon = new Map<string, Meaning>();
  const add = (phrases: readonly string[], meaning: Meaning) => {
    for (const phrase of phrases) if (!lexicon.has(phrase)) lexicon.set(phrase, meaning);
  };
  for (const [type, words] of Object.entries(TYPE_WORDS) as [EventType, readonly string[]][])
    add(words, { kind: 'type', type });
  for (const [when, words] of Object.entries(WHEN_WORDS) as [TimeFilter, readonly string[]][])
    add(words, { kind: 'when', when });
  add(NEAR_WORDS, { kind: 'near' });
  add(EVENT_WORDS, { kind: 'event' });
  add(MORE_WORDS, { kind: 'more' });
  add(NOISE_WORDS, { kind: 'noise' });
  return lexicon;
})();

/** Reads an events question; never throws. */
export function parseEventsQuery(text: string): EventsQuery {
  const words = normalizePlaceText(text).split(' ').filter(Boolean);
  const query: EventsQuery = { nearMe: false, mentionsEvents: false, more: false };
  const rest: string[] = [];
  for (let i = 0; i < words.length;) {
    let matched = 0;
    for (let size = Math.min(MAX_PHRASE_WORDS, words.length - i); size > 0 && matched === 0; size--) {
      const meaning = LEXICON.get(words.slice(i, i + size).join(' '));
      if (!meaning) continue;
      matched = size;
      apply(query, meaning);
    }
    if (matched === 0) {
      rest.push(words[i]!);
      matched = 1;
    }
    i += matched;
  }
  if (rest.length > 0) query.placeText = rest.join(' ');
  return query;
}

function apply(query: EventsQuery, meaning: Meaning): void {
  switch (meaning.kind) {
    case 'type':
      query.type ??= meaning.type;
      query.mentionsEvents = true;
      return;
    case 'when':
      query.when ??= meaning.when;
      return;
    case 'near':
      query.nearMe = true;
      return;
    case 'event':
      query.mentionsEvents = true;
      return;
    case 'more':
      query.more = true;
      return;
    case 'noise':
      return;
  }
}

/**
 * Whether a message typed with no dialog running (or at the menu) asks for events rather than a
 * general question: it mentions events and also "near me", a time, or a place `resolve` knows.
 * "Apakah BPJS mengadakan vaksinasi?" is a question for the FAQ; "ada vaksin deket rumah?" and
 * "vaksinasi di jaksel minggu ini" are events searches.
 */
export function isEventsQuery(text: string, resolve: (text: string) => PlaceResolution): boolean {
  const query = parseEventsQuery(text);
  if (!query.mentionsEvents) return false;
  if (query.nearMe || query.when !== undefined) return true;
  return query.placeText !== undefined && resolveQueryPlace(query.placeText, resolve).status !== 'unknown';
}

/** The outcome of finding the place an events question names. */
export type QueryPlace = PlaceResolution & { text: string };

/**
 * Resolves the place words of a query: the whole text first (typos tolerated), then shorter runs of
 * its words (longest first, leftmost first) that name a place exactly, so "ojol bandung" still
 * finds Bandung while "kantor" is not read as the district Kanor. Unknown when no run is a place.
 */
export function resolveQueryPlace(placeText: string, resolve: (text: string) => PlaceResolution): QueryPlace {
  const whole = resolve(placeText);
  if (whole.status !== 'unknown') return { ...whole, text: placeText };
  const words = placeText.split(' ').filter(Boolean);
  for (let size = words.length - 1; size > 0; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const candidate = words.slice(start, start + size).join(' ');
      const result = resolve(candidate);
      const places =
        result.status === 'found' ? [result.place] : result.status === 'ambiguous' ? result.options : [];
      if (places.some((place) => namesExactly(candidate, place))) return { ...result, text: candidate };
    }
  }
  return { status: 'unknown', text: placeText };
}

/** Whether words name a place without a typo: its name (or the start of it, "tangerang") or an alias. */
function namesExactly(words: string, place: Place): boolean {
  const core = normalizePlaceText(words)
    .split(' ')
    .filter((word, index, all) => !((index === 0 || index === all.length - 1) && KIND_WORDS.has(word)))
    .join(' ');
  if (core === '') return false;
  const name = normalizePlaceText(place.name).replace(/^(kota|kabupaten|dki|di) /, '');
  if (name === core || name.startsWith(`${core} `)) return true;
  return PLACE_ALIASES.some((alias) => alias.id === place.id && alias.names.includes(core));
}

/** A place's display label with its province or regency, to tell same-named places apart. */
export function placeLabel(place: Place): string {
  if (place.kind === 'province') return place.name;
  if (place.kind === 'district') return `${place.name}, ${place.regency ?? place.province}`;
  return `${place.name}, ${place.province}`;
}
