import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiError, Envelope, LeadRow } from '../../../electron/contract'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'
import { syncUntilSettled } from '../../support/sync-settle'

/**
 * Issue 5, reliability: bad values are caught locally where the rules are known — nothing is
 * queued and the error names each field and what was typed, so the UI keeps the user's input —
 * and otherwise reported from the portal: that change is parked with the portal's message, the
 * value the user typed stays on the lead, the rest of the queue goes on, and the user can fix it.
 */
type Lead = Record<string, unknown> & { ID: string }

let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 200, seed: 51, fast: true })
  await h.syncNow(h.portalId)
})
afterAll(() => h?.close())

const portalLead = (id: number) => result<Lead>(h.portal, 'crm.lead.get', { id })
const local = async (key: number) =>
  (await h.leads.query(h.portalId, { filter: [{ field: 'ID', op: '=', value: key }], offset: 0, limit: 1 })).rows[0]
const dispatch = (channel: string, arg: unknown) => h.services.dispatch(channel, arg)
const failure = (envelope: Envelope<unknown>) => (envelope.ok ? undefined : (envelope.error as ApiError))

describe('values the app knows are wrong', () => {
  it('are refused before anything is queued, each field named with what was typed', async () => {
    const before = await local(20)
    const total = (await h.leads.query(h.portalId, { offset: 0, limit: 1 })).total
    const typed = {
      EMAIL: [{ VALUE: 'not-an-address', VALUE_TYPE: 'WORK' }],
      OPPORTUNITY: 'a lot',
      UF_CRM_VISITS: 'many',
      UF_CRM_BUDGET: '12,5 thousand',
      STATUS_ID: 'NO_SUCH_STAGE',
      SOURCE_ID: 'CARRIER_PIGEON',
      NAME: 'N'.repeat(51),
      TITLE: 'T'.repeat(256),
      PHONE: [{ VALUE: '1'.repeat(251), VALUE_TYPE: 'WORK' }],
      BIRTHDATE: '31.02.1990',
      UF_CRM_NEXT_CALL: 'next Tuesday-ish',
      // A good value in the same edit is not sent alone either: the edit is one change.
      COMMENTS: 'fine'
    }
    const refused = failure(await dispatch('leads.edit', { portalId: h.portalId, key: 20, patch: typed }))
    expect(refused).toMatchObject({ code: 'INVALID_VALUE' })
    const errors = (refused!.details as { errors: Array<{ field: string; code: string; message: string }> }).errors
    expect(errors.map(({ field, code }) => [field, code])).toEqual([
      ['EMAIL', 'invalid_email'],
      ['OPPORTUNITY', 'invalid_number'],
      ['UF_CRM_VISITS', 'invalid_integer'],
      ['UF_CRM_BUDGET', 'invalid_number'],
      ['STATUS_ID', 'unknown_status'],
      ['SOURCE_ID', 'unknown_status'],
      ['NAME', 'too_long'],
      ['TITLE', 'too_long'],
      ['PHONE', 'too_long'],
      ['BIRTHDATE', 'invalid_date'],
      ['UF_CRM_NEXT_CALL', 'invalid_date']
    ])
    // What was typed is in the message, so the UI can show it next to the field it keeps.
    for (const text of ['not-an-address', 'a lot', 'many', 'NO_SUCH_STAGE', 'CARRIER_PIGEON', '31.02.1990'])
      expect(refused!.message).toContain(text)

    // One bad value at a time is refused the same way.
    for (const [field, value] of Object.entries(typed).filter(([field]) => field !== 'COMMENTS'))
      await expect(h.leads.edit(h.portalId, 20, { [field]: value }), field).rejects.toMatchObject({
        code: 'INVALID_VALUE'
      })
    // A new lead with a bad value is not made at all.
    expect(
      failure(await dispatch('leads.create', { portalId: h.portalId, fields: { TITLE: 'New', EMAIL: typed.EMAIL } }))
    ).toMatchObject({ code: 'INVALID_VALUE' })

    // Nothing was queued, nothing changed locally, nothing reached the portal.
    expect(await h.leads.outbox(h.portalId)).toEqual([])
    expect(await local(20)).toEqual(before)
    expect((await h.leads.query(h.portalId, { offset: 0, limit: 1 })).total).toBe(total)
    await h.resetStats()
    await h.syncNow(h.portalId, 'delta')
    expect((await portalLead(20)).COMMENTS).toBe(before!.values.COMMENTS)
  })
})

