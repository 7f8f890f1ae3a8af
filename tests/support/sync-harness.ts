import type { PortalSummary } from '../../electron/contract'
import type { Services } from '../../electron/core/services'
import type { Emulator } from '../../electron/emulator/emulator'
import { makeServices, makeTempDir } from './core'
import { admin, startTestEmulator } from './emulator'

/**
 * An emulated portal with seeded leads, the app's core over a temp data folder, and the portal
 * connected by webhook: what the sync tests start from. Retries in the client are quick.
 */
export async function startSyncHarness(options: { leads: number; seed?: number; limits?: 'off' | 'standard' }) {
  const portal: Emulator = await startTestEmulator({
    leads: options.leads,
    seed: options.seed ?? 3,
    limits: options.limits ?? 'off'
  })
  const temp = await makeTempDir('lead-admin-sync-')
  const services: Services = makeServices(temp.dir)
  const connected = await services.dispatch('portals.connectWebhook', { url: portal.webhookUrl })
  if (!connected.ok) throw new Error(`connect failed: ${JSON.stringify(connected.error)}`)
  const portalId = (connected.value as PortalSummary).id
  return {
    portal,
    services,
    portalId,
    dataDir: temp.dir,
    leads: services.leads,
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
