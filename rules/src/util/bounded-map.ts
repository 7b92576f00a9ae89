/**
 * A Map that keeps at most `capacity` entries, evicting the least recently used one. Module-level
 * caches use it so a long-running process (the language server, an ESLint worker on a large
 * repository) holds a bounded amount of memory however many files it sees.
 */
const NONE: unique symbol = Symbol('none');

export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  /** The most recently used key: reading it again changes no order, so it is not moved. */
  #newest: K | typeof NONE = NONE;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value for `key`, which becomes the most recently used entry. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined && !this.#entries.has(key)) return undefined;
    if (key !== this.#newest) {
      this.#entries.delete(key);
      this.#entries.set(key, value as V);
      this.#newest = key;
    }
    return value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#newest = key;
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    return this;
  }

  delete(key: K): boolean {
    if (key === this.#newest) this.#newest = NONE;
    return this.#entries.delete(key);
  }

  /** The values, least recently used first; reading them does not change the order. */
  values(): IterableIterator<V> {
    return this.#entries.values();
  }

  clear(): void {
    this.#entries.clear();
    this.#newest = NONE;
  }
}
