import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PortalSummary } from '../../electron/contract'
import { PUSH_DELAY_MS } from '../../electron/core/workspaces/portal-workspace'
import { portalDataDir } from '../../electron/core/workspaces/portal-workspaces'
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

describe('removing a portal', () => {
  it('deletes its local copy: after a sync and an unsent edit the folder is gone, and adding it again starts empty', async () => {
    const workspace = await services.workspaces.open(portalId)
    await workspace.syncNow()
    expect((await services.dispatch('leads.edit', { portalId, key: 1, patch: { TITLE: 'Never sent' } })).ok).toBe(true)
    const folder = portalDataDir(temp.dir, portalId)
    expect(existsSync(join(folder, 'leads.db'))).toBe(true)

    const removed = await services.dispatch('portals.remove', { id: portalId })
    expect(removed).toEqual({ ok: true, value: undefined })
    expect(existsSync(folder)).toBe(false)
    // The other files of the app are not touched.
    expect(existsSync(join(temp.dir, 'portals'))).toBe(true)
    expect(existsSync(join(temp.dir, 'portals.json'))).toBe(true)

    const again = await services.dispatch('portals.connectWebhook', { url: portal.webhookUrl })
    if (!again.ok) throw new Error(JSON.stringify(again.error))
    expect((again.value as PortalSummary).id).toBe(portalId)
    const fresh = await services.workspaces.open(portalId)
    expect(fresh.store.serverKeys()).toEqual([])
    expect(fresh.store.listOps()).toEqual([])
    await fresh.syncNow()
    // The edit was never sent: the portal still has its own title.
    expect(fresh.store.getLead(1)?.server?.TITLE).toBe(portal.portal.leads.get(1)?.values.TITLE)
    expect(fresh.store.getLead(1)?.server?.TITLE).not.toBe('Never sent')
  })

  it('keeps everything when the keychain refuses to forget the sign-in', async () => {
    await (await services.workspaces.open(portalId)).syncNow()
    const { secrets } = services.portals.deps
    const remove = secrets.remove.bind(secrets)
    secrets.remove = () => Promise.reject(new Error('The keychain is locked'))
    try {
      expect((await services.dispatch('portals.remove', { id: portalId })).ok).toBe(false)
    } finally {
      secrets.remove = remove
    }
    expect(existsSync(join(portalDataDir(temp.dir, portalId), 'leads.db'))).toBe(true)
    expect((await services.workspaces.open(portalId)).store.serverKeys()).toHaveLength(20)
  })

  it('deletes only folders of portals, right inside the portals folder', async () => {
    await (await services.workspaces.open(portalId)).syncNow()
    // An empty id names the portals folder itself: refused.
    await expect(services.workspaces.forget('')).rejects.toThrow(/Refusing to delete/)
    // Dots and slashes cannot leave it: they become a folder name of their own, which is not there.
    for (const id of ['..', '../..', '/']) await services.workspaces.forget(id)
    expect(existsSync(join(temp.dir, 'portals.json'))).toBe(true)
    expect(existsSync(join(portalDataDir(temp.dir, portalId), 'leads.db'))).toBe(true)
  })
})
