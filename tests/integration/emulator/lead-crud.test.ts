import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import type { UserFieldDef } from '../../../electron/emulator/state/userfield-types'
import { admin, call, result, startTestEmulator } from '../../support/emulator'

let emulator: Emulator
const NOW = '2026-03-10T12:15:00+03:00'

beforeAll(async () => {
  emulator = await startTestEmulator()
  await admin(emulator, 'clock', { set: '2026-03-10T09:15:00Z', freeze: true, utcOffsetMinutes: 180 })
})
afterAll(() => emulator.close())
beforeEach(async () => {
  await admin(emulator, 'settings', { notFoundText: 'Not found', checkRequiredUserFields: true })
  emulator.portal.userFields = []
})

const add = (fields: Record<string, unknown>, userId = 1, params?: Record<string, unknown>) =>
  result<number>(emulator, 'crm.lead.add', { fields, ...(params ? { params } : {}) }, { userId })
const get = (id: number) => result<Record<string, unknown>>(emulator, 'crm.lead.get', { id })

function userField(overrides: Partial<UserFieldDef>): UserFieldDef {
  const label = { en: overrides.fieldName ?? 'Field' }
  return {
    id: emulator.portal.nextId('userField'),
    fieldName: 'UF_CRM_FIELD',
    userTypeId: 'string',
    xmlId: null,
    sort: 100,
    multiple: false,
    mandatory: false,
    showFilter: 'N',
    showInList: true,
    editInList: true,
    isSearchable: false,
    settings: {},
    labels: {
      EDIT_FORM_LABEL: label,
      LIST_COLUMN_LABEL: label,
      LIST_FILTER_LABEL: label,
      ERROR_MESSAGE: {},
      HELP_MESSAGE: {}
    },
    list: [],
    ...overrides
  }
}

/** Expects the portal's plain CRM error: code "", HTTP 400, this text. */
async function expectCrmError(method: string, params: Record<string, unknown>, description: string, userId = 1) {
  const reply = await call(emulator, method, params, { userId })
  expect(reply).toEqual({ status: 400, body: { error: '', error_description: description } })
}

