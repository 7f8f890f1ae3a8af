import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BulkStatus } from '../../../electron/contract'
import { admin, result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/** Bulk edits and deletes: queued as one step, pushed 50 writes a request, taken back as one step. */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 1200, seed: 21 })
  await h.syncNow(h.portalId)
})
afterAll(() => h.close())

const stageOf = async (id: number) => (await result<{ STATUS_ID: string }>(h.portal, 'crm.lead.get', { id })).STATUS_ID
const localStage = async (key: number) =>
  (await h.leads.query(h.portalId, { filter: [{ field: 'ID', op: '=', value: key }], offset: 0, limit: 1 })).rows[0]
    ?.values.STATUS_ID
type Stats = { requests: number; subCallsByMethod: Record<string, number> }

describe('bulk edit', () => {
  it('sets the stage of 500 leads chosen by filter, in at most 11 requests of writes', async () => {
    const keys = Array.from({ length: 500 }, (_, index) => index + 1)
    const filter = [{ field: 'ID', op: '<=' as const, value: 500 }]
    const { total: alreadyJunk } = await h.leads.query(h.portalId, {
      filter: [...filter, { field: 'STATUS_ID', op: '=', value: 'JUNK' }],
      offset: 0,
      limit: 1
    })
    // Counting starts before the edit: the app pushes by itself shortly after a change.
    await h.resetStats()
    const jobsBefore = (await h.jobs(h.portalId)).length
    const done = await h.leads.bulkEdit(h.portalId, { query: { filter } }, { STATUS_ID: 'JUNK' })
    expect(done).toMatchObject({ leads: 500, skipped: 0 })
    expect(await localStage(250)).toBe('JUNK')
    const queued = await h.leads.bulkStatus(h.portalId, done.bulkId)
    expect(queued).toMatchObject({ kind: 'edit', fields: ['STATUS_ID'], total: 500, unsent: 500, sent: 0 })

    await h.syncNow(h.portalId, 'delta')
    const stats = (await admin(h.portal, 'stats')) as Stats
    // A lead the portal already has at that stage needs no write.
    expect(stats.subCallsByMethod['crm.lead.update']).toBe(500 - alreadyJunk)
    const pushes = (await h.jobs(h.portalId)).slice(0, -jobsBefore || undefined).filter((job) => job.kind === 'push')
    const pushed = pushes.map((job) => job.details as { sent: number; requests: number })
    expect(pushed.reduce((sum, push) => sum + push.sent, 0)).toBeGreaterThanOrEqual(500 - alreadyJunk)
    // One read of the leads' portal values (for the merge) and ten batches of fifty writes.
    expect(pushed.reduce((sum, push) => sum + push.requests, 0)).toBeLessThanOrEqual(11)
    // Besides the push: the metadata check and the delta read of each run.
    expect(stats.requests).toBeLessThanOrEqual(11 + 2 * pushes.length)
    for (const key of [keys[0]!, 250, 500]) expect(await stageOf(key)).toBe('JUNK')
    expect(await h.leads.bulkStatus(h.portalId, done.bulkId)).toMatchObject<Partial<BulkStatus>>({
      total: 500,
      sent: 500,
      unsent: 0,
      failed: 0
    })
  })

  it('is taken back as one step while unsent, leaving the leads as they were', async () => {
    const before = await Promise.all([601, 602, 603].map(localStage))
    const done = await h.leads.bulkEdit(h.portalId, { keys: [601, 602, 603] }, { STATUS_ID: 'CONVERTED' })
    expect(await localStage(602)).toBe('CONVERTED')
    expect(await h.leads.bulkUndo(h.portalId, done.bulkId)).toEqual({ withdrawn: 3, kept: 0 })
    expect(await Promise.all([601, 602, 603].map(localStage))).toEqual(before)
    expect(await h.leads.outbox(h.portalId)).toEqual([])
    expect(await h.leads.bulkStatus(h.portalId, done.bulkId)).toMatchObject({ withdrawn: 3, unsent: 0 })
  })

  it('refuses a value that cannot be, changing nothing', async () => {
    await expect(h.leads.bulkEdit(h.portalId, { keys: [700] }, { STATUS_ID: 'NO_SUCH_STAGE' })).rejects.toMatchObject({
      code: 'INVALID_VALUE'
    })
    expect(await h.leads.outbox(h.portalId)).toEqual([])
  })
})

describe('bulk delete', () => {
  it('deletes the chosen leads on the portal', async () => {
    const done = await h.leads.bulkDelete(h.portalId, { keys: [1101, 1102, 1103] })
    expect(done.leads).toBe(3)
    expect(await localStage(1102)).toBeUndefined()
    await h.syncNow(h.portalId, 'delta')
    const found = await result<unknown[]>(h.portal, 'crm.lead.list', { filter: { '@ID': [1101, 1102, 1103] } })
    expect(found).toEqual([])
  })
})
