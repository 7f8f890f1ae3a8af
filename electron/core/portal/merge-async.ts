/**
 * Several async iterators read at once, their items handed on in the order they arrive. Each
 * source is asked for its next item as soon as the last one was taken, so all keep working while
 * the caller is busy. The first failure ends the merge; so does the caller stopping early —
 * either way `onStop` runs (to abort the sources' work) and every source is closed.
 */
export async function* mergeAsync<T>(sources: Array<AsyncIterable<T>>, onStop?: () => void): AsyncGenerator<T> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]())
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>()
  const pull = (index: number) => {
    const next = iterators[index]!.next().then((result) => ({ index, result }))
    next.catch(() => {}) // awaited through Promise.race; a late failure after a stop is not news
    pending.set(index, next)
  }
  iterators.forEach((_, index) => pull(index))
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values())
      if (result.done) {
        pending.delete(index)
        continue
      }
      pull(index)
      yield result.value
    }
  } finally {
    if (pending.size > 0) {
      onStop?.()
      await Promise.allSettled([...pending.keys()].map((index) => iterators[index]!.return?.()))
    }
  }
}