describe('crm.lead.add', () => {
  it('creates a lead with the portal defaults and returns its integer ID', async () => {
    const reply = await call(emulator, 'crm.lead.add', { fields: { NAME: 'Gleb', OPPORTUNITY: '12 500,5' } })
    expect(reply.status).toBe(200)
    expect(typeof reply.body.result).toBe('number')
    const id = reply.body.result as number
    expect(await get(id)).toMatchObject({
      ID: String(id),
      TITLE: `Lead #${id}`,
      NAME: 'Gleb',
      STATUS_ID: 'NEW',
      STATUS_SEMANTIC_ID: 'P',
      OPPORTUNITY: '12500.50',
      CURRENCY_ID: 'USD',
      OPENED: 'Y',
      HAS_PHONE: 'N',
      HAS_EMAIL: 'N',
      ASSIGNED_BY_ID: '1',
      CREATED_BY_ID: '1',
      MODIFY_BY_ID: '1',
      DATE_CREATE: NOW,
      DATE_MODIFY: NOW,
      MOVED_TIME: NOW,
      DATE_CLOSED: '',
      BIRTHDATE: '',
      IS_RETURN_CUSTOMER: 'N',
      COMMENTS: null,
      HONORIFIC: null,
      COMPANY_ID: null
    })
  })

  it('creates an empty lead when fields are omitted (source behaviour)', async () => {
    const id = await result<number>(emulator, 'crm.lead.add', {})
    expect((await get(id)).TITLE).toBe(`Lead #${id}`)
  })

  it('keeps multifields, sets HAS_PHONE/HAS_EMAIL and defaults VALUE_TYPE', async () => {
    const id = await add({
      TITLE: 'With contacts',
      PHONE: [{ VALUE: '+7 999 000-00-01', VALUE_TYPE: 'MOBILE' }, { VALUE: '555888' }, { VALUE: '' }],
      EMAIL: [{ VALUE: 'gleb@example.com' }],
      IM: [{ VALUE: 'imol|telegram|1' }]
    })
    const lead = await get(id)
    expect(lead).toMatchObject({ HAS_PHONE: 'Y', HAS_EMAIL: 'Y', HAS_IMOL: 'Y' })
    expect((lead.PHONE as Array<Record<string, string>>).map((p) => [p.VALUE, p.VALUE_TYPE, p.TYPE_ID])).toEqual([
      ['+7 999 000-00-01', 'MOBILE', 'PHONE'],
      ['555888', 'WORK', 'PHONE']
    ])
    expect((lead.IM as Array<Record<string, string>>)[0]).toMatchObject({ VALUE_TYPE: 'OTHER' })
    expect(lead).not.toHaveProperty('WEB')
    expect(typeof (lead.PHONE as Array<Record<string, unknown>>)[0]!.ID).toBe('string')
  })

  it('closes a lead created in a final stage and marks success/failure semantics', async () => {
    expect(await get(await add({ STATUS_ID: 'CONVERTED' }))).toMatchObject({
      STATUS_SEMANTIC_ID: 'S',
      DATE_CLOSED: NOW
    })
    expect(await get(await add({ STATUS_ID: 'JUNK' }))).toMatchObject({ STATUS_SEMANTIC_ID: 'F', DATE_CLOSED: NOW })
  })

  it('an unknown stage is kept with no semantic (no error, as in the source)', async () => {
    expect(await get(await add({ STATUS_ID: 'NO_SUCH_STAGE' }))).toMatchObject({
      STATUS_ID: 'NO_SUCH_STAGE',
      STATUS_SEMANTIC_ID: null
    })
  })

  it('ignores read-only and unknown fields, but IMPORT mode may set creation data', async () => {
    const id = await add({
      DATE_CREATE: '2020-01-01T00:00:00+03:00',
      HAS_PHONE: 'Y',
      IS_RETURN_CUSTOMER: 'Y',
      FOO: 'bar'
    })
    expect(await get(id)).toMatchObject({ DATE_CREATE: NOW, HAS_PHONE: 'N', IS_RETURN_CUSTOMER: 'N' })
    expect(await get(id)).not.toHaveProperty('FOO')
    const imported = await add({ DATE_CREATE: '2020-01-01T10:00:00+03:00', CREATED_BY_ID: 3 }, 1, { IMPORT: 'Y' })
    expect(await get(imported)).toMatchObject({ DATE_CREATE: '2020-01-01T10:00:00+03:00', CREATED_BY_ID: '3' })
  })

  it('marks a lead with a company as a returning customer', async () => {
    expect(await get(await add({ COMPANY_ID: 12 }))).toMatchObject({ COMPANY_ID: '12', IS_RETURN_CUSTOMER: 'Y' })
  })

  it("prints a birth date as a datetime at the portal's local midnight (source behaviour)", async () => {
    expect((await get(await add({ BIRTHDATE: '1989-07-14' }))).BIRTHDATE).toBe('1989-07-14T00:00:00+03:00')
  })

  it('forces a user limited to own leads to be the responsible person', async () => {
    const id = await add({ TITLE: 'Mine', ASSIGNED_BY_ID: 1 }, 2)
    expect((await get(id)).ASSIGNED_BY_ID).toBe('2')
  })

  it.each([
    [{ OPPORTUNITY: '12abc' }, 'The "Amount" field contains invalid characters.<br />'],
    [{ EMAIL: [{ VALUE: 'not-an-address' }] }, 'The field "Work E-mail" contains an incorrect address.<br />'],
    [
      { EMAIL: [{ VALUE: 'a b@c.d', VALUE_TYPE: 'HOME' }] },
      'The field "Home E-mail" contains an incorrect address.<br />'
    ],
    [{ PHONE: [{ VALUE: '1'.repeat(251) }] }, 'The field "Work Phone" must not exceed 250 characters.<br />'],
    [{ BIRTHDATE: '31.02.1990' }, "The field 'Date of birth' is incorrect.<br />"],
    // Emulator wording (UNCONFIRMED) for over-long standard strings.
    [{ NAME: 'x'.repeat(51) }, 'The field "First name" must not exceed 50 characters.<br />']
  ])('rejects %j with the portal message and creates nothing', async (fields, message) => {
    const before = emulator.portal.leads.size
    const sequence = emulator.portal.sequences.lead
    await expectCrmError('crm.lead.add', { fields }, message)
    expect(emulator.portal.leads.size).toBe(before)
    expect(emulator.portal.sequences.lead).toBe(sequence)
  })

  it('joins several validation messages with a new line', async () => {
    await expectCrmError(
      'crm.lead.add',
      { fields: { OPPORTUNITY: 'x', EMAIL: [{ VALUE: 'y' }] } },
      'The "Amount" field contains invalid characters.<br />\nThe field "Work E-mail" contains an incorrect address.<br />'
    )
  })

  it('rejects fields or params that are not arrays', async () => {
    await expectCrmError('crm.lead.add', { fields: 'TITLE' }, "Parameter 'fields' must be array.")
    await expectCrmError('crm.lead.add', { fields: {}, params: 5 }, "Parameter 'params' must be array.")
  })

  it('accepts the parameter name spellings of the CRM proxy (FIELDS, Fields, arFields)', async () => {
    for (const name of ['FIELDS', 'Fields', 'arFields']) {
      const id = await result<number>(emulator, 'crm.lead.add', { [name]: { TITLE: name } })
      expect((await get(id)).TITLE).toBe(name)
    }
  })

  it('refuses a user without CRM access', async () => {
    await admin(emulator, 'users', { id: 3, leadAccess: 'none' })
    try {
      await expectCrmError('crm.lead.add', { fields: {} }, 'Access denied.', 3)
    } finally {
      await admin(emulator, 'users', { id: 3, leadAccess: 'all' })
    }
  })

  it('fills user-field defaults and checks required user fields', async () => {
    emulator.portal.userFields = [
      userField({ fieldName: 'UF_CRM_SOURCE_NOTE', settings: { DEFAULT_VALUE: 'from web' } }),
      userField({ fieldName: 'UF_CRM_BUDGET', userTypeId: 'double', settings: { PRECISION: 2 } }),
      userField({
        fieldName: 'UF_CRM_REGION',
        userTypeId: 'enumeration',
        list: [
          { id: 501, sort: 10, value: 'North', def: false, xmlId: 'N' },
          { id: 502, sort: 20, value: 'South', def: true, xmlId: 'S' }
        ]
      })
    ]
    const lead = await get(await add({ UF_CRM_BUDGET: '1500,5' }))
    expect(lead).toMatchObject({ UF_CRM_SOURCE_NOTE: 'from web', UF_CRM_BUDGET: '1500.50', UF_CRM_REGION: '502' })

    emulator.portal.userFields.push(
      userField({ fieldName: 'UF_CRM_MUST', mandatory: true, labels: undefined as never })
    )
    emulator.portal.userFields[3]!.labels = {
      EDIT_FORM_LABEL: { en: 'Contract number' },
      LIST_COLUMN_LABEL: {},
      LIST_FILTER_LABEL: {},
      ERROR_MESSAGE: {},
      HELP_MESSAGE: {}
    }
    const missing = await call(emulator, 'crm.lead.add', { fields: { TITLE: 'x' } })
    expect(missing).toEqual({
      status: 400,
      body: { error: 'ERROR_CORE', error_description: 'The required field Contract number is missing.<br>' }
    })
    await admin(emulator, 'settings', { checkRequiredUserFields: false })
    expect(await add({ TITLE: 'unchecked' })).toBeGreaterThan(0)
  })

  it('rejects an enumeration value that is not in the list (emulator wording, UNCONFIRMED)', async () => {
    emulator.portal.userFields = [
      userField({
        fieldName: 'UF_CRM_KIND',
        userTypeId: 'enumeration',
        list: [{ id: 7, sort: 1, value: 'A', def: false, xmlId: 'A' }]
      })
    ]
    const reply = await call(emulator, 'crm.lead.add', { fields: { UF_CRM_KIND: 99 } })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('ERROR_CORE')
  })
})

