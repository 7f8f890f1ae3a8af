import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  ContactChoice,
  LeadCardData,
  LeadCardLayout,
  LeadHistoryEntry,
  PortalSearch,
  ProductChoice
} from '../../../electron/contract'
import { createProductRecord } from '../../../electron/emulator/state/product-records'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/**
 * The lead card's channels over the real services and an emulated portal: which layout a lead
 * gets, product rows and contacts set in the app and read on the portal, searches, and the
 * lead's history from edits, undo and sync.
 */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 10, seed: 21, fast: true })
  await h.syncNow(h.portalId)
})
afterAll(() => h.close())

async function call<T>(channel: string, arg: unknown): Promise<T> {
  const reply = await h.services.dispatch(channel, arg)
  if (!reply.ok) throw new Error(JSON.stringify(reply.error))
  return reply.value as T
}
const layoutOf = (key: number) => call<LeadCardLayout>('leads.cardLayout', { portalId: h.portalId, key })
const cardOf = (key: number) => call<LeadCardData>('leads.card', { portalId: h.portalId, key })
const historyOf = (key: number) => call<LeadHistoryEntry[]>('leads.history', { portalId: h.portalId, key })
const portalLead = (id: number) => result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id })
const section = (name: string, fields: string[]) => ({
  name,
  title: `${name} section`,
  type: 'section',
  elements: fields.map((field, index) => ({ name: field, optionFlags: index === 0 ? '1' : '0' }))
})

