import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/** The sync engine against the emulated portal: download, delta, deletion sweep, push, merge. */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 3000, seed: 8 })
})
afterAll(() => h.close())

const local = async (key: number) =>
  (await h.leads.query(h.portalId, { filter: [{ field: 'ID', op: '=', value: key }], offset: 0, limit: 1 })).rows[0]

describe('downloading', () => {
  it('the first sync downloads every lead, grid columns first and then every field', async () => {
    await h.resetStats()
    const status = await h.syncNow(h.portalId)
    expect(status).toMatchObject({ state: 'idle', pending: 0, conflicts: 0 })
    const page = await h.leads.query(h.portalId, { offset: 0, limit: 5, sort: [{ field: 'ID', direction: 'asc' }] })
    expect(page.total).toBe(3000)
    const portalLead = await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 1 })
    expect(page.rows[0]!.values).toMatchObject({
      ID: '1',
      TITLE: portalLead.TITLE,
      UF_CRM_BUDGET: portalLead.UF_CRM_BUDGET
    })
    // 3,000 leads: grid pass and full pass of 2 batches each, plus metadata, counting, the first
    // delta and the first sweep.
    expect(await h.requests()).toBeLessThanOrEqual(12)
  })

  it('a delta brings the leads changed on the portal, in a few requests', async () => {
    for (let id = 10; id < 20; id++)
      await result(h.portal, 'crm.lead.update', { id, fields: { TITLE: `Changed ${id}` } })
    await h.resetStats()
    await h.syncNow(h.portalId, 'delta')
    expect((await local(15))!.values.TITLE).toBe('Changed 15')
    expect(await h.requests()).toBeLessThanOrEqual(3)
  })

  it('the deletion sweep removes leads deleted on the portal and says how many', async () => {
    for (const id of [100, 101, 102]) await result(h.portal, 'crm.lead.delete', { id })
    const status = await h.syncNow(h.portalId, 'full')
    expect(status.lastSweepRemoved).toBe(3)
    expect(await local(101)).toBeUndefined()
    expect((await h.leads.query(h.portalId, { offset: 0, limit: 1 })).total).toBe(2997)
    const [sweep] = (await h.jobs(h.portalId, 100)).filter((job) => job.kind === 'sweep')
    expect(sweep).toMatchObject({ status: 'done', details: { portalLeads: 2997, removed: 3, kept: 0, requests: 2 } })
  })
})

