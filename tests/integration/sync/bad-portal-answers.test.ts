import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../../electron/contract'
import type { ServerLead } from '../../../electron/core/domain/lead-types'
import { admin, result } from '../../support/emulator'
import { clearFaults } from '../../support/fault-mix'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/**
 * A portal that answers badly: leads with values of the wrong type are stored with those values
 * emptied (and mended by the next correct answer); answers that are not a Bitrix24 answer end
 * the sync with an error that says so, and change nothing that was stored.
 */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 120, seed: 61, fast: true })
})
afterAll(() => h?.close())
afterEach(() => clearFaults(h.portal))

const addFault = (rule: Record<string, unknown>) => admin(h.portal, 'faults', rule)
const store = async () => (await h.services.workspaces.open(h.portalId)).store
const serverCopy = async (id: number) => (await store()).getLead(id)?.server ?? undefined
const portalLead = (id: number) => result<ServerLead>(h.portal, 'crm.lead.get', { id })
const localCount = async () => (await store()).serverKeys().length

/** A lead of the portal with a phone, and its ID. */
async function leadWithPhone(): Promise<ServerLead> {
  const [lead] = await result<ServerLead[]>(h.portal, 'crm.lead.list', {
    filter: { HAS_PHONE: 'Y' },
    order: { ID: 'ASC' },
    select: ['ID']
  })
  return portalLead(Number(lead!.ID))
}

describe('leads printed with values of the wrong type', () => {
  it('are stored with those values emptied and the rest intact, and the job log counts them', async () => {
    // Every lead list the portal answers, inside batches too, carries the wrong types.
    await addFault({ kind: 'lead_values', method: 'crm.lead.list', rate: 1 })
    const status = await h.syncNow(h.portalId)
    expect(status).toMatchObject({ state: 'idle' })
    expect(status.lastError).toBeUndefined()
    expect(await localCount()).toBe(120)

    const original = await leadWithPhone()
    expect(await serverCopy(Number(original.ID))).toMatchObject({
      ID: original.ID,
      TITLE: null,
      PHONE: [],
      ASSIGNED_BY_ID: null,
      DATE_CREATE: null,
      NAME: original.NAME,
      STATUS_ID: original.STATUS_ID,
      DATE_MODIFY: original.DATE_MODIFY
    })
    const passes = (await h.jobs(h.portalId)).filter((job) => job.kind.startsWith('initial'))
    expect(passes).toHaveLength(2)
    for (const pass of passes) {
      expect(pass.status).toBe('done')
      expect(pass.details).toMatchObject({ skippedRows: 0, emptiedValues: expect.any(Number) })
      // Three wrong values in every lead, a fourth in those with a phone.
      expect((pass.details as { emptiedValues: number }).emptiedValues).toBeGreaterThanOrEqual(360)
    }
  })

  it('a later delta that brings correct values mends the stored ones', async () => {
    const lead = await leadWithPhone()
    const id = Number(lead.ID)
    await result(h.portal, 'crm.lead.update', { id, fields: { COMMENTS: 'Touched, so the delta reads it' } })
    const status = await h.syncNow(h.portalId, 'delta')
    expect(status.state).toBe('idle')
    const mended = await portalLead(id)
    expect(await serverCopy(id)).toMatchObject({
      TITLE: mended.TITLE,
      PHONE: mended.PHONE,
      ASSIGNED_BY_ID: mended.ASSIGNED_BY_ID,
      DATE_CREATE: mended.DATE_CREATE,
      COMMENTS: 'Touched, so the delta reads it'
    })
    expect(typeof mended.TITLE).toBe('string')
  })
})

type BadAnswer = [description: string, rule: Record<string, unknown>, reason: string]

const badAnswers: BadAnswer[] = [
  ['an HTML page with HTTP 200', { kind: 'html', method: 'batch' }, 'notJson'],
  ['an empty body', { kind: 'empty', method: 'batch' }, 'notJson'],
  ['a cut-off answer', { kind: 'truncated', method: 'batch' }, 'notJson'],
  ['a batch whose result is null', { kind: 'result_null', method: 'batch' }, 'noResult'],
  ['a lead list that is an object', { kind: 'result_not_list', method: 'crm.lead.list' }, 'notList'],
  ['a lead list that is null', { kind: 'result_null', method: 'crm.lead.list' }, 'notList'],
  ['a lead whose ID is not a number', { kind: 'bad_id', method: 'crm.lead.list' }, 'badId']
]

describe('answers that are not a Bitrix24 answer', () => {
  it.each(badAnswers)('%s: the sync says so, and nothing stored changes', async (_description, rule, reason) => {
    const lead = await leadWithPhone()
    const id = Number(lead.ID)
    const title = `Changed on the portal (${reason}, ${String(rule.kind)})`
    await result(h.portal, 'crm.lead.update', { id, fields: { TITLE: title } })
    const before = { count: await localCount(), lead: await serverCopy(id) }

    await addFault({ ...rule, rate: 1 })
    const status: SyncStatus = await h.syncNow(h.portalId)
    expect(status.state).toBe('error')
    expect(status.lastError).toMatchObject({ code: 'PORTAL_BAD_ANSWER', details: { reason } })
    expect(status.lastError!.message).toContain('not a Bitrix24 answer')
    expect(await localCount()).toBe(before.count)
    expect(await serverCopy(id)).toEqual(before.lead)

    // Once the portal answers properly again, the change arrives.
    await clearFaults(h.portal)
    expect((await h.syncNow(h.portalId)).state).toBe('idle')
    expect((await serverCopy(id))?.TITLE).toBe(title)
  })
})
