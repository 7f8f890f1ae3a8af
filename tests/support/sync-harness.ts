import type { PortalSummary } from '../../electron/contract'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import type { PortalClientOptions } from '../../electron/core/portal/portal-client'
import type { Services, ServicesOptions } from '../../electron/core/services'
import type { WorkspaceOptions } from '../../electron/core/workspaces/portal-workspaces'
import type { Emulator } from '../../electron/emulator/emulator'
import { makeServices, makeTempDir } from './core'
import { admin, startTestEmulator } from './emulator'
import { freePort } from './free-port'
import { approveInBrowser } from './oauth-browser'
import { fastSyncOptions, syncDriver } from './sync-settle'
import { toJobInfo } from '../../electron/core/jobs/job-infos'

export interface SyncHarnessOptions {
  leads: number
  seed?: number
  limits?: 'off' | 'standard'
  /** How the app connects: the admin's webhook (default), or OAuth through the approve page. */
  auth?: 'webhook' | 'oauth'
  /** No client-side rate limit, and short waits after failures (client backoff, outbox retries). */
  fast?: boolean
  /** Client settings over those (e.g. a rate limiter or operating tracker of the test's own). */
  clientOptions?: Partial<PortalClientOptions>
  /** Sync settings over those (e.g. how soon an unreachable portal is tried again). */
  workspace?: WorkspaceOptions
}

/**
 * An emulated portal with seeded leads, the app's core over a temp data folder, and the portal
 * connected by webhook (or OAuth): what the sync tests start from.
 */
export async function startSyncHarness(options: SyncHarnessOptions) {
  const portal: Emulator = await startTestEmulator({
    leads: options.leads,
    seed: options.seed ?? 3,
    limits: options.limits ?? 'off'
  })
  const temp = await makeTempDir('lead-admin-sync-')
  const base: Partial<Pick<ServicesOptions, 'clientOptions' | 'sync' | 'oauth'>> = options.fast ? fastSyncOptions() : {}
  const extra = {
    ...base,
    clientOptions: { ...base.clientOptions, ...options.clientOptions },
    sync: { ...base.sync, ...options.workspace }
  }
  let services: Services
  let connected: Awaited<ReturnType<Services['dispatch']>>
  if (options.auth === 'oauth') {
    // The system browser is a user who clicks "Allow" on the portal's approve page.
    const port = await freePort()
    await admin(portal, 'oauth/app', { redirectUri: `http://127.0.0.1:${port}/oauth/callback` })
    services = makeServices(temp.dir, new MemorySecretStore(), {
      ...extra,
      oauth: { openBrowser: approveInBrowser, port }
    })
    const app = portal.credentials.apps[0]!
    connected = await services.dispatch('portals.startOAuth', {
      portalAddress: portal.url,
      clientId: app.clientId,
      clientSecret: app.clientSecret
    })
  } else {
    services = makeServices(temp.dir, new MemorySecretStore(), extra)
    connected = await services.dispatch('portals.connectWebhook', { url: portal.webhookUrl })
  }
  if (!connected.ok) throw new Error(`connect failed: ${JSON.stringify(connected.error)}`)
  const portalId = (connected.value as PortalSummary).id
  return {
    portal,
    services,
    portalId,
    dataDir: temp.dir,
    ...syncDriver(services),
    /** The portal's job log, newest first. */
    jobs: async (portalId: string, limit = 100) =>
      (await services.workspaces.open(portalId)).store.listJobs({ limit }).map(toJobInfo),
    /** HTTP requests the portal has answered since the last reset. */
    async requests(): Promise<number> {
      return ((await admin(portal, 'stats')) as { requests: number }).requests
    },
    resetStats: () => admin(portal, 'stats/reset', {}),
    async close() {
      await services.dispose()
      await portal.close()
      await temp.cleanup()
    }
  }
}

export type SyncHarness = Awaited<ReturnType<typeof startSyncHarness>>
