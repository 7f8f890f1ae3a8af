import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { createContactRecord } from '../../../electron/emulator/state/contact-records'
import { createProductRecord } from '../../../electron/emulator/state/product-records'
import { call, result, startTestEmulator } from '../../support/emulator'
import { crmFailure, expectError, freezeClock, NOW, watchEvent, withLeadAccess } from '../../support/emulator-crm'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startTestEmulator()
  await freezeClock(emulator)
})
afterAll(() => emulator.close())

type Json = Record<string, unknown>

const addContact = (fields: Json, userId = 1) => result<number>(emulator, 'crm.contact.add', { fields }, { userId })
const getContact = (id: number, userId = 1) => result<Json>(emulator, 'crm.contact.get', { id }, { userId })
const nextMultifieldId = () => (emulator.portal.sequences.multifield ?? 0) + 1

describe('crm.contact.add / get', () => {
  it('adds a contact, returns its integer ID and prints every field as the portal does', async () => {
    const contacts = watchEvent(emulator, 'ONCRMCONTACTADD')
    const phoneId = nextMultifieldId()
    const reply = await call(emulator, 'crm.contact.add', {
      fields: {
        NAME: 'John',
        SECOND_NAME: 'Doe',
        LAST_NAME: 'Smith',
        POST: 'Administrator',
        HONORIFIC: 'HNR_EN_1',
        TYPE_ID: 'PARTNER',
        SOURCE_ID: 'WEB',
        COMPANY_ID: 12,
        BIRTHDATE: '1989-07-14',
        COMMENTS: 'Met at the fair',
        PHONE: [
          { VALUE: '+13333333555', VALUE_TYPE: 'WORK' },
          { VALUE: '+15599888666', VALUE_TYPE: 'home' },
          { VALUE: '' }
        ],
        EMAIL: [{ VALUE: 'john@example.com', VALUE_TYPE: 'NOT_A_TYPE' }],
        UNKNOWN_FIELD: 'ignored'
      }
    })
    expect(reply.status).toBe(200)
    expect(typeof reply.body.result).toBe('number')
    const id = reply.body.result as number
    expect(await getContact(id)).toEqual({
      ID: String(id),
      POST: 'Administrator',
      COMMENTS: 'Met at the fair',
      HONORIFIC: 'HNR_EN_1',
      NAME: 'John',
      SECOND_NAME: 'Doe',
      LAST_NAME: 'Smith',
      TYPE_ID: 'PARTNER',
      SOURCE_ID: 'WEB',
      COMPANY_ID: '12',
      BIRTHDATE: '1989-07-14T00:00:00+03:00',
      DATE_CREATE: NOW,
      DATE_MODIFY: NOW,
      ASSIGNED_BY_ID: '1',
      CREATED_BY_ID: '1',
      MODIFY_BY_ID: '1',
      OPENED: 'Y',
      PHONE: [
        { ID: String(phoneId), VALUE_TYPE: 'WORK', VALUE: '+13333333555', TYPE_ID: 'PHONE' },
        { ID: String(phoneId + 1), VALUE_TYPE: 'HOME', VALUE: '+15599888666', TYPE_ID: 'PHONE' }
      ],
      EMAIL: [{ ID: String(phoneId + 2), VALUE_TYPE: 'WORK', VALUE: 'john@example.com', TYPE_ID: 'EMAIL' }]
    })
    expect(contacts()).toEqual([String(id)])
  })

  it('fills the defaults: nulls, "" for an empty date, the caller as author and responsible, no multifield keys', async () => {
    const id = await addContact({ LAST_NAME: 'Lonely', BIRTHDATE: 'not a date', ASSIGNED_BY_ID: 0, OPENED: 'n' }, 3)
    expect(await getContact(id)).toEqual({
      ID: String(id),
      POST: null,
      COMMENTS: null,
      HONORIFIC: null,
      NAME: null,
      SECOND_NAME: null,
      LAST_NAME: 'Lonely',
      TYPE_ID: null,
      SOURCE_ID: null,
      COMPANY_ID: null,
      BIRTHDATE: '',
      DATE_CREATE: NOW,
      DATE_MODIFY: NOW,
      ASSIGNED_BY_ID: '3',
      CREATED_BY_ID: '3',
      MODIFY_BY_ID: '3',
      OPENED: 'N'
    })
  })

  it('names a contact without any name "Untitled" (UNCONFIRMED default name)', async () => {
    const id = await addContact({})
    expect((await getContact(id)).NAME).toBe('Untitled')
    const missingFields = await result<number>(emulator, 'crm.contact.add', {})
    expect((await getContact(missingFields)).NAME).toBe('Untitled')
  })

  it('keeps ASSIGNED_BY_ID as given, but a user limited to own records always gets the contact', async () => {
    expect((await getContact(await addContact({ NAME: 'A', ASSIGNED_BY_ID: 3 }))).ASSIGNED_BY_ID).toBe('3')
    const own = await addContact({ NAME: 'B', ASSIGNED_BY_ID: 3 }, 2)
    expect((await getContact(own, 2)).ASSIGNED_BY_ID).toBe('2')
  })

  it('rejects a `fields` that is not an array', async () => {
    await expectError(emulator, 'crm.contact.add', { fields: 'text' }, crmFailure("Parameter 'fields' must be array."))
  })

  it.each([[{}], [{ id: 0 }], [{ id: 'abc' }]])('get %j → "ID is not defined or invalid."', async (params) => {
    await expectError(emulator, 'crm.contact.get', params, crmFailure('ID is not defined or invalid.'))
  })

  it('get of an unknown contact → "Not found"', async () => {
    await expectError(emulator, 'crm.contact.get', { id: 987654 }, crmFailure('Not found'))
  })

  it('user 2 reads own contacts only: "Access denied." for another user\'s contact and for an unknown ID', async () => {
    const foreign = await addContact({ NAME: 'Foreign', ASSIGNED_BY_ID: 1 })
    await expectError(emulator, 'crm.contact.get', { id: foreign }, crmFailure('Access denied.'), 2)
    await expectError(emulator, 'crm.contact.get', { id: 987654 }, crmFailure('Access denied.'), 2)
    expect((await getContact(foreign, 3)).NAME).toBe('Foreign')
  })

  it('a user without CRM access gets "Access denied." from every contact and product method', async () => {
    await withLeadAccess(emulator, 3, 'none', async () => {
      for (const method of ['crm.contact.add', 'crm.contact.get', 'crm.contact.list', 'crm.product.list']) {
        await expectError(emulator, method, { id: 1 }, crmFailure('Access denied.'), 3)
      }
    })
  })
})

