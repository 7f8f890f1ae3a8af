import type { BulkStatus } from '@contract'
import { computed, onUnmounted, ref } from 'vue'
import { unwrap, useApi } from '../../../api/client'

/**
 * The last bulk change of a portal as it goes to the portal: read again whenever the sync
 * reports, until nothing of it is left to send.
 */
export function useBulkProgress(portalId: () => string | undefined) {
  const status = ref<BulkStatus>()
  const problem = ref<unknown>()

  async function read(): Promise<void> {
    const id = portalId()
    const bulk = status.value
    if (!id || !bulk) return
    try {
      status.value = await unwrap(useApi().leads.bulkStatus({ portalId: id, bulkId: bulk.bulkId }))
      problem.value = undefined
    } catch (error) {
      problem.value = error
    }
  }

  async function follow(bulkId: string): Promise<void> {
    const id = portalId()
    if (!id) return
    status.value = await unwrap(useApi().leads.bulkStatus({ portalId: id, bulkId }))
  }

  const stop = useApi().events.on('sync.status', (event) => {
    if (event.portalId === portalId() && status.value && status.value.unsent > 0) void read()
  })
  onUnmounted(stop)

  const running = computed(() => Boolean(status.value && status.value.unsent > 0))
  const share = computed(() => {
    const bulk = status.value
    const total = bulk ? bulk.total - bulk.withdrawn : 0
    return bulk && total > 0 ? Math.round((bulk.sent / total) * 100) : 100
  })

  return { status, problem, running, share, follow, read, dismiss: () => (status.value = undefined) }
}
