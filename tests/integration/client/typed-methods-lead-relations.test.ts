import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LeadContactBinding, PortalApi, ProductRow } from '../../../electron/core/portal/methods'
import type { Emulator } from '../../../electron/emulator/emulator'
import { startTestEmulator } from '../../support/emulator'
import { freezeClock, insertLead } from '../../support/emulator-crm'
import { crmFailure, expectPortalError, typedApiFor } from '../../support/typed-client'

/** crm.lead.productrows.* and crm.lead.contact.* through the typed methods, over real HTTP. */

let emulator: Emulator
let api: PortalApi
/** User 2: sees and changes only the leads assigned to them. */
let manager: PortalApi

beforeAll(async () => {
  emulator = await startTestEmulator()
  await freezeClock(emulator)
  api = typedApiFor(emulator)
  manager = typedApiFor(emulator, 2)
})
afterAll(() => emulator.close())

describe('productRows.set / get', () => {
  /** The ID the next product row will get. */
  const nextRowId = () => (emulator.portal.sequences.productRow ?? 0) + 1

  const row = (values: Partial<ProductRow>): ProductRow => ({
    ID: '',
    OWNER_ID: '',
    OWNER_TYPE: 'L',
    PRODUCT_ID: 0,
    PRODUCT_NAME: '',
    ORIGINAL_PRODUCT_NAME: null,
    PRODUCT_DESCRIPTION: null,
    PRICE: 0,
    PRICE_EXCLUSIVE: 0,
    PRICE_NETTO: 0,
    PRICE_BRUTTO: 0,
    PRICE_ACCOUNT: '',
    QUANTITY: 1,
    DISCOUNT_TYPE_ID: 2,
    DISCOUNT_RATE: 0,
    DISCOUNT_SUM: 0,
    TAX_RATE: null,
    TAX_INCLUDED: 'N',
    CUSTOMIZED: 'Y',
    MEASURE_CODE: 0,
    MEASURE_NAME: '',
    SORT: 0,
    XML_ID: '',
    TYPE: 1,
    STORE_ID: null,
    RESERVE_ID: null,
    DATE_RESERVE_END: null,
    RESERVE_QUANTITY: null,
    ...values
  })

  it('stores the rows and reads them back with the mixed types of the portal', async () => {
    const lead = insertLead(emulator)
    const first = nextRowId()
    const stored = await api.productRows.set(lead, [
      { PRODUCT_NAME: 'Consulting', PRICE: 100, QUANTITY: 2 },
      { PRODUCT_NAME: 'Support', PRICE_NETTO: 50, DISCOUNT_TYPE_ID: 2, DISCOUNT_RATE: 10, TAX_RATE: 20, SORT: 10 }
    ])
    expect(stored).toBe(true)
    const owner = { OWNER_ID: String(lead) }
    expect(await api.productRows.get(lead)).toEqual([
      row({
        ID: String(first),
        ...owner,
        PRODUCT_NAME: 'Consulting',
        PRICE: 100,
        PRICE_EXCLUSIVE: 100,
        PRICE_NETTO: 100,
        PRICE_BRUTTO: 100,
        PRICE_ACCOUNT: '100.00000000',
        QUANTITY: 2
      }),
      row({
        ID: String(first + 1),
        ...owner,
        PRODUCT_NAME: 'Support',
        PRICE: 54,
        PRICE_EXCLUSIVE: 45,
        PRICE_NETTO: 50,
        PRICE_BRUTTO: 60,
        PRICE_ACCOUNT: '54.00000000',
        DISCOUNT_RATE: 10,
        DISCOUNT_SUM: 5,
        TAX_RATE: 20,
        SORT: 10
      })
    ])
    expect((await api.leads.get(lead)).OPPORTUNITY).toBe('254.00')
  })

  it('[] removes every row; get of a lead that does not exist is []', async () => {
    const lead = insertLead(emulator)
    await api.productRows.set(lead, [{ PRICE: 1 }])
    expect(await api.productRows.set(lead, [])).toBe(true)
    expect(await api.productRows.get(lead)).toEqual([])
    expect(await api.productRows.get(987654)).toEqual([])
  })

  it('a row the portal rejects is ERROR_CORE, permanent; other failures are plain CRM errors', async () => {
    const lead = insertLead(emulator)
    await expectPortalError(api.productRows.set(lead, [{ PRICE: 10, DISCOUNT_TYPE_ID: 1 }]), {
      method: 'crm.lead.productrows.set',
      code: 'ERROR_CORE',
      description:
        'Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type (DISCOUNT_TYPE_ID) is defined.<br>',
      status: 400,
      kind: 'permanent'
    })
    await expectPortalError(api.productRows.set(987654, []), crmFailure('crm.lead.productrows.set', 'Not found.'))
    await expectPortalError(manager.productRows.get(lead), crmFailure('crm.lead.productrows.get', 'Access denied.'))
    await expectPortalError(
      manager.productRows.set(lead, [{ PRICE: 1 }]),
      crmFailure('crm.lead.productrows.set', 'Access denied.')
    )
  })
})

