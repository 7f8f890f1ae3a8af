/**
 * A map of things made on first use, asynchronously. The promise is cached, not the value, so two
 * first calls at once share one making; a making that fails is forgotten, so the next call tries
 * again.
 */
export class PromiseCache<K, V> {
  private readonly made = new Map<K, Promise<V>>()

  get(key: K, make: () => Promise<V>): Promise<V> {
    let making = this.made.get(key)
    if (!making) {
      const promise = make()
      making = promise
      this.made.set(key, promise)
      promise.catch(() => {
        if (this.made.get(key) === promise) this.made.delete(key)
      })
    }
    return making
  }

  /** What was made (or is being made) for `key`, without making it. */
  peek(key: K): Promise<V> | undefined {
    return this.made.get(key)
  }

  delete(key: K): boolean {
    return this.made.delete(key)
  }

  keys(): K[] {
    return [...this.made.keys()]
  }

  clear(): void {
    this.made.clear()
  }
}
