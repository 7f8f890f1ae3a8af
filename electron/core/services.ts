import type { AppInfo } from '../contract'
import { createApi } from './api'
import { LayoutsService } from './layouts/layouts-service'
import { LeadCardService } from './leads/lead-card-service'
import { LeadsService } from './leads/leads-service'
import { SavedViewsService } from './leads/saved-views'
import { UserfieldsService } from './userfields/userfields-service'
import { PortalWorkspaces, type WorkspaceOptions } from './workspaces/portal-workspaces'
import type { FilePort } from './files/file-port'
import { TransferFilePort } from './files/transfer-file-port'
import { join } from 'node:path'
import { PortalSecrets } from './auth/portal-secrets'
import type { SecretStore } from './auth/secret-store'
import { createDispatcher, type Dispatch } from './dispatch'
import { EventBus } from './events'
import type { PortalClientOptions } from './portal/portal-client'
import { DemoPortal } from './portals/demo-portal'
import { PortalRegistry } from './portals/portal-registry'
import { OAuthConnector, oauthAuthFactory, type OAuthEnvironment } from './portals/portal-oauth'
import { PortalService } from './portals/portal-service'
import { callbackUrl } from './auth/callback-listener'

export interface ServicesOptions {
  app: Omit<AppInfo, 'secretStore' | 'oauth'>
  /** The folder for the app's own files (Electron's userData in the app). */
  dataDir: string
  secretStore: SecretStore
  /** Extra settings for every portal client (tests shorten the waits). */
  clientOptions?: Partial<PortalClientOptions>
  /** Each portal's sync (tests shorten the retry backoff) and the definitions of its long jobs. */
  sync?: WorkspaceOptions
  /**
   * How files are chosen: the system dialogs in the desktop app; by default (the browser build,
   * tests) uploads and downloads staged in the data folder.
   */
  files?: FilePort
  /** How OAuth sign-in opens the system browser, and its callback port. */
  oauth: OAuthEnvironment
}

export interface Services {
  dispatch: Dispatch
  events: EventBus
  portals: PortalService
  workspaces: PortalWorkspaces
  leads: LeadsService
  files: FilePort
  /** Stops what the services started: each portal's workspace (database, sync, jobs), uploads under way, the demo portal. */
  dispose(): Promise<void>
}

/** Files staged for the browser build; what earlier runs left there for a day or more goes at start. */
function stagedFiles(dataDir: string): TransferFilePort {
  const port = new TransferFilePort(join(dataDir, 'file-transfer'))
  void port.removeOlderThan(Date.now() - 24 * 3_600_000)
  return port
}

/** Wires the core together once; the Electron main process and the loopback bridge both use it. */
export function createServices(options: ServicesOptions): Services {
  const events = new EventBus()
  const portals: PortalService = new PortalService({
    registry: new PortalRegistry(options.dataDir),
    secrets: new PortalSecrets(options.secretStore),
    demo: new DemoPortal(options.dataDir),
    events,
    clientOptions: options.clientOptions,
    oauthAuth: oauthAuthFactory(() => portals)
  })
  const oauth = new OAuthConnector(portals, options.oauth)
  const files = options.files ?? stagedFiles(options.dataDir)
  const workspaces = new PortalWorkspaces(options.dataDir, portals, events, options.sync)
  const leads = new LeadsService(workspaces, events)
  const app = { ...options.app, oauth: { callbackUrl: callbackUrl(options.oauth.port) } }
  const handlers = createApi({
    app,
    secretStore: options.secretStore,
    portals,
    oauth,
    workspaces,
    leads,
    files,
    userfields: new UserfieldsService(workspaces),
    layouts: new LayoutsService(workspaces),
    views: new SavedViewsService(options.dataDir, portals),
    leadCard: new LeadCardService(workspaces)
  })
  const dispose = async () => {
    await workspaces.dispose()
    await files.dispose()
    await portals.dispose()
  }
  return { dispatch: createDispatcher(handlers), events, portals, workspaces, leads, files, dispose }
}
