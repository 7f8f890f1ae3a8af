import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { PortalApi } from '../../../electron/core/portal/methods'
import type { Emulator } from '../../../electron/emulator/emulator'
import { startTestEmulator } from '../../support/emulator'
import { freezeClock, insertLead, NOW } from '../../support/emulator-crm'
import { crmFailure, expectPortalError, typedApiFor } from '../../support/typed-client'

/** crm.lead.add/update/get/list/delete/fields through the typed methods, over real HTTP. */

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
beforeEach(() => {
  emulator.portal.userFields = []
})

const nextMultifieldId = () => (emulator.portal.sequences.multifield ?? 0) + 1

describe('leads.add and leads.get', () => {
  it('add answers the new ID as a number; get prints scalars as strings or null, dates in ISO', async () => {
    const phoneId = nextMultifieldId()
    const id = await api.leads.add(
      {
        TITLE: 'ACME inquiry',
        NAME: 'Gleb',
        OPPORTUNITY: 12500,
        CURRENCY_ID: 'EUR',
        ASSIGNED_BY_ID: 3,
        BIRTHDATE: '1989-07-14',
        PHONE: [{ VALUE: '555888', VALUE_TYPE: 'MOBILE' }]
      },
      { params: { REGISTER_SONET_EVENT: 'Y' } }
    )
    expect(typeof id).toBe('number')
    expect(id).toBe(emulator.portal.sequences.lead)

    const lead = await api.leads.get(id)
    expect(lead).toMatchObject({
      ID: String(id),
      TITLE: 'ACME inquiry',
      NAME: 'Gleb',
      LAST_NAME: null,
      HONORIFIC: null,
      OPPORTUNITY: '12500.00',
      CURRENCY_ID: 'EUR',
      STATUS_ID: 'NEW',
      STATUS_SEMANTIC_ID: 'P',
      ASSIGNED_BY_ID: '3',
      CREATED_BY_ID: '1',
      HAS_PHONE: 'Y',
      HAS_EMAIL: 'N',
      BIRTHDATE: '1989-07-14T00:00:00+03:00',
      DATE_CREATE: NOW,
      DATE_MODIFY: NOW,
      DATE_CLOSED: ''
    })
    expect(lead.PHONE).toEqual([{ ID: String(phoneId), VALUE_TYPE: 'MOBILE', VALUE: '555888', TYPE_ID: 'PHONE' }])
    expect(lead).not.toHaveProperty('EMAIL')
    // The ID printed by get works as an argument too.
    expect((await api.leads.get(lead.ID)).TITLE).toBe('ACME inquiry')
  })

  it('add passes params: IMPORT lets the creation stamps through', async () => {
    const id = await api.leads.add(
      { TITLE: 'Imported', DATE_CREATE: '2020-01-01T10:00:00+03:00', CREATED_BY_ID: 3 },
      { params: { IMPORT: 'Y' } }
    )
    expect(await api.leads.get(id)).toMatchObject({ DATE_CREATE: '2020-01-01T10:00:00+03:00', CREATED_BY_ID: '3' })
  })

  it('get returns user-field values as the portal prints them', async () => {
    await api.userFields.add({ FIELD_NAME: 'NOTE', USER_TYPE_ID: 'string' })
    await api.userFields.add({ FIELD_NAME: 'HOT', USER_TYPE_ID: 'boolean' })
    const id = await api.leads.add({ UF_CRM_NOTE: 'call after 5', UF_CRM_HOT: 1 })
    expect(await api.leads.get(id)).toMatchObject({ UF_CRM_NOTE: 'call after 5', UF_CRM_HOT: true })
  })
})

