import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PortalSummary } from '../../electron/contract'
import { PUSH_DELAY_MS } from '../../electron/core/workspaces/portal-workspace'
import { makeServices, makeTempDir } from '../support/core'
import { admin, startTestEmulator } from '../support/emulator'
import type { Emulator } from '../../electron/emulator/emulator'

/** One workspace per portal: concurrent first calls share it, and nothing outlives dispose. */
let portal: Emulator
let temp: Awaited<ReturnType<typeof makeTempDir>>
let services: ReturnType<typeof makeServices>
let portalId: string

const requests = async () => ((await admin(portal, 'stats')) as { requests: number }).requests

beforeEach(async () => {
  portal = await startTestEmulator({ leads: 20, seed: 4 })
  temp = await makeTempDir()
  services = makeServices(temp.dir)
  const connected = await services.dispatch('portals.connectWebhook', { url: portal.webhookUrl })
  if (!connected.ok) throw new Error(JSON.stringify(connected.error))
  portalId = (connected.value as PortalSummary).id
})

afterEach(async () => {
  await services.dispose()
  await portal.close()
  await temp.cleanup()
})

describe('portal workspaces', () => {
  it('gives two first calls made at once the same client', async () => {
    const [first, second] = await Promise.all([services.portals.client(portalId), services.portals.client(portalId)])
    expect(first).toBe(second)
  })

  it('gives concurrent first opens one workspace: one database, one engine, the portal client', async () => {
    const opened = await Promise.all([
      services.workspaces.open(portalId),
      services.workspaces.open(portalId),
      services.workspaces.open(portalId)
    ])
    expect(new Set(opened).size).toBe(1)
    expect(new Set(opened.map((workspace) => workspace.engine)).size).toBe(1)
    expect(new Set(opened.map((workspace) => workspace.store)).size).toBe(1)
    expect(opened[0]!.client).toBe(await services.portals.client(portalId))
  })

  it('serves concurrent first calls of different channels from one workspace', async () => {
    const replies = await Promise.all([
      services.dispatch('sync.status', { portalId }),
      services.dispatch('leads.query', { portalId, query: { offset: 0, limit: 5 } }),
      services.dispatch('outbox.list', { portalId })
    ])
    expect(replies.map((reply) => reply.ok)).toEqual([true, true, true])
    const first = await services.workspaces.open(portalId)
    expect(await services.workspaces.open(portalId)).toBe(first)
  })

  it('leaves nothing running after dispose: a queued edit is not pushed, and the database is closed', async () => {
    const [workspace] = await Promise.all([services.workspaces.open(portalId), services.workspaces.open(portalId)])
    await workspace.syncNow()
    const edited = await services.dispatch('leads.edit', { portalId, key: 1, patch: { TITLE: 'After dispose?' } })
    expect(edited.ok).toBe(true)
    const before = await requests()
    const started = vi.spyOn(workspace.engine, 'start')
    await services.dispose()
    // A call that was under way when it closed reports its change late: nothing starts either.
    workspace.outboxChanged()
    await sleep(PUSH_DELAY_MS + 1_000)
    expect(started).not.toHaveBeenCalled()
    expect(await requests()).toBe(before)
    expect(() => workspace.store.getLead(1)).toThrow()
  })

  it('opens a portal again after it was closed, from its saved database', async () => {
    const first = await services.workspaces.open(portalId)
    await first.syncNow()
    await services.workspaces.close(portalId)
    const again = await services.workspaces.open(portalId)
    expect(again).not.toBe(first)
    expect(again.store.serverKeys()).toHaveLength(20)
  })
})
