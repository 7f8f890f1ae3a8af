import type { ChannelInput, GridViewSettings } from '@contract'
import { refDebounced } from '@vueuse/core'
import { computed, type Ref } from 'vue'
import { DEFAULT_SORT, type ViewCondition } from './tools/grid-view-state'

export type LeadsQueryState = Omit<ChannelInput<'leads.query'>['query'], 'offset' | 'limit'>

const STAGE_FIELD = 'STATUS_ID'
const isStageChoice = (condition: ViewCondition) => condition.field === STAGE_FIELD && condition.op === '='

/**
 * What the grid asks the store for, read from the view's settings: the filter bar's conditions,
 * the stage chip (one "stage is" condition of the same filter, so a saved view keeps it), the sort
 * and the search text (sent once typing pauses).
 */
export function useLeadsQuery(settings: Ref<GridViewSettings>) {
  const search = computed({
    get: () => settings.value.search,
    set: (text: string) => (settings.value.search = text)
  })
  const debouncedSearch = refDebounced(search, 200)
  const sort = computed(() => settings.value.sort[0] ?? { ...DEFAULT_SORT })

  /** The stage the chips show as picked: the filter's single "stage is" condition, if any. */
  const stage = computed({
    get: () => {
      const choices = settings.value.filter.filter(isStageChoice)
      return choices.length === 1 ? String(choices[0]!.value) : undefined
    },
    set: (value: string | undefined) => {
      const others = settings.value.filter.filter((condition) => condition.field !== STAGE_FIELD)
      settings.value.filter = value === undefined ? others : [...others, { field: STAGE_FIELD, op: '=', value }]
    }
  })

  const query = computed<LeadsQueryState>(() => ({
    search: debouncedSearch.value.trim() || undefined,
    sort: [sort.value],
    filter: settings.value.filter
  }))

  /** The filter without the stage conditions: what the stage counts are counted over. */
  const facetFilter = computed(() => settings.value.filter.filter((condition) => condition.field !== STAGE_FIELD))

  function toggleSort(field: string) {
    const current = sort.value
    settings.value.sort = [
      current.field === field
        ? { field, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { field, direction: 'asc' }
    ]
  }

  return { search, sort, stage, query, facetFilter, toggleSort }
}
