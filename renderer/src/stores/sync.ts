import type { SyncMode, SyncStatus } from '@contract'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { unwrap, useApi } from '../api/client'

/** Each portal's sync state, kept current by the core's `sync.status` events. */
export const useSyncStore = defineStore('sync', () => {
  const statuses = ref<Record<string, SyncStatus>>({})
  let listening = false

  function listen() {
    if (listening) return
    listening = true
    useApi().events.on('sync.status', (status) => (statuses.value = { ...statuses.value, [status.portalId]: status }))
  }

  async function refresh(portalId: string) {
    listen()
    const status = await unwrap(useApi().sync.status({ portalId }))
    statuses.value = { ...statuses.value, [portalId]: status }
  }

  const start = async (portalId: string, mode: SyncMode = 'auto') => {
    listen()
    statuses.value = { ...statuses.value, [portalId]: await unwrap(useApi().sync.start({ portalId, mode })) }
  }
  const cancel = async (portalId: string) => {
    statuses.value = { ...statuses.value, [portalId]: await unwrap(useApi().sync.cancel({ portalId })) }
  }

  return { statuses, refresh, start, cancel, listen }
})
