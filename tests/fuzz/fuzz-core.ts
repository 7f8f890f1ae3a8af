import { setImmediate as nextTurn } from 'node:timers/promises'
import { join } from 'node:path'
import type { PortalSummary } from '../../electron/contract'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import type { Services } from '../../electron/core/services'
import type { PortalWorkspace } from '../../electron/core/workspaces/portal-workspace'
import { portalDataDir } from '../../electron/core/workspaces/portal-workspaces'
import type { Emulator } from '../../electron/emulator/emulator'
import { makeServices, makeTempDir } from '../support/core'
import { result, startTestEmulator } from '../support/emulator'
import { fastSyncOptions } from '../support/sync-settle'
import { openStoreChecksum, type StoreChecksum } from './store-checksum'

/** What the valid-looking arguments are built from: real portals, leads, ops and files. */
export interface FuzzFacts {
  portalIds: string[]
  /** The portal that portals.remove may take (the main one stays). */
  removablePortalId: string
  leadKeys: number[]
  fieldCodes: string[]
  statusIds: string[]
  opIds: string[]
  conflictIds: number[]
  jobIds: number[]
  fileIds: string[]
  webhookUrls: string[]
  portalAddress: string
  clientId: string
}

/**
 * The real core over a temp folder with two connected emulated portals: the main one with a few
 * hundred synced leads (and a conflict), and a small second one that portals.remove may take.
 *
 * Every sync runs because a call started it, and the fuzz waits for it to end: the timers that
 * would start one by themselves (the push shortly after an edit, the retry wake-up) are switched
 * off, so nothing but the call under test writes to a store while it runs.
 */
export async function startFuzzCore(options: { leads: number }) {
  const main = await startTestEmulator({ leads: options.leads, seed: 11 })
  const second = await startTestEmulator({ leads: 20, seed: 12 })
  const temp = await makeTempDir('lead-admin-fuzz-')
  const services: Services = makeServices(temp.dir, new MemorySecretStore(), {
    ...fastSyncOptions(),
    // A sign-in that needs the browser fails at once (no browser here).
    oauth: { openBrowser: () => Promise.reject(new Error('No browser in the fuzz suite')), port: 0 }
  })

  const runs = new Set<Promise<void>>()
  const quieted = new WeakSet<PortalWorkspace>()
  const quiet = (workspace: PortalWorkspace) => {
    if (quieted.has(workspace)) return workspace
    quieted.add(workspace)
    workspace.outboxChanged = () => {}
    const engine = workspace.engine
    ;(engine as unknown as { scheduleWakeUp(): void }).scheduleWakeUp = () => {}
    const start = engine.start.bind(engine)
    engine.start = (mode) => {
      const run = start(mode)
      runs.add(run)
      const forget = () => void runs.delete(run)
      run.then(forget, forget)
      return run
    }
    return workspace
  }
  const open = services.workspaces.open.bind(services.workspaces)
  services.workspaces.open = async (portalId) => quiet(await open(portalId))

  const connect = async (url: string) => {
    const envelope = await services.dispatch('portals.connectWebhook', { url })
    if (!envelope.ok) throw new Error(`connect failed: ${JSON.stringify(envelope.error)}`)
    const { id } = envelope.value as PortalSummary
    await (await services.workspaces.open(id)).syncNow()
    return id
  }
  const mainId = await connect(main.webhookUrl)
  const secondId = await connect(second.webhookUrl)
  await makeConflict(services, main, mainId)

  const fileIds = await stageFiles(services)
  const checksums = new Map<string, StoreChecksum>(
    [mainId, secondId].map((id) => [id, openStoreChecksum(join(portalDataDir(temp.dir, id), 'leads.db'))])
  )

  return {
    services,
    mainId,
    secondId,
    emulators: { main, second },
    /** Waits until no sync runs (one a call started, or one a renewed connection started after it). */
    async settle(): Promise<void> {
      do {
        await nextTurn()
        await Promise.allSettled([...runs])
        await nextTurn()
      } while (runs.size > 0)
    },
    /** Per portal still connected: its lead count and a digest of its leads, outbox and conflicts. */
    async checksum(): Promise<Record<string, ReturnType<StoreChecksum['read']>>> {
      const connected = new Set((await services.portals.list()).map((portal) => portal.id))
      return Object.fromEntries(
        [...checksums].filter(([id]) => connected.has(id)).map(([id, store]) => [id, store.read()])
      )
    },
    async facts(): Promise<FuzzFacts> {
      const { store } = await services.workspaces.open(mainId)
      const leadKeys = store.serverKeys()
      const fields = store.metadata().fields ?? {}
      const statuses = store.metadata().statuses ?? []
      return {
        portalIds: [mainId, secondId],
        removablePortalId: secondId,
        leadKeys: [...leadKeys.slice(0, 20), ...leadKeys.slice(-5)],
        fieldCodes: Object.keys(fields),
        statusIds: [...new Set(statuses.map((status) => status.STATUS_ID))],
        opIds: store.listOps().map((op) => op.opId),
        conflictIds: store.listConflicts().map((conflict) => conflict.id),
        jobIds: store.listJobs({ limit: 20 }).map((job) => job.id),
        fileIds,
        webhookUrls: [main.webhookUrl, second.webhookUrl, main.webhookUrlFor(2)],
        portalAddress: main.url,
        clientId: main.credentials.apps[0]?.clientId ?? 'app.local'
      }
    },
    async close(): Promise<void> {
      for (const store of checksums.values()) store.close()
      await services.dispose()
      await Promise.all([main.close(), second.close()])
      await temp.cleanup()
    }
  }
}

export type FuzzCore = Awaited<ReturnType<typeof startFuzzCore>>

/** A lead changed here and on the portal: a conflict, with a later change of the lead waiting behind it. */
async function makeConflict(services: Services, portal: Emulator, portalId: string): Promise<void> {
  const workspace = await services.workspaces.open(portalId)
  const [key] = workspace.store.serverKeys()
  if (key === undefined) return
  await services.leads.edit(portalId, key, { TITLE: 'Changed here' })
  await result(portal, 'crm.lead.update', { id: key, fields: { TITLE: 'Changed on the portal' } })
  await workspace.syncNow('delta')
  await services.leads.queue(portalId, key, 'contacts', { items: [] })
}

/** An upload under way and a file to download: what the file channels work on. */
async function stageFiles(services: Services): Promise<string[]> {
  const upload = await services.dispatch('files.uploadBegin', { name: 'leads.csv', size: 10 })
  const saved = await services.dispatch('files.chooseToSave', {
    title: 'Export',
    defaultName: 'leads.csv',
    filters: []
  })
  return [upload, saved].flatMap((envelope) =>
    envelope.ok && envelope.value ? [(envelope.value as { id: string }).id] : []
  )
}