describe('crm.lead.update', () => {
  it('changes only the given fields and bumps DATE_MODIFY and MODIFY_BY_ID', async () => {
    const id = await add({ TITLE: 'Before', NAME: 'Ann', COMMENTS: 'keep' })
    await admin(emulator, 'clock', { advanceMs: 60_000 })
    expect(await result(emulator, 'crm.lead.update', { id, fields: { TITLE: 'After' } }, { userId: 3 })).toBe(true)
    expect(await get(id)).toMatchObject({
      TITLE: 'After',
      NAME: 'Ann',
      COMMENTS: 'keep',
      MODIFY_BY_ID: '3',
      DATE_MODIFY: '2026-03-10T12:16:00+03:00',
      DATE_CREATE: NOW
    })
    await admin(emulator, 'clock', { advanceMs: -60_000 })
  })

  it('merges multifields: adds new values, changes and deletes by ID, keeps the rest', async () => {
    const id = await add({ PHONE: [{ VALUE: '111' }, { VALUE: '222' }, { VALUE: '333' }] })
    const phones = (await get(id)).PHONE as Array<{ ID: string; VALUE: string }>
    await result(emulator, 'crm.lead.update', {
      id,
      fields: {
        PHONE: [
          { ID: phones[0]!.ID, DELETE: 'Y' },
          { ID: phones[1]!.ID, VALUE: '222-changed', VALUE_TYPE: 'HOME' },
          { ID: phones[2]!.ID, VALUE: '' },
          { VALUE: '444' },
          { ID: 999999, VALUE: 'someone else' }
        ]
      }
    })
    const after = (await get(id)).PHONE as Array<{ ID: string; VALUE: string; VALUE_TYPE: string }>
    expect(after.map((p) => [p.VALUE, p.VALUE_TYPE])).toEqual([
      ['222-changed', 'HOME'],
      ['444', 'WORK']
    ])
    expect(after[0]!.ID).toBe(phones[1]!.ID)
  })

  it('a removed last phone clears HAS_PHONE', async () => {
    const id = await add({ PHONE: [{ VALUE: '111' }] })
    const [phone] = (await get(id)).PHONE as Array<{ ID: string }>
    await result(emulator, 'crm.lead.update', { id, fields: { PHONE: [{ ID: phone!.ID }] } })
    const lead = await get(id)
    expect(lead.HAS_PHONE).toBe('N')
    expect(lead).not.toHaveProperty('PHONE')
  })

  it('moving the stage records who moved it and when; a final stage closes the lead', async () => {
    const id = await add({ TITLE: 'x' })
    await result(emulator, 'crm.lead.update', { id, fields: { STATUS_ID: 'JUNK' } }, { userId: 3 })
    expect(await get(id)).toMatchObject({
      STATUS_ID: 'JUNK',
      STATUS_SEMANTIC_ID: 'F',
      MOVED_BY_ID: '3',
      DATE_CLOSED: NOW
    })
    await result(emulator, 'crm.lead.update', { id, fields: { STATUS_ID: 'IN_PROCESS' } })
    expect(await get(id)).toMatchObject({ STATUS_SEMANTIC_ID: 'P', DATE_CLOSED: '' })
  })

  it('silently ignores read-only fields', async () => {
    const id = await add({})
    await result(emulator, 'crm.lead.update', {
      id,
      fields: { DATE_CREATE: '2001-01-01', STATUS_SEMANTIC_ID: 'S', ID: 5 }
    })
    expect(await get(id)).toMatchObject({ ID: String(id), DATE_CREATE: NOW, STATUS_SEMANTIC_ID: 'P' })
  })

  it('replaces the whole address when any address field is sent (UNCONFIRMED)', async () => {
    const id = await add({ ADDRESS_CITY: 'Kazan', ADDRESS_COUNTRY: 'Russia' })
    await result(emulator, 'crm.lead.update', { id, fields: { ADDRESS_CITY: 'Samara' } })
    expect(await get(id)).toMatchObject({ ADDRESS_CITY: 'Samara', ADDRESS_COUNTRY: null })
  })

  it('refuses an empty title (legacy check)', async () => {
    const id = await add({ TITLE: 'x' })
    await expectCrmError(
      'crm.lead.update',
      { id, fields: { TITLE: ' ' } },
      "The required field 'Lead Name' is missing.<br />"
    )
  })

  it('keeps the lead unchanged when any field fails', async () => {
    const id = await add({ TITLE: 'Stable', OPPORTUNITY: 10 })
    await expectCrmError(
      'crm.lead.update',
      { id, fields: { TITLE: 'Changed', OPPORTUNITY: 'ten' } },
      'The "Amount" field contains invalid characters.<br />'
    )
    expect(await get(id)).toMatchObject({ TITLE: 'Stable', OPPORTUNITY: '10.00' })
  })

  it('answers a bad ID, a missing lead (configurable text) and a foreign lead', async () => {
    await expectCrmError('crm.lead.update', { id: 'abc', fields: {} }, 'ID is not defined or invalid.')
    await expectCrmError('crm.lead.update', { fields: {} }, 'ID is not defined or invalid.')
    await expectCrmError('crm.lead.update', { id: 987654, fields: {} }, 'Not found')
    await admin(emulator, 'settings', { notFoundText: 'Lead is not found' })
    await expectCrmError('crm.lead.update', { id: 987654, fields: {} }, 'Lead is not found')
    // A user limited to own leads gets "Access denied." first, for foreign and missing leads alike.
    const foreign = await add({ TITLE: 'Admin only' })
    await expectCrmError('crm.lead.update', { id: foreign, fields: { TITLE: 'x' } }, 'Access denied.', 2)
    await expectCrmError('crm.lead.update', { id: 987654, fields: {} }, 'Access denied.', 2)
  })

  it('accepts ID in upper case, as the proxy does', async () => {
    const id = await add({ TITLE: 'x' })
    expect(await result(emulator, 'crm.lead.update', { ID: String(id), fields: { TITLE: 'upper' } })).toBe(true)
    expect((await get(id)).TITLE).toBe('upper')
  })
})

