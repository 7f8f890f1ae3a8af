import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { setLeadContacts } from '../../../electron/emulator/state/lead-contact-bindings'
import { result, startTestEmulator } from '../../support/emulator'
import {
  crmFailure,
  expectError,
  freezeClock,
  insertLead,
  leadValues,
  LONG_AGO,
  NOW,
  watchEvent,
  withLeadAccess
} from '../../support/emulator-crm'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startTestEmulator()
  await freezeClock(emulator)
})
afterAll(() => emulator.close())

type Binding = { CONTACT_ID: number; SORT: number; ROLE_ID: number; IS_PRIMARY: 'Y' | 'N' }

const add = (id: number, fields: Record<string, unknown>, userId = 1) =>
  result<boolean>(emulator, 'crm.lead.contact.add', { id, fields }, { userId })
const remove = (id: number, contactId: number, userId = 1) =>
  result<boolean>(emulator, 'crm.lead.contact.delete', { id, fields: { CONTACT_ID: contactId } }, { userId })
const items = (id: number, userId = 1) => result<Binding[]>(emulator, 'crm.lead.contact.items.get', { id }, { userId })
const setItems = (id: number, list: unknown, userId = 1) =>
  result<boolean>(emulator, 'crm.lead.contact.items.set', { id, items: list }, { userId })

const binding = (contactId: number, sort: number, primary: boolean): Binding => ({
  CONTACT_ID: contactId,
  SORT: sort,
  ROLE_ID: 0,
  IS_PRIMARY: primary ? 'Y' : 'N'
})

const QUOTED_ID = "The parameter 'ownerEntityID' is invalid or not defined."
const PLAIN_ID = 'The parameter ownerEntityID is invalid or not defined.'
const FORBIDDEN = { status: 403, error: 'ACCESS_DENIED', description: 'Access denied!' }

describe('crm.lead.contact.fields', () => {
  it('describes SORT, IS_PRIMARY and the required CONTACT_ID', async () => {
    const flags = { isReadOnly: false, isImmutable: false, isMultiple: false, isDynamic: false }
    expect(await result(emulator, 'crm.lead.contact.fields')).toEqual({
      SORT: { type: 'integer', isRequired: false, ...flags, title: 'Sorting' },
      IS_PRIMARY: { type: 'char', isRequired: false, ...flags, title: 'Primary' },
      CONTACT_ID: { type: 'integer', isRequired: true, ...flags, title: 'Contact' }
    })
  })
})

