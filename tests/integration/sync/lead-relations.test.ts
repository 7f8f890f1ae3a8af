import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LeadContactItem, LeadRelation, ProductRowValues } from '../../../electron/contract'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/**
 * A lead's product rows and contacts, kept locally for the card: read from the portal on request,
 * changed through the outbox (the change is what the card shows until it is sent), and still
 * there when the portal cannot be reached.
 */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 10, seed: 14, fast: true })
  await h.syncNow(h.portalId)
})
afterAll(() => h.close())

async function call<T>(channel: string, arg: unknown): Promise<T> {
  const reply = await h.services.dispatch(channel, arg)
  if (!reply.ok) throw new Error(JSON.stringify(reply.error))
  return reply.value as T
}
const productRows = (key: number, refresh = false) =>
  call<LeadRelation<ProductRowValues>>('leads.productRows', { portalId: h.portalId, key, refresh })
const contacts = (key: number, refresh = false) =>
  call<LeadRelation<LeadContactItem>>('leads.contacts', { portalId: h.portalId, key, refresh })
const portalRows = (id: number) => result<Array<Record<string, unknown>>>(h.portal, 'crm.lead.productrows.get', { id })

describe('product rows and contacts of a lead', () => {
  it('reads the product rows the portal has, and keeps them', async () => {
    await result(h.portal, 'crm.lead.productrows.set', {
      id: 2,
      rows: [{ PRODUCT_NAME: 'Consulting', PRICE: 100, QUANTITY: 3 }]
    })
    expect(await productRows(2)).toEqual({ items: [], pending: false, offline: false })
    const read = await productRows(2, true)
    expect(read).toMatchObject({ pending: false, offline: false, readAt: expect.any(String) })
    expect(read.items).toEqual([expect.objectContaining({ PRODUCT_NAME: 'Consulting', PRICE: 100, QUANTITY: 3 })])
    // Kept: the next read without the portal gives the same.
    expect((await productRows(2)).items).toEqual(read.items)
  })

  it('shows an unsent change as pending, sends it, and reads back what the portal made of it', async () => {
    const rows = [{ PRODUCT_NAME: 'Licence', PRICE: 250, QUANTITY: 2 }]
    await call('leads.setProductRows', { portalId: h.portalId, key: 3, rows })
    expect(await productRows(3)).toMatchObject({ items: rows, pending: true })

    await h.syncNow(h.portalId, 'delta')
    expect(await portalRows(3)).toEqual([expect.objectContaining({ PRODUCT_NAME: 'Licence', PRICE: 250, QUANTITY: 2 })])
    const sent = await productRows(3)
    expect(sent).toMatchObject({ items: rows, pending: false })
    expect(sent.readAt).toBeUndefined()
    const readBack = await productRows(3, true)
    expect(readBack.items).toEqual([expect.objectContaining({ PRODUCT_NAME: 'Licence', OWNER_ID: '3' })])
  })

  it('binds contacts through the outbox and reads them back from the portal', async () => {
    const first = await result<number>(h.portal, 'crm.contact.add', { fields: { NAME: 'Anna' } })
    const second = await result<number>(h.portal, 'crm.contact.add', { fields: { NAME: 'Boris' } })
    const items = [
      { CONTACT_ID: Number(first), SORT: 10, IS_PRIMARY: 'N' as const },
      { CONTACT_ID: Number(second), SORT: 20, IS_PRIMARY: 'Y' as const }
    ]
    await call('leads.setContacts', { portalId: h.portalId, key: 4, items })
    expect(await contacts(4)).toMatchObject({ items, pending: true })
    await h.syncNow(h.portalId, 'delta')
    const read = await contacts(4, true)
    expect(read.pending).toBe(false)
    expect(read.items.map((item) => [item.CONTACT_ID, item.IS_PRIMARY])).toEqual([
      [Number(first), 'N'],
      [Number(second), 'Y']
    ])
  })

  it('unbinds every contact when the list is set empty', async () => {
    await call('leads.setContacts', { portalId: h.portalId, key: 4, items: [] })
    await h.syncNow(h.portalId, 'delta')
    expect(await call('outbox.list', { portalId: h.portalId })).toEqual([])
    expect(await result(h.portal, 'crm.lead.contact.items.get', { id: 4 })).toEqual([])
    expect(await contacts(4, true)).toMatchObject({ items: [], pending: false })
  })

  it('refuses a lead that is not in the local copy', async () => {
    const reply = await h.services.dispatch('leads.productRows', { portalId: h.portalId, key: 99_999, refresh: true })
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('answers from the local copy when the portal cannot be reached, and says so', async () => {
    const before = await productRows(2)
    h.portal.rest.faults.add({ kind: 'drop', method: '*', count: 1_000_000 })
    try {
      const offline = await productRows(2, true)
      expect(offline).toEqual({ ...before, offline: true })
    } finally {
      h.portal.rest.faults.clear()
    }
  })
})
