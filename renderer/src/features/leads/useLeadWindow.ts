import type { LeadRow } from '@contract'
import { ref, shallowRef } from 'vue'
import { unwrap, useApi } from '../../api/client'
import type { LeadsQueryState } from './useLeadsQuery'

/** Rows are fetched in blocks of this many as the grid scrolls. */
export const BLOCK_SIZE = 100

/**
 * The rows of a (possibly huge) grid, fetched by window: only the blocks the user scrolls to are
 * asked for, each once, and all are dropped when the query or the data changes.
 */
export function useLeadWindow(portalId: () => string | undefined, query: () => LeadsQueryState) {
  const total = ref(0)
  const blocks = shallowRef(new Map<number, LeadRow[]>())
  const loading = new Set<number>()
  /** Blocks whose last load failed: a retry loads them again. */
  const failed = new Set<number>()
  /** Why the last load failed (cleared by the next one that works). */
  const error = ref<unknown>()
  let generation = 0

  async function loadBlock(block: number) {
    const id = portalId()
    if (!id || loading.has(block) || blocks.value.has(block)) return
    loading.add(block)
    const started = generation
    try {
      const page = await unwrap(
        useApi().leads.query({ portalId: id, query: { ...query(), offset: block * BLOCK_SIZE, limit: BLOCK_SIZE } })
      )
      if (started !== generation) return // the query changed meanwhile
      total.value = page.total
      const next = new Map(blocks.value)
      next.set(block, page.rows)
      blocks.value = next
      failed.delete(block)
      if (failed.size === 0) error.value = undefined
    } catch (failure) {
      if (started !== generation) return
      failed.add(block)
      error.value = failure
    } finally {
      loading.delete(block)
    }
  }

  /** Makes sure the rows from `first` to `last` (indexes) are loaded or on their way. */
  function ensure(first: number, last: number) {
    for (let block = Math.floor(first / BLOCK_SIZE); block <= Math.floor(last / BLOCK_SIZE); block++)
      void loadBlock(block)
  }

  function row(index: number): LeadRow | undefined {
    return blocks.value.get(Math.floor(index / BLOCK_SIZE))?.[index % BLOCK_SIZE]
  }

  /** Forgets everything (new query, or the data changed) and loads the first block again. */
  async function reset() {
    generation++
    loading.clear()
    failed.clear()
    error.value = undefined
    blocks.value = new Map()
    await loadBlock(0)
  }

  /**
   * Reloads the blocks on show after a change in the background (a sync), keeping the old rows
   * visible until the new ones are there, so nothing flickers and an edit under way stays open.
   */
  async function refresh() {
    const id = portalId()
    if (!id) return
    const started = generation
    try {
      const loaded = await Promise.all(
        [...blocks.value.keys()].map(async (block) => {
          const page = await unwrap(
            useApi().leads.query({ portalId: id, query: { ...query(), offset: block * BLOCK_SIZE, limit: BLOCK_SIZE } })
          )
          return [block, page] as const
        })
      )
      if (started !== generation) return
      const next = new Map(blocks.value)
      for (const [block, page] of loaded) {
        next.set(block, page.rows)
        total.value = page.total
      }
      blocks.value = next
      if (failed.size === 0) error.value = undefined
    } catch (failure) {
      error.value = failure
    }
  }

  /** After a failed load: the blocks that failed are asked for again, or (a failed refresh) those on show. */
  async function retry() {
    if (failed.size === 0) return refresh()
    await Promise.all([...failed].map((block) => loadBlock(block)))
  }

  /** Puts a changed row in place without reloading (after an edit). */
  function replaceRow(changed: LeadRow) {
    const next = new Map(blocks.value)
    for (const [block, rows] of next) {
      const index = rows.findIndex((row) => row.key === changed.key)
      if (index !== -1)
        next.set(
          block,
          rows.map((row, i) => (i === index ? changed : row))
        )
    }
    blocks.value = next
  }

  return { total, ensure, row, reset, refresh, retry, replaceRow, error }
}
