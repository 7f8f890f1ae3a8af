import type { AppInfo } from '../contract'
import { createApi } from './api'
import { PortalSecrets } from './auth/portal-secrets'
import type { SecretStore } from './auth/secret-store'
import { createDispatcher, type Dispatch } from './dispatch'
import { EventBus } from './events'
import type { PortalClientOptions } from './portal/portal-client'
import { DemoPortal } from './portals/demo-portal'
import { PortalRegistry } from './portals/portal-registry'
import { PortalService } from './portals/portal-service'

export interface ServicesOptions {
  app: Omit<AppInfo, 'secretStore'>
  /** The folder for the app's own files (Electron's userData in the app). */
  dataDir: string
  secretStore: SecretStore
  /** Extra settings for every portal client (tests shorten the waits). */
  clientOptions?: Partial<PortalClientOptions>
}

export interface Services {
  dispatch: Dispatch
  events: EventBus
  portals: PortalService
  /** Stops what the services started (the demo portal). */
  dispose(): Promise<void>
}

/** Wires the core together once; the Electron main process and the loopback bridge both use it. */
export function createServices(options: ServicesOptions): Services {
  const events = new EventBus()
  const portals = new PortalService({
    registry: new PortalRegistry(options.dataDir),
    secrets: new PortalSecrets(options.secretStore),
    demo: new DemoPortal(options.dataDir),
    events,
    clientOptions: options.clientOptions
  })
  const handlers = createApi({ app: options.app, secretStore: options.secretStore, portals })
  return { dispatch: createDispatcher(handlers), events, portals, dispose: () => portals.dispose() }
}
