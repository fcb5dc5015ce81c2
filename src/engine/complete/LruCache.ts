/**
 * A small least-recently-used map: `get` refreshes an entry, `set` evicts the oldest entries
 * while the entries weigh more than `capacity` together. By default every entry weighs 1, so
 * `capacity` is a number of entries; an entry heavier than the whole capacity is not kept.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private total = 0;

  /**
   * @param capacity the most the entries may weigh together (≥ 1).
   * @param weigh an entry's weight. Default: 1 per entry.
   */
  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {
    if (!(capacity >= 1)) throw new RangeError(`LruCache capacity must be at least 1, got ${capacity}`);
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Re-inserted: Map iteration order is the eviction order.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    if (this.weigh(value) > this.capacity) return;
    this.entries.set(key, value);
    this.total += this.weigh(value);
    for (const oldest of this.entries.keys()) {
      if (this.total <= this.capacity) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }

  /** What the entries weigh together. */
  get weight(): number {
    return this.total;
  }

  private delete(key: K): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.total -= this.weigh(value);
  }
}
