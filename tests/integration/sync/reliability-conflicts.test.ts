import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'
import { differencesFromPortal, readLocalLeads, readPortalLeads } from '../../support/sync-expectations'
import { syncUntilSettled } from '../../support/sync-settle'

/**
 * Issue 5, reliability: edits made on the portal (through its API, as another user would) while
 * the app holds local edits of the same leads produce exactly the expected merges and conflicts —
 * per field, per multifield item, a lead deleted on the portal — and the user's choices then
 * reach the portal.
 */
type Lead = Record<string, unknown> & { ID: string }
type Item = { ID: string; VALUE: string; VALUE_TYPE: string; TYPE_ID: string }

let h: SyncHarness
/** Lead 16 as it was before the portal deleted it. */
let deleted16: Lead | undefined
beforeAll(async () => {
  h = await startSyncHarness({ leads: 300, seed: 41, fast: true })
  await h.syncNow(h.portalId)
})
afterAll(() => h?.close())

const portalLead = (id: number) => result<Lead>(h.portal, 'crm.lead.get', { id })
const portalUpdate = (id: number, fields: Record<string, unknown>) =>
  result(h.portal, 'crm.lead.update', { id, fields })
const local = async (key: number) =>
  (await h.leads.query(h.portalId, { filter: [{ field: 'ID', op: '=', value: key }], offset: 0, limit: 1 })).rows[0]
const phones = (lead: Lead) => ((lead.PHONE as Item[] | undefined) ?? []).map((item) => item.VALUE).sort()

/** A lead of the seed with at least one phone, from `from` on. */
async function leadWithPhone(from: number): Promise<Lead> {
  for (let id = from; ; id++) {
    const lead = await portalLead(id)
    if (((lead.PHONE as Item[] | undefined) ?? []).length) return lead
  }
}

