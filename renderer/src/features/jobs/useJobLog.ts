import type { JobInfo } from '@contract'
import { computed, onMounted, ref, watch } from 'vue'
import { unwrap, useApi } from '../../api/client'
import { useSyncStore } from '../../stores/sync'

/**
 * A portal's job log: loaded when the screen opens or the portal changes, and again whenever a
 * sync of that portal ends (idle, error or offline), since a sync writes its entries.
 */
export function useJobLog(portalId: () => string | undefined) {
  const sync = useSyncStore()
  const jobs = ref<JobInfo[]>([])
  const loading = ref(false)
  /** The log of the current portal has been read at least once. */
  const loaded = ref(false)
  const failure = ref<unknown>()
  const syncState = computed(() => {
    const id = portalId()
    return id ? sync.statuses[id]?.state : undefined
  })

  async function load() {
    const id = portalId()
    if (!id) return
    loading.value = true
    try {
      const list = await unwrap(useApi().jobs.list({ portalId: id }))
      // The portal may have changed while the answer was on its way.
      if (id !== portalId()) return
      jobs.value = list
      loaded.value = true
      failure.value = undefined
    } catch (error) {
      failure.value = error
    } finally {
      loading.value = false
    }
  }

  async function open() {
    jobs.value = []
    loaded.value = false
    const id = portalId()
    if (!id) return
    // Also starts following the portal's sync status, so the log is read again when a sync ends.
    await sync.refresh(id).catch((error: unknown) => (failure.value = error))
    await load()
  }

  onMounted(open)
  watch(
    () => [portalId(), syncState.value] as const,
    ([id, state], [previousId, previousState]) => {
      if (id !== previousId) void open()
      else if (previousState && state !== previousState && state !== 'syncing') void load()
    }
  )

  return { jobs, loading, loaded, failure, load }
}
