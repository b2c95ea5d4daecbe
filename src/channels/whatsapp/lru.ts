/**
 * A small bounded map that forgets its least recently used entries: message-id dedupe, the media
 * messages kept for later download, and the LID → phone-number alternatives.
 */

/** A `Map` with a size limit; reading an entry makes it the most recently used. */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  }

  /** The value for `key`, refreshed as most recently used. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Whether `key` is present (does not refresh it). */
  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** Stores `value`, evicting the oldest entries beyond the limit. */
  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    return this;
  }

  /**
   * Records `key` and says whether it was new: `true` the first time, `false` for a repeat still
   * remembered. The dedupe primitive.
   */
  remember(key: K, value: V): boolean {
    if (this.#entries.has(key)) {
      this.get(key);
      return false;
    }
    this.set(key, value);
    return true;
  }

  /** Removes `key`. */
  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** Number of entries. */
  get size(): number {
    return this.#entries.size;
  }
}