describe('crm.lead.contact.add / delete / items.get', () => {
  it('binds contacts one by one (UNCONFIRMED: SORT 10, 20, …); the first is primary and becomes the lead CONTACT_ID', async () => {
    const lead = insertLead(emulator)
    const updates = watchEvent(emulator, 'ONCRMLEADUPDATE')
    expect(await add(lead, { CONTACT_ID: 501 })).toBe(true)
    expect(leadValues(emulator, lead)).toMatchObject({
      CONTACT_ID: '501',
      IS_RETURN_CUSTOMER: 'Y',
      DATE_MODIFY: NOW,
      MODIFY_BY_ID: '1'
    })
    expect(await add(lead, { CONTACT_ID: 502 })).toBe(true)
    expect(await items(lead)).toEqual([binding(501, 10, true), binding(502, 20, false)])
    expect(leadValues(emulator, lead).CONTACT_ID).toBe('501')
    expect(updates()).toEqual([String(lead), String(lead)])
  })

  it('IS_PRIMARY = "Y" makes the new contact the only primary one', async () => {
    const lead = insertLead(emulator)
    await add(lead, { CONTACT_ID: 511 })
    await add(lead, { CONTACT_ID: 512, IS_PRIMARY: 'Y' })
    expect(await items(lead)).toEqual([binding(511, 10, false), binding(512, 20, true)])
    expect(leadValues(emulator, lead).CONTACT_ID).toBe('512')
  })

  it('a SORT given on add places the contact among the others before renumbering (UNCONFIRMED)', async () => {
    const lead = insertLead(emulator)
    await add(lead, { CONTACT_ID: 521 })
    await add(lead, { CONTACT_ID: 522 })
    await add(lead, { CONTACT_ID: 523, SORT: 15 })
    expect(await items(lead)).toEqual([binding(521, 10, true), binding(523, 20, false), binding(522, 30, false)])
  })

  it('adding a contact that is already bound answers false and changes nothing', async () => {
    const lead = insertLead(emulator)
    await add(lead, { CONTACT_ID: 531 })
    emulator.portal.leads.get(lead)!.values.DATE_MODIFY = LONG_AGO
    const updates = watchEvent(emulator, 'ONCRMLEADUPDATE')
    expect(await add(lead, { CONTACT_ID: 531, IS_PRIMARY: 'Y', SORT: 99 })).toBe(false)
    expect(await items(lead)).toEqual([binding(531, 10, true)])
    expect(leadValues(emulator, lead).DATE_MODIFY).toBe(LONG_AGO)
    expect(updates()).toEqual([])
  })

  it('removing the primary contact promotes the first remaining one; removing an unbound one answers false', async () => {
    const lead = insertLead(emulator)
    await setItems(lead, [{ CONTACT_ID: 541 }, { CONTACT_ID: 542 }, { CONTACT_ID: 543 }])
    expect(await remove(lead, 541)).toBe(true)
    expect(await items(lead)).toEqual([binding(542, 10, true), binding(543, 20, false)])
    expect(leadValues(emulator, lead).CONTACT_ID).toBe('542')
    expect(await remove(lead, 999)).toBe(false)
  })

  it('removing the last contact clears CONTACT_ID; IS_RETURN_CUSTOMER stays "Y" only with a company', async () => {
    const withoutCompany = insertLead(emulator)
    await add(withoutCompany, { CONTACT_ID: 551 })
    await remove(withoutCompany, 551)
    expect(leadValues(emulator, withoutCompany)).toMatchObject({ CONTACT_ID: null, IS_RETURN_CUSTOMER: 'N' })

    const withCompany = insertLead(emulator, { COMPANY_ID: '7', IS_RETURN_CUSTOMER: 'Y' })
    await add(withCompany, { CONTACT_ID: 552 })
    await remove(withCompany, 552)
    expect(leadValues(emulator, withCompany)).toMatchObject({ CONTACT_ID: null, IS_RETURN_CUSTOMER: 'Y' })
  })

  it('items.get of a lead that does not exist is [] (no existence check)', async () => {
    expect(await items(987654)).toEqual([])
    expect(await items(987654, 3)).toEqual([])
  })

  it('accepts the upper-case parameter spellings ID and FIELDS', async () => {
    const lead = insertLead(emulator)
    expect(await result(emulator, 'crm.lead.contact.add', { ID: lead, FIELDS: { CONTACT_ID: '561' } })).toBe(true)
    expect(await items(lead)).toEqual([binding(561, 10, true)])
  })
})

