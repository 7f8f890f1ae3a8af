import { readdir } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GridView, GridViewSettings, PortalSummary, SavedViews } from '../../electron/contract'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import { portalDataDir } from '../../electron/core/workspaces/portal-workspaces'
import type { Emulator } from '../../electron/emulator/emulator'
import { makeServices, makeTempDir } from '../support/core'
import { startTestEmulator } from '../support/emulator'

/** Saved grid views through the API: kept per portal, surviving a restart, gone with the portal. */
let portal: Emulator
let temp: Awaited<ReturnType<typeof makeTempDir>>
let secrets: MemorySecretStore
let services: ReturnType<typeof makeServices>
let portalId: string

type Reply = { ok: true; value: unknown } | { ok: false; error: Refusal }
type Refusal = { code: string; message: string; details?: { issues?: Array<{ message: string }> } }
const call = (channel: string, args: unknown) =>
  services.dispatch(channel as Parameters<typeof services.dispatch>[0], args) as Promise<Reply>
async function value<T>(channel: string, args: unknown): Promise<T> {
  const reply = await call(channel, args)
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`)
  return reply.value as T
}
async function refusal(channel: string, args: unknown): Promise<Refusal> {
  const reply = await call(channel, args)
  if (reply.ok) throw new Error(`${channel} was accepted`)
  return reply.error
}

const settings = (name: string, extra: Partial<GridViewSettings> = {}) => ({
  name,
  columns: [{ code: 'ID' }, { code: 'TITLE', width: 240 }, { code: 'UF_CRM_REGION' }],
  ...extra
})

beforeEach(async () => {
  portal = await startTestEmulator({ leads: 0 })
  temp = await makeTempDir()
  secrets = new MemorySecretStore()
  services = makeServices(temp.dir, secrets)
  portalId = (await value<PortalSummary>('portals.connectWebhook', { url: portal.webhookUrl, name: 'Acme' })).id
})
afterEach(async () => {
  await services.dispose()
  await portal.close()
  await temp.cleanup()
})

describe('saved views', () => {
  it('keeps what the user saved, fills the defaults, and finds it again after a restart', async () => {
    const saved = await value<GridView>('views.save', {
      portalId,
      settings: settings('Hot leads', {
        filter: [{ field: 'UF_CRM_REGION', op: '@', value: ['North', 'East'] }],
        sort: [{ field: 'OPPORTUNITY', direction: 'desc' }],
        pinned: 2
      })
    })
    expect(saved.id).toMatch(/^[a-z0-9-]+$/)
    await value('views.setDefault', { portalId, id: saved.id })

    await services.dispose()
    services = makeServices(temp.dir, secrets)
    const after = await value<SavedViews>('views.list', { portalId })
    expect(after.defaultId).toBe(saved.id)
    expect(after.views).toEqual([
      {
        id: saved.id,
        name: 'Hot leads',
        columns: [{ code: 'ID' }, { code: 'TITLE', width: 240 }, { code: 'UF_CRM_REGION' }],
        pinned: 2,
        filter: [{ field: 'UF_CRM_REGION', op: '@', value: ['North', 'East'] }],
        sort: [{ field: 'OPPORTUNITY', direction: 'desc' }],
        search: ''
      }
    ])
  })

  it('renames in place, refuses a second view of the same name, and forgets the default of a deleted view', async () => {
    const first = await value<GridView>('views.save', { portalId, settings: settings('Mine') })
    const second = await value<GridView>('views.save', { portalId, settings: settings('Team') })
    expect((await refusal('views.save', { portalId, settings: settings('  mine ') })).message).toContain('"Mine"')

    await value('views.save', { portalId, id: second.id, settings: settings('Team north') })
    await value('views.setDefault', { portalId, id: second.id })
    const left = await value<SavedViews>('views.remove', { portalId, id: second.id })
    expect(left).toEqual({ views: [expect.objectContaining({ id: first.id, name: 'Mine' })] })
    expect((await refusal('views.remove', { portalId, id: second.id })).code).toBe('NOT_FOUND')
  })

  it('refuses a view that could not work, naming the problem', async () => {
    const problems = await Promise.all([
      refusal('views.save', { portalId, settings: settings('') }),
      refusal('views.save', {
        portalId,
        settings: { ...settings('Twice'), columns: [{ code: 'ID' }, { code: 'ID' }] }
      }),
      refusal('views.save', { portalId, settings: settings('Narrow', { columns: [{ code: 'ID', width: 3 }] }) }),
      refusal('views.save', { portalId, settings: settings('Bad field', { columns: [{ code: 'id; drop' }] }) }),
      refusal('views.save', { portalId: 'no-such-portal', settings: settings('Elsewhere') })
    ])
    expect(problems.map((problem) => problem.code)).toEqual([
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'NOT_FOUND'
    ])
    const said = (problem: Refusal) => problem.details?.issues?.map((issue) => issue.message).join('; ')
    expect(said(problems[0]!)).toContain('A view needs a name')
    expect(said(problems[1]!)).toContain('A column appears twice')
    expect((await value<SavedViews>('views.list', { portalId })).views).toEqual([])
  })

  it('loses none of several saves made at once', async () => {
    await Promise.all(
      ['A', 'B', 'C', 'D', 'E'].map((name) => value('views.save', { portalId, settings: settings(name) }))
    )
    const names = (await value<SavedViews>('views.list', { portalId })).views.map((view) => view.name)
    expect(names.sort()).toEqual(['A', 'B', 'C', 'D', 'E'])
  })

  it('goes with the portal when it is removed', async () => {
    await value('views.save', { portalId, settings: settings('Mine') })
    const folder = portalDataDir(temp.dir, portalId)
    expect(await readdir(folder)).toContain('views.json')
    await value('portals.remove', { id: portalId })
    await expect(readdir(folder)).rejects.toThrow(/ENOENT/)
  })
})
