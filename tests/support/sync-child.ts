/**
 * The app's core in a process of its own, for the crash test: opens the data folder
 * LEAD_ADMIN_DATA (the portal connected again by the webhook LEAD_ADMIN_WEBHOOK, since secrets
 * live only in memory), syncs until nothing is left to send, and says so on stdout. The test
 * SIGKILLs it half way and starts another one on the same folder.
 *
 * Run with `node --import tsx tests/support/sync-child.ts` (one process, so a kill hits the core).
 */
import type { PortalSummary } from '../../electron/contract'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import { makeServices } from './core'
import { fastSyncOptions, syncDriver, syncUntilSettled } from './sync-settle'

const dataDir = process.env.LEAD_ADMIN_DATA
const webhook = process.env.LEAD_ADMIN_WEBHOOK
if (!dataDir || !webhook) throw new Error('LEAD_ADMIN_DATA and LEAD_ADMIN_WEBHOOK must be set')

const services = makeServices(dataDir, new MemorySecretStore(), fastSyncOptions())
const connected = await services.dispatch('portals.connectWebhook', { url: webhook })
if (!connected.ok) throw new Error(`connect failed: ${JSON.stringify(connected.error)}`)
const portalId = (connected.value as PortalSummary).id
const core = syncDriver(services)
const before = await core.syncStatus(portalId)
process.stdout.write(`STARTED ${JSON.stringify({ portalId, pending: before.pending })}\n`)
const settled = await syncUntilSettled(core, portalId, { maxRuns: 100 })
process.stdout.write(`SETTLED ${JSON.stringify({ runs: settled.runs, outbox: settled.outbox.length })}\n`)
await services.dispose()
