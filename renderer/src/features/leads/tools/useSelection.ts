import type { BulkTarget, ChannelInput } from '@contract'
import { computed, ref, shallowRef } from 'vue'

type MatchQuery = Pick<ChannelInput<'leads.query'>['query'], 'filter' | 'search'>

/**
 * Which grid rows are selected: rows picked one by one (click, Ctrl+click, Space), a range
 * (Shift+click from the last picked row), or every lead that matches the current filter — which
 * is never listed here, only described, so it costs nothing at 100,000 leads.
 */
export function useSelection() {
  const keys = shallowRef(new Set<number>())
  const allMatching = ref(false)
  /** The row a Shift range starts from. */
  let anchor: number | undefined

  const isSelected = (key: number) => allMatching.value || keys.value.has(key)

  function toggle(key: number, index: number): void {
    if (allMatching.value) return
    const next = new Set(keys.value)
    if (!next.delete(key)) next.add(key)
    keys.value = next
    anchor = index
  }

  /** Selects the rows from the anchor to `index`; `keyAt` knows the loaded rows (others are skipped). */
  function extendTo(index: number, keyAt: (index: number) => number | undefined): void {
    if (allMatching.value) return
    const from = anchor ?? index
    const next = new Set(keys.value)
    for (let at = Math.min(from, index); at <= Math.max(from, index); at++) {
      const key = keyAt(at)
      if (key !== undefined) next.add(key)
    }
    keys.value = next
    anchor = index
  }

  function selectAllMatching(): void {
    allMatching.value = true
  }

  function clear(): void {
    keys.value = new Set()
    allMatching.value = false
    anchor = undefined
  }

  /** How many leads are selected, given how many match the filter. */
  const count = (matching: number) => (allMatching.value ? matching : keys.value.size)
  const any = computed(() => allMatching.value || keys.value.size > 0)

  /** What a bulk change is for: the picked keys, or the filter and search. */
  function target(query: MatchQuery): BulkTarget {
    return allMatching.value
      ? { query: { filter: query.filter ?? [], search: query.search } }
      : { keys: [...keys.value] }
  }

  return { keys, allMatching, any, isSelected, toggle, extendTo, selectAllMatching, clear, count, target }
}

export type Selection = ReturnType<typeof useSelection>