describe('leadContacts', () => {
  const binding = (contactId: number, sort: number, primary: boolean): LeadContactBinding => ({
    CONTACT_ID: contactId,
    SORT: sort,
    ROLE_ID: 0,
    IS_PRIMARY: primary ? 'Y' : 'N'
  })

  it('fields describes SORT, IS_PRIMARY and the required CONTACT_ID', async () => {
    const flags = { isReadOnly: false, isImmutable: false, isMultiple: false, isDynamic: false }
    expect(await api.leadContacts.fields()).toEqual({
      SORT: { type: 'integer', isRequired: false, ...flags, title: 'Sorting' },
      IS_PRIMARY: { type: 'char', isRequired: false, ...flags, title: 'Primary' },
      CONTACT_ID: { type: 'integer', isRequired: true, ...flags, title: 'Contact' }
    })
  })

  it('add binds a contact (false when already bound); items.get lists the bindings with numbers', async () => {
    const lead = insertLead(emulator)
    expect(await api.leadContacts.add(lead, { CONTACT_ID: 501 })).toBe(true)
    expect(await api.leadContacts.add(lead, { CONTACT_ID: '502', IS_PRIMARY: 'Y' })).toBe(true)
    expect(await api.leadContacts.add(lead, { CONTACT_ID: 501 })).toBe(false)
    expect(await api.leadContacts.items.get(lead)).toEqual([binding(501, 10, false), binding(502, 20, true)])
    expect((await api.leads.get(lead)).CONTACT_ID).toBe('502')
  })

  it('delete unbinds a contact (false when it was not bound); the first remaining one becomes primary', async () => {
    const lead = insertLead(emulator)
    await api.leadContacts.items.set(lead, [{ CONTACT_ID: 511 }, { CONTACT_ID: 512 }])
    expect(await api.leadContacts.delete(lead, 999)).toBe(false)
    expect(await api.leadContacts.delete(lead, 511)).toBe(true)
    expect(await api.leadContacts.items.get(lead)).toEqual([binding(512, 10, true)])
  })

  it('items.set replaces every binding; items.delete removes them all', async () => {
    const lead = insertLead(emulator)
    await api.leadContacts.add(lead, { CONTACT_ID: 521 })
    const replaced = await api.leadContacts.items.set(lead, [
      { CONTACT_ID: 523, SORT: 50 },
      { CONTACT_ID: 522, SORT: 5, IS_PRIMARY: 'Y' }
    ])
    expect(replaced).toBe(true)
    expect(await api.leadContacts.items.get(lead)).toEqual([binding(522, 10, true), binding(523, 20, false)])
    expect(await api.leadContacts.items.delete(lead)).toBe(true)
    expect(await api.leadContacts.items.get(lead)).toEqual([])
    expect(await api.leads.get(lead)).toMatchObject({ CONTACT_ID: null, IS_RETURN_CUSTOMER: 'N' })
  })

  it('a lead of someone else is HTTP 403 ACCESS_DENIED "Access denied!" (permanent) for the binding methods', async () => {
    const lead = insertLead(emulator, { ASSIGNED_BY_ID: '1' })
    const denied = (method: string) => ({
      method,
      code: 'ACCESS_DENIED',
      description: 'Access denied!',
      status: 403,
      kind: 'permanent' as const
    })
    await expectPortalError(manager.leadContacts.items.get(lead), denied('crm.lead.contact.items.get'))
    await expectPortalError(manager.leadContacts.add(lead, { CONTACT_ID: 1 }), denied('crm.lead.contact.add'))
    await expectPortalError(manager.leadContacts.delete(lead, 1), denied('crm.lead.contact.delete'))
    await expectPortalError(manager.leadContacts.items.set(lead, []), denied('crm.lead.contact.items.set'))
    await expectPortalError(manager.leadContacts.items.delete(lead), denied('crm.lead.contact.items.delete'))
  })

  it('validation and a missing lead are plain CRM errors', async () => {
    const lead = insertLead(emulator)
    await expectPortalError(
      api.leadContacts.add(lead, { CONTACT_ID: 0 }),
      crmFailure('crm.lead.contact.add', "The parameter 'fields' is not valid.")
    )
    await expectPortalError(
      api.leadContacts.add(987654, { CONTACT_ID: 1 }),
      crmFailure('crm.lead.contact.add', 'Not found.')
    )
  })
})
