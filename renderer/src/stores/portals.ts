import type { ChannelInput, Envelope, PortalSummary } from '@contract'
import { useStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { unwrap, useApi } from '../api/client'

/** The connected portals and which one is active. */
export const usePortalsStore = defineStore('portals', () => {
  const portals = ref<PortalSummary[]>([])
  // The portal being worked on, remembered between runs; switching is instant (no reload).
  const activeId = useStorage<string | undefined>('lead-admin.activePortal', undefined)
  const active = computed(() => portals.value.find((portal) => portal.id === activeId.value) ?? portals.value[0])

  function replace(list: PortalSummary[]) {
    portals.value = list
  }

  async function load() {
    const api = useApi()
    replace(await unwrap(api.portals.list()))
    api.events.on('portals.changed', replace)
  }

  async function add(call: Promise<Envelope<PortalSummary>>) {
    const portal = await unwrap(call)
    replace([...portals.value.filter((existing) => existing.id !== portal.id), portal])
    activeId.value = portal.id
    return portal
  }

  const connectWebhook = (args: ChannelInput<'portals.connectWebhook'>) => add(useApi().portals.connectWebhook(args))
  const startOAuth = (args: ChannelInput<'portals.startOAuth'>) => add(useApi().portals.startOAuth(args))
  const openDemo = () => add(useApi().portals.openDemo())

  async function remove(id: string) {
    await unwrap(useApi().portals.remove({ id }))
    replace(portals.value.filter((portal) => portal.id !== id))
    if (activeId.value === id) activeId.value = undefined
  }

  function replaceOne(portal: PortalSummary) {
    replace(portals.value.map((existing) => (existing.id === portal.id ? portal : existing)))
    return portal
  }

  const update = async (change: ChannelInput<'portals.update'>) =>
    replaceOne(await unwrap(useApi().portals.update(change)))

  /** The user confirmed the move the portal's summary shows. */
  const confirmMove = async (portal: PortalSummary, origin: string) =>
    replaceOne(await unwrap(useApi().portals.confirmMove({ id: portal.id, origin })))

  /** The user keeps the portal's address. */
  const dismissMove = async (portal: PortalSummary) =>
    replaceOne(await unwrap(useApi().portals.dismissMove({ id: portal.id })))

  function select(id: string) {
    activeId.value = id
  }

  return {
    portals,
    activeId,
    active,
    load,
    connectWebhook,
    startOAuth,
    openDemo,
    remove,
    update,
    confirmMove,
    dismissMove,
    select
  }
})
