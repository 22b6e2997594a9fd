// A cache that keeps the most recently used entries: what the blame caches
// need, so a long session with many branches does not grow without end.

/** A Map that forgets its least recently used entries beyond `max`. */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  deleteWhere(test: (key: K) => boolean): void {
    for (const key of [...this.entries.keys()]) {
      if (test(key)) {
        this.entries.delete(key);
      }
    }
  }
}