describe('the lead card', () => {
  it('lays a lead out with the common layout, a repeat lead with its own, the default without one', async () => {
    expect(await layoutOf(1)).toMatchObject({ source: 'default', leadCustomerType: 1 })
    await result(h.portal, 'crm.lead.details.configuration.set', {
      scope: 'C',
      extras: { leadCustomerType: 1 },
      data: [section('normal', ['TITLE', 'COMMENTS'])]
    })
    await result(h.portal, 'crm.lead.details.configuration.set', {
      scope: 'C',
      extras: { leadCustomerType: 2 },
      data: [section('repeat', ['NAME', 'TITLE'])]
    })
    h.portal.portal.leads.get(2)!.values.IS_RETURN_CUSTOMER = 'Y'
    await h.syncNow(h.portalId, 'full')

    expect(await layoutOf(1)).toEqual({
      source: 'common',
      leadCustomerType: 1,
      sections: [
        {
          name: 'normal',
          title: 'normal section',
          fields: [
            { code: 'TITLE', showAlways: true },
            { code: 'COMMENTS', showAlways: false }
          ]
        }
      ]
    })
    expect(await layoutOf(2)).toMatchObject({ source: 'common', leadCustomerType: 2, sections: [{ name: 'repeat' }] })

    // The app user's own layout wins over the common one.
    await result(h.portal, 'crm.lead.details.configuration.set', {
      scope: 'P',
      extras: { leadCustomerType: 1 },
      data: [section('mine', ['COMMENTS'])]
    })
    await h.syncNow(h.portalId, 'delta')
    expect(await layoutOf(1)).toMatchObject({ source: 'personal', sections: [{ name: 'mine' }] })
  })

  it('gives the lead with its stages, and marks what is not sent yet', async () => {
    await call('leads.edit', { portalId: h.portalId, key: 3, patch: { COMMENTS: 'Call on Monday' } })
    const card = await cardOf(3)
    expect(card.row.values.COMMENTS).toBe('Call on Monday')
    expect(card.unsentFields).toEqual(['COMMENTS'])
    expect(card.refused).toBeUndefined()
    expect(card.stages.map((stage) => [stage.id, stage.semantics])).toEqual(
      expect.arrayContaining([
        ['NEW', 'process'],
        ['CONVERTED', 'success'],
        ['JUNK', 'failure']
      ])
    )
    await h.syncNow(h.portalId, 'delta')
    expect((await cardOf(3)).unsentFields).toEqual([])
    expect((await portalLead(3)).COMMENTS).toBe('Call on Monday')
  })

  it('sets product rows through the outbox; the portal keeps the prices sent and the lead amount follows', async () => {
    const rows = [
      {
        PRODUCT_ID: 0,
        PRODUCT_NAME: 'Installation',
        PRICE: 22175.33,
        PRICE_EXCLUSIVE: 19799.4,
        PRICE_NETTO: 32999,
        PRICE_BRUTTO: 36958.88,
        QUANTITY: 1,
        DISCOUNT_TYPE_ID: 2,
        DISCOUNT_RATE: 40,
        DISCOUNT_SUM: 13199.6,
        TAX_RATE: 12,
        TAX_INCLUDED: 'N',
        SORT: 10
      },
      { PRODUCT_NAME: 'Cable', PRICE: 19.99, QUANTITY: 3, SORT: 20 }
    ]
    await call('leads.setProductRows', { portalId: h.portalId, key: 4, rows })
    await h.syncNow(h.portalId, 'delta')
    const onPortal = await result<Array<Record<string, unknown>>>(h.portal, 'crm.lead.productrows.get', { id: 4 })
    expect(onPortal).toEqual([
      expect.objectContaining({
        PRODUCT_NAME: 'Installation',
        PRICE: 22175.33,
        PRICE_NETTO: 32999,
        DISCOUNT_SUM: 13199.6
      }),
      expect.objectContaining({ PRODUCT_NAME: 'Cable', PRICE: 19.99, QUANTITY: 3 })
    ])
    // 22175.33 + 3 × 19.99
    expect((await portalLead(4)).OPPORTUNITY).toBe('22235.30')
  })

  it('refuses a product row with an unknown or mistyped field, naming it', async () => {
    const reply = await h.services.dispatch('leads.setProductRows', {
      portalId: h.portalId,
      key: 4,
      rows: [{ PRODUCT_NAME: 'Cable', PRICE: '19.99', COLOUR: 'red' }]
    })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const paths = reply.ok ? [] : (reply.error.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['rows.0.PRICE', 'rows.0']))
  })

  it('binds contacts found by name, phone or e-mail, and the portal has them in that order', async () => {
    const anna = Number(
      await result(h.portal, 'crm.contact.add', {
        fields: { NAME: 'Anna', LAST_NAME: 'Quickfind', PHONE: [{ VALUE: '+1 555 0199', VALUE_TYPE: 'WORK' }] }
      })
    )
    const boris = Number(
      await result(h.portal, 'crm.contact.add', {
        fields: { NAME: 'Boris', LAST_NAME: 'Slowfind', EMAIL: [{ VALUE: 'boris@example.com', VALUE_TYPE: 'WORK' }] }
      })
    )
    const byName = await call<PortalSearch<ContactChoice>>('leads.searchContacts', {
      portalId: h.portalId,
      text: 'Quickfind'
    })
    expect(byName).toEqual({
      offline: false,
      items: [{ id: anna, name: 'Anna Quickfind', phone: '+1 555 0199' }]
    })
    const byEmail = await call<PortalSearch<ContactChoice>>('leads.searchContacts', {
      portalId: h.portalId,
      text: 'boris@example.com'
    })
    expect(byEmail.items.map((contact) => contact.id)).toEqual([boris])

    const items = [
      { CONTACT_ID: boris, SORT: 10, IS_PRIMARY: 'N' },
      { CONTACT_ID: anna, SORT: 20, IS_PRIMARY: 'Y' }
    ]
    await call('leads.setContacts', { portalId: h.portalId, key: 5, items })
    await h.syncNow(h.portalId, 'delta')
    const bound = await result<Array<{ CONTACT_ID: number; IS_PRIMARY: string }>>(
      h.portal,
      'crm.lead.contact.items.get',
      { id: 5 }
    )
    expect(bound.map((item) => [item.CONTACT_ID, item.IS_PRIMARY])).toEqual([
      [boris, 'N'],
      [anna, 'Y']
    ])
    const names = await call<PortalSearch<ContactChoice>>('leads.contactNames', {
      portalId: h.portalId,
      ids: [anna, boris]
    })
    expect(names.items.map((contact) => contact.name).sort()).toEqual(['Anna Quickfind', 'Boris Slowfind'])
  })

  it('finds catalogue products by name, and says so when the portal cannot be reached', async () => {
    const lamp = createProductRecord(h.portal.portal, { name: 'Zebra lamp', price: 1499.5, currencyId: 'EUR' })
    const found = await call<PortalSearch<ProductChoice>>('leads.searchProducts', {
      portalId: h.portalId,
      text: 'Zebra'
    })
    expect(found).toEqual({
      offline: false,
      items: [{ id: lamp.id, name: 'Zebra lamp', price: 1499.5, currency: 'EUR' }]
    })

    h.portal.rest.faults.add({ kind: 'drop', method: '*', count: 1_000_000 })
    try {
      const search = { portalId: h.portalId, text: 'Zebra' }
      expect(await call('leads.searchProducts', search)).toEqual({ items: [], offline: true })
      expect(await call('leads.searchContacts', search)).toEqual({ items: [], offline: true })
    } finally {
      h.portal.rest.faults.clear()
    }
  })

  it('keeps the history of a lead: edits, undo, and changes made on the portal', async () => {
    const before = String((await cardOf(6)).row.values.TITLE)
    await call('leads.edit', { portalId: h.portalId, key: 6, patch: { TITLE: 'Edited in the app' } })
    await call('leads.undo', { portalId: h.portalId, key: 6 })
    await result(h.portal, 'crm.lead.update', { id: 6, fields: { COMMENTS: 'Written on the portal' } })
    await h.syncNow(h.portalId, 'delta')

    const history = await historyOf(6)
    expect(history.map((entry) => [entry.source, entry.field, entry.before, entry.after])).toEqual([
      ['sync', 'COMMENTS', expect.anything(), 'Written on the portal'],
      ['undo', 'TITLE', 'Edited in the app', before],
      ['edit', 'TITLE', before, 'Edited in the app']
    ])
    for (const entry of history) expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60_000)
  })
})

describe('bad arguments of the card channels', () => {
  it('refuses a search text that is empty, too long or not valid Unicode, before asking the portal', async () => {
    for (const text of ['  ', 'x'.repeat(201), 'Anna \uD800']) {
      const reply = await h.services.dispatch('leads.searchContacts', { portalId: h.portalId, text })
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    }
    const key = await h.services.dispatch('leads.cardLayout', { portalId: h.portalId, key: 0 })
    expect(key).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    const missing = await h.services.dispatch('leads.card', { portalId: h.portalId, key: 999_999 })
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
