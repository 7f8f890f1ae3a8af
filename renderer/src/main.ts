import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { setApi } from './api/client'
import { connectLoopbackApi } from './api/loopback'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { useSettingsStore } from './stores/settings'

async function start() {
  // Electron's preload sets window.api; in a plain browser the loopback bridge provides it.
  const api = window.api ?? (await connectLoopbackApi())
  if (!api) {
    document.body.textContent = 'Lead Admin must be started as the desktop app (or with npm run dev:web).'
    return
  }
  setApi(api)
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  const i18n = createAppI18n(useSettingsStore(pinia).locale)
  app.use(i18n)
  app.use(createAppRouter())
  app.mount('#app')
}

void start()