describe('pushing local changes', () => {
  it('edits go to the portal, batched, and the outbox empties', async () => {
    for (let id = 200; id < 300; id++) await h.leads.edit(h.portalId, id, { COMMENTS: `edited ${id}` })
    expect((await local(250))!.syncState).toBe('pending')
    await h.resetStats()
    await h.syncNow(h.portalId, 'delta')
    // 100 updates: 1 compare + 2 write batches, then metadata + delta.
    expect(await h.requests()).toBeLessThanOrEqual(5)
    // The job log says what the flush did and cost.
    const [push] = (await h.jobs(h.portalId, 100)).filter((job) => job.kind === 'push')
    expect(push).toMatchObject({ status: 'done', details: { sent: 100, conflicts: 0, parked: 0, requests: 3 } })
    expect((await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 250 })).COMMENTS).toBe('edited 250')
    expect((await local(250))!.syncState).toBe('synced')
    expect(await h.leads.outbox(h.portalId)).toEqual([])
  })

  it('offline creates get the portal ID and carry ORIGIN_ID; never created twice', async () => {
    const row = await h.leads.create(h.portalId, { TITLE: 'Made offline', NAME: 'Ann' })
    expect(row.key).toBeLessThan(0)
    await h.syncNow(h.portalId, 'delta')
    const found = await result<Array<{ ID: string; ORIGIN_ID: string; ORIGINATOR_ID: string }>>(
      h.portal,
      'crm.lead.list',
      {
        filter: { TITLE: 'Made offline' },
        select: ['ID', 'ORIGIN_ID', 'ORIGINATOR_ID']
      }
    )
    expect(found).toHaveLength(1)
    expect(found[0]!.ORIGINATOR_ID).toBe('lead-admin')
    expect((await local(Number(found[0]!.ID)))!.values.TITLE).toBe('Made offline')
    expect(await local(row.key)).toBeUndefined()
  })

  it('disjoint changes merge; the same field changed on both sides becomes a conflict', async () => {
    await h.leads.edit(h.portalId, 400, { TITLE: 'Mine 400' })
    await h.leads.edit(h.portalId, 401, { TITLE: 'Mine 401' })
    await result(h.portal, 'crm.lead.update', { id: 400, fields: { NAME: 'Theirs' } })
    await result(h.portal, 'crm.lead.update', { id: 401, fields: { TITLE: 'Theirs 401' } })
    const status = await h.syncNow(h.portalId, 'delta')
    expect(status.conflicts).toBe(1)
    const merged = await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 400 })
    expect(merged).toMatchObject({ TITLE: 'Mine 400', NAME: 'Theirs' })
    const [conflict] = await h.leads.conflicts(h.portalId)
    expect(conflict).toMatchObject({
      leadKey: 401,
      kind: 'field',
      field: 'TITLE',
      mine: 'Mine 401',
      theirs: 'Theirs 401'
    })
    expect((await local(401))!.syncState).toBe('conflict')
    // Its op waits for the decision: listed as held by the conflict, with the reason in words.
    expect(await h.leads.outbox(h.portalId)).toEqual([
      expect.objectContaining({
        leadKey: 401,
        state: 'needs-attention',
        heldByConflict: true,
        lastError: { code: 'CONFLICT', message: 'Changed on the portal too: TITLE. Choose which value to keep.' }
      })
    ])

    await h.leads.resolve(h.portalId, conflict!.id, { kind: 'edit', value: 'Both 401' })
    await h.syncNow(h.portalId, 'delta')
    expect((await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 401 })).TITLE).toBe('Both 401')
    expect(await h.leads.conflicts(h.portalId)).toEqual([])
  })

  it('a lead deleted on the portal under a local edit is a conflict the user decides', async () => {
    await h.leads.edit(h.portalId, 500, { TITLE: 'Still wanted' })
    await result(h.portal, 'crm.lead.delete', { id: 500 })
    await h.syncNow(h.portalId, 'delta')
    const [conflict] = await h.leads.conflicts(h.portalId)
    expect(conflict).toMatchObject({ leadKey: 500, kind: 'deleted' })
    await h.leads.resolve(h.portalId, conflict!.id, { kind: 'theirs' })
    expect(await local(500)).toBeUndefined()
    expect(await h.leads.outbox(h.portalId)).toEqual([])
  })

  it('bad values are refused locally with clear messages, and nothing is queued', async () => {
    await expect(h.leads.edit(h.portalId, 600, { OPPORTUNITY: 'a lot' })).rejects.toMatchObject({
      code: 'INVALID_VALUE'
    })
    await expect(h.leads.edit(h.portalId, 600, { EMAIL: [{ VALUE: 'not-an-address' }] })).rejects.toMatchObject({
      code: 'INVALID_VALUE'
    })
    await expect(h.leads.edit(h.portalId, 600, { STATUS_ID: 'NO_SUCH_STAGE' })).rejects.toMatchObject({
      code: 'INVALID_VALUE'
    })
    await expect(h.leads.edit(h.portalId, 600, { NAME: 'x'.repeat(51) })).rejects.toMatchObject({
      code: 'INVALID_VALUE'
    })
    await expect(h.leads.edit(h.portalId, 600, { BIRTHDATE: '31.02.1990' })).rejects.toMatchObject({
      code: 'INVALID_VALUE'
    })
    expect(await h.leads.outbox(h.portalId)).toEqual([])
  })

  it('a change the portal refuses is parked with its message and does not block the rest', async () => {
    // A list item removed on the portal after our copy of the field list was made: the local
    // check still accepts it, the portal refuses it.
    const [region] = await result<Array<{ ID: string; LIST: Array<{ ID: string }> }>>(
      h.portal,
      'crm.lead.userfield.list',
      {
        filter: { FIELD_NAME: 'UF_CRM_REGION' }
      }
    )
    const removed = region!.LIST[0]!.ID
    await result(h.portal, 'crm.lead.userfield.update', {
      id: region!.ID,
      fields: { LIST: [{ ID: removed, DEL: 'Y' }] }
    })
    await h.leads.edit(h.portalId, 700, { TITLE: 'Fine' })
    await h.leads.edit(h.portalId, 701, { UF_CRM_REGION: removed })
    const status = await h.syncNow(h.portalId, 'delta')
    expect(status).toMatchObject({ needsAttention: 1, conflicts: 0 })
    expect((await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 700 })).TITLE).toBe('Fine')
    const outbox = await h.leads.outbox(h.portalId)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      leadKey: 701,
      state: 'needs-attention',
      lastError: { code: 'ERROR_CORE', message: expect.stringContaining('has no list item') }
    })
    // What the user typed is kept, marked as needing attention.
    expect(await local(701)).toMatchObject({ syncState: 'error', values: { UF_CRM_REGION: removed } })
    await h.leads.discard(h.portalId, outbox[0]!.opId)
  })

  it('a lead with no change has nothing to undo', async () => {
    await expect(h.leads.undo(h.portalId, 820)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('an unsent edit can be undone', async () => {
    const before = (await local(800))!.values.TITLE
    await h.leads.edit(h.portalId, 800, { TITLE: 'Oops' })
    expect((await local(800))!.values.TITLE).toBe('Oops')
    await h.leads.undo(h.portalId, 800)
    expect((await local(800))!.values.TITLE).toBe(before)
    expect(await h.leads.outbox(h.portalId)).toEqual([])
  })

  it('a sent edit can be undone too: a compensating update puts the old value back', async () => {
    const before = (await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 810 })).TITLE
    await h.leads.edit(h.portalId, 810, { TITLE: 'Sent by mistake' })
    await h.syncNow(h.portalId, 'delta')
    expect((await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 810 })).TITLE).toBe('Sent by mistake')
    await h.leads.undo(h.portalId, 810)
    expect((await local(810))!.values.TITLE).toBe(before)
    await h.syncNow(h.portalId, 'delta')
    expect((await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 810 })).TITLE).toBe(before)
  })

  it('product rows and contact bindings changed offline are pushed as whole sets', async () => {
    const ok = async (channel: string, arg: unknown) =>
      expect(await h.services.dispatch(channel, arg)).toEqual({ ok: true, value: undefined })
    await ok('leads.setProductRows', {
      portalId: h.portalId,
      key: 900,
      rows: [{ PRODUCT_NAME: 'Delivery', PRICE: 250, QUANTITY: 2 }]
    })
    await ok('leads.setContacts', {
      portalId: h.portalId,
      key: 900,
      items: [{ CONTACT_ID: 3 }, { CONTACT_ID: 4, IS_PRIMARY: 'Y' }]
    })
    await h.syncNow(h.portalId, 'delta')
    const rows = await result<Array<Record<string, unknown>>>(h.portal, 'crm.lead.productrows.get', { id: 900 })
    expect(rows.map((row) => [row.PRODUCT_NAME, row.PRICE, row.QUANTITY])).toEqual([['Delivery', 250, 2]])
    expect((await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: 900 })).OPPORTUNITY).toBe('500.00')
    const contacts = await result<Array<Record<string, unknown>>>(h.portal, 'crm.lead.contact.items.get', { id: 900 })
    expect(contacts.map((item) => [item.CONTACT_ID, item.IS_PRIMARY])).toEqual([
      [3, 'N'],
      [4, 'Y']
    ])
    expect(await h.leads.outbox(h.portalId)).toEqual([])
  })
})
