/**
 * A small spelling corrector for chat typos (`kecelakan`, `pencairn`, `jamnan`), run on surface
 * words before normalisation so that stemming and multi-word concepts still work on the fixed word.
 * Lookup uses MiniSearch's radix tree (`SearchableMap.fuzzyGet`).
 */
import SearchableMap from 'minisearch/SearchableMap';

/** Options of {@link SpellingCorrector}. */
export interface SpellingOptions {
  /** Shortest word that is corrected (default 5). */
  minLength?: number;
  /** Words of this length or more may be two edits away (default 9). */
  twoEditsFrom?: number;
  /**
   * Maps a candidate to what it means (e.g. its normalised tokens); candidates with the same
   * meaning do not make a correction ambiguous, and a candidate that means nothing (a stopword) is
   * never proposed, since "correcting" an unknown word into a stopword would hide it. Default: the
   * word itself.
   */
  meaning?: (word: string) => string;
}

/** One applied correction. */
export interface Correction {
  from: string;
  to: string;
  distance: number;
}

/**
 * Corrects words that are not in a vocabulary to the unique nearest vocabulary word. Conservative:
 * the first letter must match (people rarely mistype it, and names differ there: bandung/kandung),
 * and when the nearest words mean different things (masak → masuk / masa) nothing is changed.
 */
export class SpellingCorrector {
  private readonly map = new SearchableMap<number>();
  private readonly minLength: number;
  private readonly twoEditsFrom: number;
  private readonly meaning: (word: string) => string;

  /**
   * @param words - the vocabulary (repeats raise a word's frequency, used to pick among synonyms)
   */
  constructor(words: Iterable<string>, options: SpellingOptions = {}) {
    this.minLength = options.minLength ?? 5;
    this.twoEditsFrom = options.twoEditsFrom ?? 9;
    this.meaning = options.meaning ?? ((w) => w);
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const [w, n] of counts) this.map.set(w, n);
  }

  /** True when `word` is in the vocabulary. */
  has(word: string): boolean {
    return this.map.has(word);
  }

  /** The correction for one word, or `undefined` when it is known, too short, or ambiguous. */
  correct(word: string): Correction | undefined {
    if (word.length < this.minLength || !/^\p{L}+$/u.test(word) || this.map.has(word)) return undefined;
    const maxDistance = word.length >= this.twoEditsFrom ? 2 : 1;
    let best: [string, number, number][] = []; // word, frequency, distance
    for (const [candidate, [freq, distance]] of this.map.fuzzyGet(word, maxDistance)) {
      if (candidate[0] !== word[0] || this.meaning(candidate) === '') continue;
      const bestDistance = best[0]?.[2] ?? Infinity;
      if (distance < bestDistance) best = [[candidate, freq, distance]];
      else if (distance === bestDistance) best.push([candidate, freq, distance]);
    }
    if (best.length === 0) return undefined;
    const meanings = new Set(best.map(([c]) => this.meaning(c)));
    if (meanings.size !== 1) return undefined;
    best.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const [to, , distance] = best[0] as [string, number, number];
    return { from: word, to, distance };
  }
}