describe('leads.update', () => {
  it('changes the given fields, merges multifields, passes params, answers true', async () => {
    const id = await api.leads.add({ TITLE: 'Before', COMMENTS: 'kept', PHONE: [{ VALUE: '111' }, { VALUE: '222' }] })
    const [first, second] = (await api.leads.get(id)).PHONE!
    const added = nextMultifieldId()
    const changed = await api.leads.update(
      id,
      {
        TITLE: 'After',
        STATUS_ID: 'JUNK',
        PHONE: [
          { ID: first!.ID, DELETE: 'Y' },
          { VALUE: '333', VALUE_TYPE: 'HOME' }
        ]
      },
      { params: { REGISTER_HISTORY_EVENT: 'N' } }
    )
    expect(changed).toBe(true)
    const lead = await api.leads.get(id)
    expect(lead).toMatchObject({
      TITLE: 'After',
      COMMENTS: 'kept',
      STATUS_ID: 'JUNK',
      STATUS_SEMANTIC_ID: 'F',
      DATE_CLOSED: NOW,
      MOVED_BY_ID: '1'
    })
    expect(lead.PHONE).toEqual([second, { ID: String(added), VALUE_TYPE: 'HOME', VALUE: '333', TYPE_ID: 'PHONE' }])
  })
})

describe('leads.list', () => {
  const MARK = 'Paged lead'
  let paged: number[]

  beforeAll(() => {
    paged = Array.from({ length: 55 }, (_, index) =>
      insertLead(emulator, { TITLE: `${MARK} ${String(index + 1).padStart(2, '0')}` })
    )
  })

  it('reads one page of 50 with total and next, and the last page without next', async () => {
    const first = await api.leads.list({ filter: { '%TITLE': MARK }, select: ['TITLE'], order: { ID: 'ASC' } })
    expect(first.total).toBe(55)
    expect(first.next).toBe(50)
    expect(first.items).toHaveLength(50)
    expect(first.items[0]).toEqual({ ID: String(paged[0]), TITLE: `${MARK} 01` })

    const last = await api.leads.list({ filter: { '%TITLE': MARK }, select: ['TITLE'], start: first.next })
    expect(last).toEqual({
      items: paged.slice(50).map((id, index) => ({ ID: String(id), TITLE: `${MARK} ${51 + index}` })),
      total: 55,
      next: undefined
    })
  })

  it('orders and filters with prefixes; start -1 skips counting (total 0, no next)', async () => {
    const page = await api.leads.list({
      filter: { '%TITLE': MARK, '>ID': paged[52]! },
      order: { ID: 'DESC' },
      select: ['ID'],
      start: -1
    })
    expect(page).toEqual({
      items: [{ ID: String(paged[54]) }, { ID: String(paged[53]) }],
      total: 0,
      next: undefined
    })
  })

  it('selects multifields by name and user fields with UF_*', async () => {
    await api.userFields.add({ FIELD_NAME: 'NOTE', USER_TYPE_ID: 'string' })
    const phoneId = nextMultifieldId()
    const id = await api.leads.add({ TITLE: 'Selected', PHONE: [{ VALUE: '555' }], UF_CRM_NOTE: 'x' })
    const page = await api.leads.list({ filter: { ID: id }, select: ['TITLE', 'PHONE', 'UF_*'] })
    expect(page).toEqual({
      items: [
        {
          ID: String(id),
          TITLE: 'Selected',
          UF_CRM_NOTE: 'x',
          PHONE: [{ ID: String(phoneId), VALUE_TYPE: 'WORK', VALUE: '555', TYPE_ID: 'PHONE' }]
        }
      ],
      total: 1,
      next: undefined
    })
  })

  it('an empty result is an empty page', async () => {
    expect(await api.leads.list({ filter: { TITLE: 'No such lead' } })).toEqual({
      items: [],
      total: 0,
      next: undefined
    })
  })

  it('a user limited to own leads gets only those', async () => {
    const own = insertLead(emulator, { TITLE: `${MARK} of the manager`, ASSIGNED_BY_ID: '2' })
    const page = await manager.leads.list({ filter: { '%TITLE': MARK }, select: ['ID'] })
    expect(page).toEqual({ items: [{ ID: String(own) }], total: 1, next: undefined })
  })
})

