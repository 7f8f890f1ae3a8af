/**
 * The range of IDs a list holds (its lowest and highest), found with one batch of two keyset
 * pages (ID ascending and descending, `start: -1`, IDs only), and its split into shards.
 */
import type { BatchClient } from './batch'
import { runBatchWithRetry } from './batch-retry'
import { pageRows, type ListRow } from './list-page'
import { LEAD_LIST_METHOD } from './methods/leads'

export interface IdRange {
  min: number
  max: number
}

export interface IdRangeQuery {
  method?: string
  filter?: Record<string, unknown>
  params?: Record<string, unknown>
  idField?: string
  rowIdField?: string
  itemsKey?: string
  signal?: AbortSignal
}

/** Lowest and highest ID of the rows matching `filter`; undefined when there are none. */
export async function findIdRange(client: BatchClient, query: IdRangeQuery = {}): Promise<IdRange | undefined> {
  const method = query.method ?? LEAD_LIST_METHOD
  const idField = query.idField ?? 'ID'
  const rowIdField = query.rowIdField ?? idField
  const page = (direction: 'ASC' | 'DESC') => ({
    method,
    params: {
      ...query.params,
      order: { [idField]: direction },
      filter: query.filter ?? {},
      select: [idField],
      start: -1
    }
  })
  const reply = await runBatchWithRetry(client, { first: page('ASC'), last: page('DESC') }, { signal: query.signal })
  const edge = (key: 'first' | 'last') => {
    const outcome = reply.outcomes[key]!
    if (!outcome.ok) throw outcome.error
    const row = pageRows<ListRow>(method, outcome.result, query.itemsKey)[0]
    return row === undefined ? undefined : Number(row[rowIdField])
  }
  const min = edge('first')
  const max = edge('last')
  return min === undefined || max === undefined ? undefined : { min, max }
}

export interface IdShard {
  /** Exclusive lower bound. */
  afterId: number
  /** Inclusive upper bound. */
  throughId: number
}

/** (afterId, throughId] cut into `count` contiguous shards of (nearly) equal width. */
export function splitIdRange(afterId: number, throughId: number, count: number): IdShard[] {
  const span = throughId - afterId
  if (span <= 0) return []
  const parts = Math.max(1, Math.min(Math.floor(count), span))
  const width = Math.ceil(span / parts)
  const shards: IdShard[] = []
  for (let low = afterId; low < throughId; low += width) {
    shards.push({ afterId: low, throughId: Math.min(throughId, low + width) })
  }
  return shards
}
