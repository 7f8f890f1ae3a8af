import { ref, type Ref } from 'vue'

/** What a search of the portal (products, contacts) answers: its finds, or that it was offline. */
export interface PortalSearchResult<T> {
  items: T[]
  offline: boolean
}

/**
 * A search box over the portal: the text, whether a search runs, what it found (undefined before
 * the first search), and whether the portal could not be reached. `onError` reports a failure.
 */
export function usePortalSearch<T>(
  run: (text: string) => Promise<PortalSearchResult<T>>,
  onError: (error: unknown) => void
) {
  const searchText = ref('')
  const found = ref<T[]>() as Ref<T[] | undefined>
  const searchOffline = ref(false)
  const searching = ref(false)

  async function search(): Promise<void> {
    const text = searchText.value.trim()
    if (!text) return
    searching.value = true
    try {
      const result = await run(text)
      found.value = result.items
      searchOffline.value = result.offline
    } catch (error) {
      onError(error)
    } finally {
      searching.value = false
    }
  }

  return { searchText, found, searchOffline, searching, search }
}