describe('crm.lead.contact.items.set / items.delete', () => {
  it('replaces the whole set, ordered by SORT and renumbered (UNCONFIRMED), with the flagged contact as primary', async () => {
    const lead = insertLead(emulator)
    await setItems(lead, [{ CONTACT_ID: 601 }, { CONTACT_ID: 602 }])
    expect(
      await setItems(lead, [
        { CONTACT_ID: 603, SORT: 50 },
        { CONTACT_ID: 602, SORT: 5, IS_PRIMARY: 'Y' }
      ])
    ).toBe(true)
    expect(await items(lead)).toEqual([binding(602, 10, true), binding(603, 20, false)])
    expect(leadValues(emulator, lead)).toMatchObject({ CONTACT_ID: '602', IS_RETURN_CUSTOMER: 'Y', DATE_MODIFY: NOW })
  })

  it('keeps one primary even when several are flagged, drops duplicates and items without a valid CONTACT_ID', async () => {
    const lead = insertLead(emulator)
    await setItems(lead, [
      { CONTACT_ID: 611, IS_PRIMARY: 'N' },
      { CONTACT_ID: 612, IS_PRIMARY: 'Y' },
      { CONTACT_ID: 613, IS_PRIMARY: 'Y' },
      { CONTACT_ID: 611 },
      { CONTACT_ID: 0 },
      { SORT: 1 },
      'junk'
    ])
    expect(await items(lead)).toEqual([binding(611, 10, false), binding(612, 20, true), binding(613, 30, false)])
  })

  it('items: [] removes every binding', async () => {
    const lead = insertLead(emulator)
    await setItems(lead, [{ CONTACT_ID: 621 }])
    expect(await setItems(lead, [])).toBe(true)
    expect(await items(lead)).toEqual([])
    expect(leadValues(emulator, lead)).toMatchObject({ CONTACT_ID: null, IS_RETURN_CUSTOMER: 'N' })
  })

  it('setting the same set again is true but does not touch the lead', async () => {
    const lead = insertLead(emulator)
    await setItems(lead, [{ CONTACT_ID: 631 }])
    emulator.portal.leads.get(lead)!.values.DATE_MODIFY = LONG_AGO
    expect(await setItems(lead, [{ CONTACT_ID: 631, IS_PRIMARY: 'Y' }])).toBe(true)
    expect(leadValues(emulator, lead).DATE_MODIFY).toBe(LONG_AGO)
  })

  it('items.delete removes all bindings; for a lead that does not exist it is simply true', async () => {
    const lead = insertLead(emulator)
    await setItems(lead, [{ CONTACT_ID: 641 }, { CONTACT_ID: 642 }])
    expect(await result(emulator, 'crm.lead.contact.items.delete', { id: lead })).toBe(true)
    expect(await items(lead)).toEqual([])
    expect(leadValues(emulator, lead)).toMatchObject({ CONTACT_ID: null, IS_RETURN_CUSTOMER: 'N', MODIFY_BY_ID: '1' })
    expect(await result(emulator, 'crm.lead.contact.items.delete', { id: 987654 })).toBe(true)
    expect(await result(emulator, 'crm.lead.contact.items.delete', { id: 987654 }, { userId: 3 })).toBe(true)
  })
})

describe('crm.lead.contact.* — errors', () => {
  it.each([
    ['crm.lead.contact.add', { fields: { CONTACT_ID: 1 } }, QUOTED_ID],
    ['crm.lead.contact.add', { id: 'x', fields: { CONTACT_ID: 1 } }, QUOTED_ID],
    ['crm.lead.contact.delete', { id: 0, fields: { CONTACT_ID: 1 } }, QUOTED_ID],
    ['crm.lead.contact.items.get', {}, PLAIN_ID],
    ['crm.lead.contact.items.set', { id: -1, items: [] }, PLAIN_ID],
    ['crm.lead.contact.items.delete', { id: 'none' }, PLAIN_ID]
  ])('%s %j → %s', async (method, params, description) => {
    await expectError(emulator, method, params, crmFailure(description))
  })

  it('checks the parameter shapes with the proxy texts', async () => {
    const lead = insertLead(emulator)
    await expectError(
      emulator,
      'crm.lead.contact.add',
      { id: lead },
      crmFailure("The parameter 'fields' must be array.")
    )
    await expectError(
      emulator,
      'crm.lead.contact.add',
      { id: lead, fields: 'x' },
      crmFailure("The parameter 'fields' must be array.")
    )
    await expectError(
      emulator,
      'crm.lead.contact.delete',
      { id: lead },
      crmFailure("The parameter 'item' must be array.")
    )
    await expectError(
      emulator,
      'crm.lead.contact.items.set',
      { id: lead },
      crmFailure('The parameter items must be array.')
    )
    await expectError(
      emulator,
      'crm.lead.contact.items.set',
      { id: lead, items: 5 },
      crmFailure('The parameter items must be array.')
    )
  })

  it.each([
    ['crm.lead.contact.add', { fields: {} }],
    ['crm.lead.contact.add', { fields: { CONTACT_ID: 0 } }],
    ['crm.lead.contact.add', { fields: { CONTACT_ID: 'abc' } }],
    ['crm.lead.contact.delete', { fields: { SORT: 10 } }]
  ])('%s %j → "The parameter \'fields\' is not valid."', async (method, params) => {
    const lead = insertLead(emulator)
    await expectError(emulator, method, { id: lead, ...params }, crmFailure("The parameter 'fields' is not valid."))
  })

  it.each([
    ['crm.lead.contact.add', { fields: { CONTACT_ID: 1 } }],
    ['crm.lead.contact.delete', { fields: { CONTACT_ID: 1 } }],
    ['crm.lead.contact.items.set', { items: [] }]
  ])('%s on a lead that does not exist → "Not found." (code "", 400)', async (method, params) => {
    await expectError(emulator, method, { id: 987654, ...params }, crmFailure('Not found.'))
  })
})

