/**
 * The keyset reader in several chains at once: the ID range is found first (one request), cut
 * into shards, and each shard is read by its own chain. Every chain goes through the same client,
 * so they share its rate limiter and operating budget: shards buy parallel portal time, not a
 * way around the limits. Pages arrive in no particular order across shards.
 */
import type { BatchClient } from './batch'
import { findIdRange, splitIdRange } from './id-range'
import { readChain, wholePages, type KeysetReadOptions } from './keyset-reader'
import type { ListRow } from './list-page'
import { mergeAsync } from './merge-async'
import { ProgressMeter } from './read-progress'

export interface ShardedReadOptions extends KeysetReadOptions {
  /** Chains to run at once. */
  shards: number
}

export async function* readShardedPages<Row extends ListRow = ListRow>(
  client: BatchClient,
  options: ShardedReadOptions
): AsyncGenerator<Row[]> {
  const meter = new ProgressMeter(options.onProgress)
  const range = await findIdRange(client, options)
  meter.add({ requests: 1 })
  if (!range) return
  const afterId = Math.max(range.min - 1, options.afterId ?? 0)
  const throughId = Math.min(range.max, options.throughId ?? Number.POSITIVE_INFINITY)
  const stop = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
  const chains = splitIdRange(afterId, throughId, options.shards).map((shard) =>
    wholePages(readChain<Row>(client, { ...options, ...shard, signal }, meter))
  )
  yield* mergeAsync(chains, () => stop.abort(new Error('The read was stopped.')))
}
