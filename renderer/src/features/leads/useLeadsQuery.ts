import type { ChannelInput } from '@contract'
import { refDebounced } from '@vueuse/core'
import { computed, ref } from 'vue'
import { DEFAULT_SORT } from './tools/grid-view-state'

export type LeadsQueryState = Omit<ChannelInput<'leads.query'>['query'], 'offset' | 'limit'>

/** What the grid shows: search text, sort, and the stage the user picked. */
export function useLeadsQuery() {
  const search = ref('')
  const debouncedSearch = refDebounced(search, 200)
  const sort = ref<{ field: string; direction: 'asc' | 'desc' }>({ ...DEFAULT_SORT })
  const stage = ref<string>()

  const query = computed<LeadsQueryState>(() => ({
    search: debouncedSearch.value.trim() || undefined,
    sort: [sort.value],
    filter: stage.value ? [{ field: 'STATUS_ID', op: '=', value: stage.value }] : []
  }))

  function toggleSort(field: string) {
    sort.value =
      sort.value.field === field
        ? { field, direction: sort.value.direction === 'asc' ? 'desc' : 'asc' }
        : { field, direction: 'asc' }
  }

  return { search, sort, stage, query, toggleSort }
}
