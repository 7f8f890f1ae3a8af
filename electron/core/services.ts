import type { AppInfo } from '../contract'
import { createApi } from './api'
import { PortalSecrets } from './auth/portal-secrets'
import type { SecretStore } from './auth/secret-store'
import { createDispatcher, type Dispatch } from './dispatch'
import { EventBus } from './events'
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
}

/** Wires the core together once; the Electron main process and the loopback bridge both use it. */
export function createServices(options: ServicesOptions): Services {
  const events = new EventBus()
  const handlers = createApi({
    app: options.app,
    secretStore: options.secretStore,
    portalSecrets: new PortalSecrets(options.secretStore),
    portals: new PortalRegistry(options.dataDir),
    events
  })
  return { dispatch: createDispatcher(handlers), events }
}