describe('values only the portal can refuse', () => {
  it('are parked with its message, stay on the lead, let the rest go, and can be fixed', async () => {
    // A list item removed on the portal after the app read the field list: the local check
    // still knows it, the portal refuses it.
    const [region] = await result<Array<{ ID: string; LIST: Array<{ ID: string }> }>>(
      h.portal,
      'crm.lead.userfield.list',
      { filter: { FIELD_NAME: 'UF_CRM_REGION' } }
    )
    const lead30 = String((await portalLead(30)).UF_CRM_REGION)
    const [removed, kept] = region!.LIST.map((item) => item.ID).filter((id) => id !== lead30)
    await result(h.portal, 'crm.lead.userfield.update', {
      id: region!.ID,
      fields: { LIST: [{ ID: removed, DEL: 'Y' }] }
    })

    // Lead 30 does not hold the removed item already (else setting it would change nothing).
    expect(String((await portalLead(30)).UF_CRM_REGION)).not.toBe(removed)
    await h.leads.edit(h.portalId, 30, { UF_CRM_REGION: removed, TITLE: 'Region refused' })
    await h.leads.edit(h.portalId, 31, { TITLE: 'Fine 31' })
    const created = await h.leads.create(h.portalId, { TITLE: 'New, region refused', UF_CRM_REGION: removed })
    const fine = await h.leads.create(h.portalId, { TITLE: 'New and fine' })
    const { outbox } = await syncUntilSettled(h, h.portalId, { mode: 'delta' })

    // The rest went through.
    expect((await portalLead(31)).TITLE).toBe('Fine 31')
    const made = await result<Lead[]>(h.portal, 'crm.lead.list', {
      filter: { '%TITLE': 'New' },
      select: ['ID', 'TITLE']
    })
    expect(made.map((lead) => lead.TITLE)).toEqual(['New and fine'])
    expect(await local(fine.key)).toBeUndefined()

    // The two refused changes wait for the user, with the portal's own message, and nothing of
    // them reached the portal.
    const refusal = { code: 'ERROR_CORE', message: expect.stringContaining('has no list item') }
    expect(outbox).toEqual([
      expect.objectContaining({ leadKey: 30, kind: 'update', state: 'needs-attention', lastError: refusal }),
      expect.objectContaining({ leadKey: created.key, kind: 'create', state: 'needs-attention', lastError: refusal })
    ])
    expect((await portalLead(30)).TITLE).not.toBe('Region refused')
    // What the user typed stays on the leads, marked as needing attention.
    expect(await local(30)).toMatchObject({
      syncState: 'error',
      values: { TITLE: 'Region refused', UF_CRM_REGION: removed }
    })
    expect(await local(created.key)).toMatchObject({
      syncState: 'error',
      values: { TITLE: 'New, region refused', UF_CRM_REGION: removed }
    })

    // Retried as it is: refused again, parked again — never wedging the queue.
    await h.leads.retry(h.portalId, outbox[0]!.opId)
    await h.leads.edit(h.portalId, 32, { TITLE: 'Fine 32' })
    const again = await syncUntilSettled(h, h.portalId, { mode: 'delta' })
    expect(again.outbox).toEqual([
      expect.objectContaining({ leadKey: 30, state: 'needs-attention', attempts: 2, lastError: refusal }),
      expect.objectContaining({ leadKey: created.key, state: 'needs-attention', lastError: refusal })
    ])
    expect((await portalLead(32)).TITLE).toBe('Fine 32')

    // Fixed by the user: the corrected value goes with the rest of the refused change.
    await h.leads.edit(h.portalId, 30, { UF_CRM_REGION: kept })
    await h.leads.edit(h.portalId, created.key, { UF_CRM_REGION: kept })
    const fixed = await syncUntilSettled(h, h.portalId, { mode: 'delta' })
    expect(fixed.outbox).toEqual([])
    expect(await portalLead(30)).toMatchObject({ TITLE: 'Region refused', UF_CRM_REGION: kept })
    const remade = await result<Lead[]>(h.portal, 'crm.lead.list', {
      filter: { TITLE: 'New, region refused' },
      select: ['ID', 'UF_CRM_REGION']
    })
    expect(remade).toEqual([expect.objectContaining({ UF_CRM_REGION: kept })])
    expect(await local(30)).toMatchObject({ syncState: 'synced' })
    expect(((await local(Number(remade[0]!.ID))) as LeadRow).syncState).toBe('synced')
  })
})
