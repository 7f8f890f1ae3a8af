import type { AppInfo } from '../contract'
import { createApi } from './api'
import { PortalSecrets } from './auth/portal-secrets'
import type { SecretStore } from './auth/secret-store'
import { createDispatcher, type Dispatch } from './dispatch'
import { EventBus } from './events'
import { DemoPortal } from './portals/demo-portal'
import { PortalRegistry } from './portals/portal-registry'

export interface ServicesOptions {
  app: Omit<AppInfo, 'secretStore'>
  /** The folder for the app's own files (Electron's userData in the app). */
  dataDir: string
  secretStore: SecretStore
}

export interface Services {
  dispatch: Dispatch
  events: EventBus
  /** Stops what the services started (the demo portal). */
  dispose(): Promise<void>
}

/** Wires the core together once; the Electron main process and the loopback bridge both use it. */
export function createServices(options: ServicesOptions): Services {
  const events = new EventBus()
  const portals = new PortalRegistry(options.dataDir)
  const portalSecrets = new PortalSecrets(options.secretStore)
  const demo = new DemoPortal(options.dataDir, portals, portalSecrets)
  const handlers = createApi({
    app: options.app,
    secretStore: options.secretStore,
    portalSecrets,
    portals,
    events,
    demo
  })
  return { dispatch: createDispatcher(handlers), events, dispose: () => demo.stop() }
}
