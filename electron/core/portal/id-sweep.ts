/**
 * Every ID of a list (the deletion sweep of docs/architecture.md §5): the keyset reader with
 * `select: [ID]`, chained or sharded. IDs come back sorted ascending.
 */
import type { BatchClient } from './batch'
import { readKeysetPages, type KeysetReadOptions } from './keyset-reader'
import type { ListRow } from './list-page'
import { readShardedPages } from './sharded-reader'

export interface IdSweepOptions extends Omit<KeysetReadOptions, 'select'> {
  /** Chains at once (1 = one chain, no range lookup). */
  shards?: number
}

export async function readAllIds(client: BatchClient, options: IdSweepOptions = {}): Promise<number[]> {
  const idField = options.rowIdField ?? options.idField ?? 'ID'
  const read = { ...options, select: [options.idField ?? 'ID'] }
  const pages =
    (options.shards ?? 1) > 1
      ? readShardedPages<ListRow>(client, { ...read, shards: options.shards! })
      : readKeysetPages<ListRow>(client, read)
  const ids: number[] = []
  for await (const page of pages) for (const row of page) ids.push(Number(row[idField]))
  // A single chain already yields them in order; shards interleave.
  return (options.shards ?? 1) > 1 ? ids.sort((a, b) => a - b) : ids
}