describe('concurrent edits on the portal and in the app', () => {
  it('merge what they can, and stop exactly on what both sides changed differently', async () => {
    const original = new Map<number, Lead>()
    for (const id of [10, 11, 12, 13, 14, 15, 16]) original.set(id, await portalLead(id))
    deleted16 = original.get(16)
    const phoneA = await leadWithPhone(20)
    const phoneB = await leadWithPhone(Number(phoneA.ID) + 1)
    const phoneC = await leadWithPhone(Number(phoneB.ID) + 1)
    const itemB = (phoneB.PHONE as Item[])[0]!
    const itemC = (phoneC.PHONE as Item[])[0]!

    // Local edits, not sent yet.
    await h.leads.edit(h.portalId, 10, { TITLE: 'Mine 10' })
    await h.leads.edit(h.portalId, 11, { TITLE: 'Mine 11' })
    await h.leads.edit(h.portalId, 12, { TITLE: 'Mine 12', COMMENTS: 'Mine 12', OPPORTUNITY: '777' })
    await h.leads.edit(h.portalId, 13, { TITLE: 'Same 13' })
    await h.leads.edit(h.portalId, 14, { UF_CRM_VISITS: '5' })
    await h.leads.edit(h.portalId, 15, { TITLE: 'First 15' })
    await h.leads.edit(h.portalId, 15, { TITLE: 'Second 15', COMMENTS: 'Mine 15' })
    await h.leads.edit(h.portalId, 16, { NAME: 'Mine 16' })
    await h.leads.edit(h.portalId, Number(phoneA.ID), {
      PHONE: [
        { VALUE: '+1 555 000-0001', VALUE_TYPE: 'WORK' },
        { VALUE: '+1 555 000-0002', VALUE_TYPE: 'HOME' }
      ]
    })
    await h.leads.edit(h.portalId, Number(phoneB.ID), { PHONE: [{ ID: itemB.ID, VALUE: '+1 555 000-0003' }] })
    await h.leads.edit(h.portalId, Number(phoneC.ID), { PHONE: [{ ID: itemC.ID, DELETE: 'Y' }] })

    // Meanwhile on the portal.
    await portalUpdate(10, { NAME: 'Theirs 10' })
    await portalUpdate(11, { TITLE: 'Theirs 11' })
    await portalUpdate(12, { COMMENTS: 'Theirs 12', OPPORTUNITY: '777', LAST_NAME: 'Theirs 12' })
    await portalUpdate(13, { TITLE: 'Same 13' })
    await portalUpdate(14, { UF_CRM_BUDGET: 99 })
    await portalUpdate(15, { NAME: 'Theirs 15' })
    await result(h.portal, 'crm.lead.delete', { id: 16 })
    await portalUpdate(Number(phoneA.ID), {
      PHONE: [
        { VALUE: '+1 555 000-0009', VALUE_TYPE: 'MOBILE' },
        { VALUE: '+1 555 000-0002', VALUE_TYPE: 'HOME' }
      ]
    })
    await portalUpdate(Number(phoneB.ID), { PHONE: [{ ID: itemB.ID, VALUE: '+1 555 000-0004' }] })
    await portalUpdate(Number(phoneC.ID), { PHONE: [{ ID: itemC.ID, VALUE: '+1 555 000-0005' }] })

    const { status, outbox } = await syncUntilSettled(h, h.portalId)
    // The five ops held by them are not counted again as "need attention".
    expect(status).toMatchObject({ state: 'idle', conflicts: 5, needsAttention: 0 })

    // Exactly these conflicts: the same field (or item) changed on both sides to different values.
    const conflicts = (await h.leads.conflicts(h.portalId)).map(({ id: _id, ...conflict }) => conflict)
    // Items as the merge names them: ID, VALUE_TYPE, VALUE.
    const entry = ({ TYPE_ID: _type, ...item }: Item) => item
    const portalItem = async (id: number, itemId: string) =>
      entry(((await portalLead(id)).PHONE as Item[]).find((item) => item.ID === itemId)!)
    expect(conflicts).toEqual([
      {
        leadKey: 11,
        kind: 'field',
        field: 'TITLE',
        base: original.get(11)!.TITLE,
        mine: 'Mine 11',
        theirs: 'Theirs 11'
      },
      {
        leadKey: 12,
        kind: 'field',
        field: 'COMMENTS',
        base: original.get(12)!.COMMENTS,
        mine: 'Mine 12',
        theirs: 'Theirs 12'
      },
      { leadKey: 16, kind: 'deleted' },
      {
        leadKey: Number(phoneB.ID),
        kind: 'field',
        field: 'PHONE',
        base: entry(itemB),
        mine: { ID: itemB.ID, VALUE: '+1 555 000-0003' },
        theirs: await portalItem(Number(phoneB.ID), itemB.ID)
      },
      {
        leadKey: Number(phoneC.ID),
        kind: 'field',
        field: 'PHONE',
        base: entry(itemC),
        mine: { ID: itemC.ID, DELETE: 'Y' },
        theirs: await portalItem(Number(phoneC.ID), itemC.ID)
      }
    ])
    expect(outbox.map((op) => [op.leadKey, op.state])).toEqual(
      [11, 12, 16, Number(phoneB.ID), Number(phoneC.ID)].map((key) => [key, 'needs-attention'])
    )

    // Merged on the portal: both sides' changes of different fields; the same change once.
    expect(await portalLead(10)).toMatchObject({ TITLE: 'Mine 10', NAME: 'Theirs 10' })
    expect(await portalLead(11)).toMatchObject({ TITLE: 'Theirs 11' })
    // Lead 12: the disjoint part went through; OPPORTUNITY was already the same on both sides.
    expect(await portalLead(12)).toMatchObject({
      TITLE: 'Mine 12',
      COMMENTS: 'Theirs 12',
      OPPORTUNITY: '777.00',
      LAST_NAME: 'Theirs 12'
    })
    expect(await portalLead(13)).toMatchObject({ TITLE: 'Same 13' })
    expect(await portalLead(14)).toMatchObject({ UF_CRM_VISITS: '5', UF_CRM_BUDGET: '99.00' })
    // Two local edits of one lead: the second is not taken for someone else's change.
    expect(await portalLead(15)).toMatchObject({ TITLE: 'Second 15', COMMENTS: 'Mine 15', NAME: 'Theirs 15' })
    // A phone added on each side: both kept; the same phone added on both sides: once.
    expect(phones(await portalLead(Number(phoneA.ID)))).toEqual(
      [...phones(phoneA), '+1 555 000-0001', '+1 555 000-0002', '+1 555 000-0009'].sort()
    )

    // The grid: merged leads are synced with the portal's values, conflicts show the user's.
    expect(await local(10)).toMatchObject({ syncState: 'synced', values: { TITLE: 'Mine 10', NAME: 'Theirs 10' } })
    expect(await local(11)).toMatchObject({ syncState: 'conflict', values: { TITLE: 'Mine 11' } })
    expect(await local(12)).toMatchObject({
      syncState: 'conflict',
      values: { COMMENTS: 'Mine 12', LAST_NAME: 'Theirs 12' }
    })
    expect((await local(Number(phoneA.ID)))!.syncState).toBe('synced')
    expect(phones((await local(Number(phoneA.ID)))!.values as Lead)).toEqual(
      phones(await portalLead(Number(phoneA.ID)))
    )
  })

  it("the user's choices reach the portal: mine, theirs, an edited value, and a deleted lead kept", async () => {
    const conflicts = await h.leads.conflicts(h.portalId)
    const of = (key: number, field?: string) =>
      conflicts.find((conflict) => conflict.leadKey === key && (field === undefined || conflict.field === field))!
    const [phoneB, phoneC] = conflicts.filter((conflict) => conflict.field === 'PHONE')
    await h.leads.resolve(h.portalId, of(11).id, { kind: 'mine' })
    await h.leads.resolve(h.portalId, of(12).id, { kind: 'theirs' })
    await h.leads.resolve(h.portalId, phoneB!.id, { kind: 'edit', value: '+1 555 000-0006' })
    await h.leads.resolve(h.portalId, phoneC!.id, { kind: 'mine' })
    await h.leads.resolve(h.portalId, of(16).id, { kind: 'mine' })
    expect(await h.leads.conflicts(h.portalId)).toEqual([])

    const { status, outbox } = await syncUntilSettled(h, h.portalId)
    expect(outbox).toEqual([])
    expect(status).toMatchObject({ state: 'idle', pending: 0, conflicts: 0, needsAttention: 0 })
    expect(await portalLead(11)).toMatchObject({ TITLE: 'Mine 11' })
    expect(await portalLead(12)).toMatchObject({ TITLE: 'Mine 12', COMMENTS: 'Theirs 12' })
    const itemB = phoneB!.base as Item
    expect(((await portalLead(phoneB!.leadKey)).PHONE as Item[]).find((item) => item.ID === itemB.ID)).toMatchObject({
      VALUE: '+1 555 000-0006'
    })
    const itemC = phoneC!.base as Item
    expect(((await portalLead(phoneC!.leadKey)).PHONE as Item[] | undefined) ?? []).not.toContainEqual(
      expect.objectContaining({ ID: itemC.ID })
    )
    // The lead deleted on the portal was made again from what the user had, with their edit.
    const remade = await result<Lead[]>(h.portal, 'crm.lead.list', {
      filter: { NAME: 'Mine 16' },
      select: ['*', 'UF_*', 'PHONE', 'EMAIL']
    })
    expect(remade).toHaveLength(1)
    const was = deleted16!
    const kept = ['TITLE', 'LAST_NAME', 'COMPANY_TITLE', 'STATUS_ID', 'SOURCE_ID', 'OPPORTUNITY']
    expect(remade[0]).toMatchObject({
      NAME: 'Mine 16',
      ORIGINATOR_ID: 'lead-admin',
      ...Object.fromEntries(kept.map((field) => [field, was[field]])),
      UF_CRM_BUDGET: was.UF_CRM_BUDGET,
      UF_CRM_REGION: was.UF_CRM_REGION
    })
    // Its phones and e-mails too (as new items: the old ones went with the deleted lead).
    const values = (lead: Lead, field: string) =>
      ((lead[field] as Item[] | undefined) ?? []).map((item) => `${item.VALUE_TYPE}:${item.VALUE}`).sort()
    expect(values(remade[0]!, 'PHONE')).toEqual(values(was, 'PHONE'))
    expect(values(remade[0]!, 'EMAIL')).toEqual(values(was, 'EMAIL'))
    expect(values(was, 'PHONE').length + values(was, 'EMAIL').length).toBeGreaterThan(0)
    expect(await local(16)).toBeUndefined()
    expect(await local(Number(remade[0]!.ID))).toMatchObject({ syncState: 'synced', values: { NAME: 'Mine 16' } })

    // And the local copy is the portal's, lead for lead and field for field.
    expect(differencesFromPortal(await readLocalLeads(h.leads, h.portalId), await readPortalLeads(h.portal))).toEqual(
      []
    )
  })
})