describe('leads.delete', () => {
  it('answers true; the lead is gone', async () => {
    const id = await api.leads.add({ TITLE: 'Doomed' })
    expect(await api.leads.delete(id)).toBe(true)
    await expectPortalError(api.leads.get(id), crmFailure('crm.lead.get', 'Not found'))
  })
})

describe('leads.fields', () => {
  it('describes standard fields per §7.1 and user fields with labels, settings ([] made {}) and items', async () => {
    await api.userFields.add({ FIELD_NAME: 'BUDGET', USER_TYPE_ID: 'money', LABEL: 'Budget', MANDATORY: 'Y' })
    const regionId = await api.userFields.add({
      FIELD_NAME: 'REGION',
      USER_TYPE_ID: 'enumeration',
      LABEL: 'Region',
      LIST: [{ VALUE: 'North' }, { VALUE: 'South' }]
    })
    const region = await api.userFields.get(regionId)
    const [north, south] = region.USER_TYPE_ID === 'enumeration' ? region.LIST : []

    const fields = await api.leads.fields()
    expect(fields.STATUS_ID).toEqual({
      type: 'crm_status',
      isRequired: false,
      isReadOnly: false,
      isImmutable: false,
      isMultiple: false,
      isDynamic: false,
      statusType: 'STATUS',
      title: 'Stage'
    })
    expect(fields.CONTACT_ID).toMatchObject({ type: 'crm_contact', isDeprecated: true })
    expect(fields.PHONE).toMatchObject({ type: 'crm_multifield', isMultiple: true, isReadOnly: false })
    const userField = {
      isReadOnly: false,
      isImmutable: false,
      isMultiple: false,
      isDynamic: true
    }
    expect(fields.UF_CRM_BUDGET).toEqual({
      type: 'money',
      isRequired: true,
      ...userField,
      title: 'UF_CRM_BUDGET',
      listLabel: 'Budget',
      formLabel: 'Budget',
      filterLabel: 'Budget',
      settings: {}
    })
    expect(fields.UF_CRM_REGION).toEqual({
      type: 'enumeration',
      isRequired: false,
      ...userField,
      title: 'UF_CRM_REGION',
      listLabel: 'Region',
      formLabel: 'Region',
      filterLabel: 'Region',
      settings: { DISPLAY: 'LIST', LIST_HEIGHT: 1 },
      items: [
        { ID: north!.ID, VALUE: 'North' },
        { ID: south!.ID, VALUE: 'South' }
      ]
    })
  })
})

describe('errors callers handle', () => {
  it('a validation error is a permanent PortalError with code ""', async () => {
    await expectPortalError(
      api.leads.add({ OPPORTUNITY: '12abc' }),
      crmFailure('crm.lead.add', 'The "Amount" field contains invalid characters.<br />')
    )
    const id = await api.leads.add({ TITLE: 'Valid' })
    await expectPortalError(
      api.leads.update(id, { EMAIL: [{ VALUE: 'not-an-address' }] }),
      crmFailure('crm.lead.update', 'The field "Work E-mail" contains an incorrect address.<br />')
    )
  })

  it('a user limited to own leads gets "Access denied." for a lead of someone else', async () => {
    const id = await api.leads.add({ TITLE: 'Admin only', ASSIGNED_BY_ID: 1 })
    await expectPortalError(manager.leads.get(id), crmFailure('crm.lead.get', 'Access denied.'))
    await expectPortalError(manager.leads.update(id, { TITLE: 'x' }), crmFailure('crm.lead.update', 'Access denied.'))
    await expectPortalError(manager.leads.delete(id), crmFailure('crm.lead.delete', 'Access denied.'))
  })

  it('a lead that does not exist is "Not found"', async () => {
    await expectPortalError(api.leads.get(987654), crmFailure('crm.lead.get', 'Not found'))
    await expectPortalError(api.leads.update(987654, { TITLE: 'x' }), crmFailure('crm.lead.update', 'Not found'))
    await expectPortalError(api.leads.delete(987654), crmFailure('crm.lead.delete', 'Not found'))
  })
})
