import type { JobInfo } from '@contract'
import { computed, onMounted, onUnmounted, ref, watch } from 'vue'
import { unwrap, useApi } from '../../api/client'
import { useSyncStore } from '../../stores/sync'

/** What the user can do to a job of the job runner. */
export type JobAction = 'pause' | 'resume' | 'cancel'

/**
 * A portal's job log: loaded when the screen opens or the portal changes, and again whenever a
 * sync of that portal ends (idle, error or offline), since a sync writes its entries. Jobs of the
 * job runner are kept current by the core's `jobs.changed` events.
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

  /** A job the core says changed: replaced in place, or added at the top when it is new. */
  function changed(job: JobInfo) {
    const index = jobs.value.findIndex((known) => known.id === job.id)
    jobs.value = index < 0 ? [job, ...jobs.value] : jobs.value.map((known) => (known.id === job.id ? job : known))
  }

  async function act(job: JobInfo, action: JobAction) {
    const id = portalId()
    if (!id) return
    try {
      changed(await unwrap(useApi().jobs[action]({ portalId: id, jobId: job.id })))
      failure.value = undefined
    } catch (error) {
      failure.value = error
    }
  }

  const stopListening = useApi().events.on('jobs.changed', ({ portalId: id, job }) => {
    if (id === portalId()) changed(job)
  })
  onUnmounted(stopListening)
  onMounted(open)
  watch(
    () => [portalId(), syncState.value] as const,
    ([id, state], [previousId, previousState]) => {
      if (id !== previousId) void open()
      else if (previousState && state !== previousState && state !== 'syncing') void load()
    }
  )

  return { jobs, loading, loaded, failure, load, act }
}