describe('crm.contact.list', () => {
  const PAGED = 'Paged'

  beforeAll(() => {
    // 60 contacts created straight in the state, the way the seed generator does it.
    for (let i = 1; i <= 60; i++) {
      createContactRecord(
        emulator.portal,
        {
          NAME: `Name ${String(i).padStart(2, '0')}`,
          LAST_NAME: PAGED,
          ASSIGNED_BY_ID: i % 2 ? 1 : 2,
          PHONE: i === 1 ? [{ VALUE: '555' }] : []
        },
        { userId: 1 }
      )
    }
  })

  const list = (params: Json, userId = 1) => call(emulator, 'crm.contact.list', params, { userId })

  it('pages by 50 with total and next, and start=-1 gives total 0 without next', async () => {
    const first = await list({ filter: { LAST_NAME: PAGED }, select: ['ID'] })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ total: 60, next: 50 })
    expect(first.body.result).toHaveLength(50)

    const second = await list({ filter: { LAST_NAME: PAGED }, select: ['ID'], start: 50 })
    expect(second.body.total).toBe(60)
    expect(second.body).not.toHaveProperty('next')
    expect(second.body.result).toHaveLength(10)

    const uncounted = await list({ filter: { LAST_NAME: PAGED }, select: ['ID'], start: -1 })
    expect(uncounted.body.total).toBe(0)
    expect(uncounted.body).not.toHaveProperty('next')
    expect(uncounted.body.result).toHaveLength(50)
  })

  it('selects the named columns (ID always), multifields only when named', async () => {
    const { body } = await list({ filter: { LAST_NAME: PAGED }, select: ['NAME', 'PHONE'], order: { ID: 'ASC' } })
    const rows = body.result as Json[]
    expect(Object.keys(rows[0]!)).toEqual(['ID', 'NAME', 'PHONE'])
    expect(rows[0]!.PHONE).toEqual([expect.objectContaining({ VALUE: '555', VALUE_TYPE: 'WORK', TYPE_ID: 'PHONE' })])
    expect(Object.keys(rows[1]!)).toEqual(['ID', 'NAME'])
  })

  it('without select returns every column but no multifields', async () => {
    const { body } = await list({ filter: { LAST_NAME: PAGED, NAME: 'Name 01' } })
    const [row] = body.result as Json[]
    expect(Object.keys(row!)).toEqual([
      'ID',
      'POST',
      'COMMENTS',
      'HONORIFIC',
      'NAME',
      'SECOND_NAME',
      'LAST_NAME',
      'TYPE_ID',
      'SOURCE_ID',
      'COMPANY_ID',
      'BIRTHDATE',
      'DATE_CREATE',
      'DATE_MODIFY',
      'ASSIGNED_BY_ID',
      'CREATED_BY_ID',
      'MODIFY_BY_ID',
      'OPENED'
    ])
  })

  it('filters with prefixes and orders (anything not ASC is descending)', async () => {
    const { body } = await list({
      filter: { LAST_NAME: PAGED, '%NAME': 'Name 1', '!NAME': 'Name 10' },
      order: { NAME: 'desc' },
      select: ['NAME']
    })
    expect((body.result as Json[]).map((row) => row.NAME)).toEqual([
      'Name 19',
      'Name 18',
      'Name 17',
      'Name 16',
      'Name 15',
      'Name 14',
      'Name 13',
      'Name 12',
      'Name 11'
    ])
    expect(body.total).toBe(9)
  })

  it('filters multifields by value', async () => {
    const { body } = await list({ filter: { PHONE: '555' }, select: ['NAME'] })
    expect((body.result as Json[]).map((row) => row.NAME)).toEqual(['Name 01'])
  })

  it('shows user 2 only the contacts assigned to them; user 3 sees all', async () => {
    const own = await list({ filter: { LAST_NAME: PAGED }, select: ['ASSIGNED_BY_ID'] }, 2)
    expect(own.body.total).toBe(30)
    expect(new Set((own.body.result as Json[]).map((row) => row.ASSIGNED_BY_ID))).toEqual(new Set(['2']))
    expect((await list({ filter: { LAST_NAME: PAGED }, select: ['ID'] }, 3)).body.total).toBe(60)
  })
})