describe('crm.lead.get and crm.lead.delete', () => {
  it('get prints every standard field, every user field (null when empty) and no CONTACT_IDS', async () => {
    emulator.portal.userFields = [userField({ fieldName: 'UF_CRM_EMPTY' })]
    const lead = await get(await add({ TITLE: 'Full' }))
    expect(lead.UF_CRM_EMPTY).toBeNull()
    expect(lead).not.toHaveProperty('CONTACT_IDS')
    for (const key of ['ADDRESS_LOC_ADDR_ID', 'UTM_TERM', 'LAST_ACTIVITY_TIME', 'ORIGIN_ID', 'ORIGINATOR_ID']) {
      expect(lead).toHaveProperty(key)
    }
  })

  it('get answers a bad ID, a missing lead and a foreign lead', async () => {
    await expectCrmError('crm.lead.get', { id: 0 }, 'ID is not defined or invalid.')
    await expectCrmError('crm.lead.get', { id: 987654 }, 'Not found')
    await expectCrmError('crm.lead.get', { id: await add({}) }, 'Access denied.', 2)
  })

  it('delete removes the lead with its product rows and contact bindings', async () => {
    const id = await add({ TITLE: 'Doomed' })
    emulator.portal.productRows.set(id, [])
    emulator.portal.contactBindings.set(id, [])
    expect(await result(emulator, 'crm.lead.delete', { id })).toBe(true)
    await expectCrmError('crm.lead.get', { id }, 'Not found')
    expect(emulator.portal.productRows.has(id)).toBe(false)
    expect(emulator.portal.contactBindings.has(id)).toBe(false)
    await expectCrmError('crm.lead.delete', { id }, 'Not found')
  })
})

