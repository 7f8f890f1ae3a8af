import type { AppInfo } from '@contract'
import { useOnline } from '@vueuse/core'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { unwrap, useApi } from '../api/client'

/** Facts about the running app: version, host, keychain state, network state. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo>()
  const loadError = ref<unknown>()
  const online = useOnline()

  async function load() {
    try {
      info.value = await unwrap(useApi().app.info())
      loadError.value = undefined
    } catch (error) {
      loadError.value = error
    }
  }

  return { info, loadError, online, load }
})