describe('crm.product.list', () => {
  beforeAll(() => {
    createProductRecord(emulator.portal, { name: 'Laptop', price: 1500, description: 'A fast one', sectionId: 3 })
    createProductRecord(emulator.portal, {
      name: 'Flour',
      price: 2.5,
      currencyId: 'RUB',
      measureCode: 166,
      active: false
    })
    createProductRecord(emulator.portal, { name: 'Support hour', price: 120, type: 7 })
  })

  const list = (params: Json) => call(emulator, 'crm.product.list', params)

  it('lists the catalog with string values, total and no next', async () => {
    const { status, body } = await list({})
    expect(status).toBe(200)
    expect(body.total).toBe(3)
    expect(body).not.toHaveProperty('next')
    expect(body.result).toEqual([
      {
        ID: '1',
        NAME: 'Laptop',
        PRICE: '1500.00',
        CURRENCY_ID: 'USD',
        MEASURE: '5',
        ACTIVE: 'Y',
        SECTION_ID: '3',
        DESCRIPTION: 'A fast one'
      },
      {
        ID: '2',
        NAME: 'Flour',
        PRICE: '2.50',
        CURRENCY_ID: 'RUB',
        MEASURE: '4',
        ACTIVE: 'N',
        SECTION_ID: null,
        DESCRIPTION: null
      },
      {
        ID: '3',
        NAME: 'Support hour',
        PRICE: '120.00',
        CURRENCY_ID: 'USD',
        MEASURE: '5',
        ACTIVE: 'Y',
        SECTION_ID: null,
        DESCRIPTION: null
      }
    ])
  })

  it('selects, filters and orders through the list engine', async () => {
    const { body } = await list({
      select: ['NAME', 'PRICE'],
      filter: { '>PRICE': 100, ACTIVE: 'Y' },
      order: { PRICE: 'ASC' }
    })
    expect(body.result).toEqual([
      { ID: '3', NAME: 'Support hour', PRICE: '120.00' },
      { ID: '1', NAME: 'Laptop', PRICE: '1500.00' }
    ])
  })

  it('start=-1 gives total 0', async () => {
    const { body } = await list({ start: -1, select: ['ID'] })
    expect(body.total).toBe(0)
    expect(body.result).toHaveLength(3)
  })

  it('user 2 and user 3 see the whole catalog', async () => {
    for (const userId of [2, 3]) {
      expect((await call(emulator, 'crm.product.list', { select: ['ID'] }, { userId })).body.total).toBe(3)
    }
  })
})
