import type { Browser, Page } from 'playwright-core'
import { createServer } from 'vite'
import { loopbackBridgePlugin } from '../../electron/bridge/vite-plugin'
import { rendererViteConfig } from '../../renderer/vite.shared'
import { serveBuiltRenderer } from '../../electron/bridge/static-server'
import type { SecretStore } from '../../electron/core/auth/secret-store'
import type { Services } from '../../electron/core/services'
import type { WorkspaceOptions } from '../../electron/core/workspaces/portal-workspaces'
import { requireBuilt } from './built-app'
import { makeServices, makeTempDir } from './core'

export interface E2eApp {
  /** Where the built renderer is served, with its loopback bridge. */
  url: string
  services: Services
  /** A page in a fresh browser profile (settings kept in localStorage start empty). */
  page: Page
  close(): Promise<void>
}

export interface E2eAppOptions {
  secretStore?: SecretStore
  /** Fills the empty data folder before the core starts (e.g. a stored portal). */
  prepare?: (dataDir: string) => Promise<void>
  viewport?: { width: number; height: number }
  /** The core's sync settings (e.g. a connected portal syncing by itself, as in the app). */
  sync?: WorkspaceOptions
  /**
   * `dev`: the renderer from Vite's dev server, a development build of Vue that warns of misuse
   * (duplicate keys, bad props) in the console, which fails the test. Default: the built renderer,
   * or what E2E_RENDERER says (`E2E_RENDERER=dev` runs any e2e file against the development build).
   */
  renderer?: 'built' | 'dev'
}

interface RendererServer {
  url: string
  close(): Promise<void>
}

async function serveRenderer(kind: 'built' | 'dev', services: Services): Promise<RendererServer> {
  if (kind === 'built') return serveBuiltRenderer(requireBuilt('renderer'), services)
  const server = await createServer({
    ...rendererViteConfig,
    configFile: false,
    plugins: [...rendererViteConfig.plugins, loopbackBridgePlugin(() => services)],
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'error'
  })
  await server.listen()
  return { url: server.resolvedUrls!.local[0]!, close: () => server.close() }
}

/**
 * The built renderer in Chromium over the real core, for one test: its own data folder, bridge
 * and browser profile, so no test sees what another left behind.
 */
export async function startE2eApp(browser: Browser, options: E2eAppOptions = {}): Promise<E2eApp> {
  const temp = await makeTempDir()
  await options.prepare?.(temp.dir)
  const services = makeServices(temp.dir, options.secretStore, { sync: options.sync })
  const server = await serveRenderer(
    options.renderer ?? (process.env.E2E_RENDERER === 'dev' ? 'dev' : 'built'),
    services
  )
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'en-US'
  })
  return {
    url: server.url,
    services,
    page: await context.newPage(),
    async close() {
      // The page goes first, so it never sees its bridge go away.
      await context.close()
      await server.close()
      await services.dispose()
      await temp.cleanup()
    }
  }
}