describe('crm.lead.contact.* — permissions', () => {
  const calls: Array<[string, Record<string, unknown>]> = [
    ['crm.lead.contact.add', { fields: { CONTACT_ID: 701 } }],
    ['crm.lead.contact.delete', { fields: { CONTACT_ID: 701 } }],
    ['crm.lead.contact.items.get', {}],
    ['crm.lead.contact.items.set', { items: [] }],
    ['crm.lead.contact.items.delete', {}]
  ]

  it.each(calls)(
    '%s by user 2 on a lead of user 1 → HTTP 403 ACCESS_DENIED "Access denied!"',
    async (method, params) => {
      const lead = insertLead(emulator, { ASSIGNED_BY_ID: '1' })
      await expectError(emulator, method, { id: lead, ...params }, FORBIDDEN, 2)
    }
  )

  it.each(calls)(
    '%s by user 2 on a lead that does not exist → 403 as well (permission before existence)',
    async (method, params) => {
      await expectError(emulator, method, { id: 987654, ...params }, FORBIDDEN, 2)
    }
  )

  it('user 2 manages the contacts of a lead assigned to them', async () => {
    const lead = insertLead(emulator, { ASSIGNED_BY_ID: '2' })
    expect(await add(lead, { CONTACT_ID: 711 }, 2)).toBe(true)
    expect(await items(lead, 2)).toEqual([binding(711, 10, true)])
    expect(leadValues(emulator, lead)).toMatchObject({ CONTACT_ID: '711', MODIFY_BY_ID: '2' })
  })

  it('user 3 (all leads, no settings) manages the contacts of any lead', async () => {
    const lead = insertLead(emulator, { ASSIGNED_BY_ID: '1' })
    expect(await setItems(lead, [{ CONTACT_ID: 721 }], 3)).toBe(true)
    expect(await remove(lead, 721, 3)).toBe(true)
    expect(leadValues(emulator, lead)).toMatchObject({ CONTACT_ID: null, MODIFY_BY_ID: '3' })
  })

  it('a user without CRM access gets the plain "Access denied." (400), even for fields', async () => {
    await withLeadAccess(emulator, 3, 'none', async () => {
      await expectError(emulator, 'crm.lead.contact.fields', {}, crmFailure('Access denied.'), 3)
      await expectError(emulator, 'crm.lead.contact.items.get', { id: 1 }, crmFailure('Access denied.'), 3)
    })
  })
})

describe('setLeadContacts (for crm.lead.add / update)', () => {
  it('replaces the bindings, normalises them and keeps CONTACT_ID and IS_RETURN_CUSTOMER in step', () => {
    const lead = insertLead(emulator)
    expect(
      setLeadContacts(emulator.portal, lead, [
        { contactId: 801 },
        { contactId: 802, isPrimary: true },
        { contactId: 801 }
      ])
    ).toBe(true)
    expect(emulator.portal.contactBindings.get(lead)).toEqual([
      { contactId: 801, sort: 10, isPrimary: false },
      { contactId: 802, sort: 20, isPrimary: true }
    ])
    expect(leadValues(emulator, lead)).toMatchObject({
      CONTACT_ID: '802',
      IS_RETURN_CUSTOMER: 'Y',
      DATE_MODIFY: LONG_AGO
    })
    expect(setLeadContacts(emulator.portal, lead, [{ contactId: 801 }, { contactId: 802, isPrimary: true }])).toBe(
      false
    )
    expect(setLeadContacts(emulator.portal, lead, [])).toBe(true)
    expect(emulator.portal.contactBindings.has(lead)).toBe(false)
    expect(leadValues(emulator, lead)).toMatchObject({ CONTACT_ID: null, IS_RETURN_CUSTOMER: 'N' })
  })
})
