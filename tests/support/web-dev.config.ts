import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from 'vite'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import { createServices } from '../../electron/core/services'
import { loopbackBridgePlugin } from '../../electron/bridge/vite-plugin'
import { rendererViteConfig } from '../../renderer/vite.shared'

/**
 * `npm run dev:web`: the renderer with hot reload in any browser, backed by the real core over
 * the loopback bridge. Secrets are kept in memory only (the page says so). The script loads this
 * file with `--configLoader runner`: bundled (Vite's default), the whole core would be bundled with
 * it and Vite would print a warning for each of the core's extensionless imports.
 */
export default defineConfig({
  ...rendererViteConfig,
  plugins: [
    ...rendererViteConfig.plugins,
    loopbackBridgePlugin(() =>
      createServices({
        app: { name: 'Lead Admin', version: 'dev', platform: process.platform, host: 'loopback' },
        dataDir: join(tmpdir(), 'lead-admin-dev-web'),
        secretStore: new MemorySecretStore(),
        // The core runs in Node here: it prints the sign-in address for the developer to open.
        oauth: { openBrowser: async (url) => void process.stdout.write(`Open to sign in: ${url}\n`) }
      })
    )
  ],
  server: { host: '127.0.0.1', port: 5174, strictPort: false }
})