describe('crm.lead.fields', () => {
  it('describes standard fields with the documented flags and user fields with labels', async () => {
    emulator.portal.userFields = [
      userField({
        fieldName: 'UF_CRM_REGION',
        userTypeId: 'enumeration',
        mandatory: true,
        list: [{ id: 11, sort: 1, value: 'North', def: false, xmlId: 'N' }]
      })
    ]
    const fields = await result<Record<string, Record<string, unknown>>>(emulator, 'crm.lead.fields')
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
    expect(fields.ID).toMatchObject({ type: 'integer', isReadOnly: true })
    expect(fields.PHONE).toMatchObject({ type: 'crm_multifield', isMultiple: true })
    expect(fields.CONTACT_ID).toMatchObject({ isDeprecated: true })
    expect(fields.COMPANY_ID).toMatchObject({ settings: { parentEntityTypeId: 4 } })
    expect(fields.UF_CRM_REGION).toEqual({
      type: 'enumeration',
      isRequired: true,
      isReadOnly: false,
      isImmutable: false,
      isMultiple: false,
      isDynamic: true,
      title: 'UF_CRM_REGION',
      listLabel: 'UF_CRM_REGION',
      formLabel: 'UF_CRM_REGION',
      filterLabel: 'UF_CRM_REGION',
      settings: [],
      items: [{ ID: '11', VALUE: 'North' }]
    })
  })
})
