import { createHash } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { PORTAL_LANGUAGES } from '../../../electron/emulator/state/userfield-types'
import { admin, call, result, startTestEmulator } from '../../support/emulator'

/**
 * crm.lead.userfield.* over real HTTP (docs/bitrix24-protocol.md §8.10). User 1 is the admin, user 2 sees
 * only own leads and has no settings rights, user 3 sees all leads and has no settings rights.
 */

let emulator: Emulator

beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())
beforeEach(() => {
  emulator.portal.userFields = []
  emulator.portal.eventHandlers = []
})
afterEach(async () => {
  await admin(emulator, 'users', { id: 3, leadAccess: 'all' })
})

type Field = Record<string, unknown>

const add = (fields: Record<string, unknown>) => result<number>(emulator, 'crm.lead.userfield.add', { fields })
const get = (id: number) => result<Field>(emulator, 'crm.lead.userfield.get', { id })
const list = (params: Record<string, unknown> = {}) => result<Field[]>(emulator, 'crm.lead.userfield.list', params)
const update = (id: number, fields: Record<string, unknown>) =>
  result<boolean>(emulator, 'crm.lead.userfield.update', { id, fields })
const addString = (name: string, extra: Record<string, unknown> = {}) =>
  add({ FIELD_NAME: name, USER_TYPE_ID: 'string', ...extra })

/** The same text in every portal language. */
const everywhere = (text: string) => Object.fromEntries(PORTAL_LANGUAGES.map((lang) => [lang, text]))
const labelsOf = (text: string) => ({
  EDIT_FORM_LABEL: everywhere(text),
  LIST_COLUMN_LABEL: everywhere(text),
  LIST_FILTER_LABEL: everywhere(text),
  ERROR_MESSAGE: everywhere(text),
  HELP_MESSAGE: everywhere(text)
})

async function expectError(
  method: string,
  params: Record<string, unknown>,
  expected: { status?: number; error: string; description: string },
  userId = 1
) {
  const reply = await call(emulator, method, params, { userId })
  expect(reply).toEqual({
    status: expected.status ?? 400,
    body: { error: expected.error, error_description: expected.description }
  })
}
const expectCrmError = (method: string, params: Record<string, unknown>, description: string, userId = 1) =>
  expectError(method, params, { error: '', description }, userId)
const expectCoreError = (method: string, params: Record<string, unknown>, description: string) =>
  expectError(method, params, { error: 'ERROR_CORE', description })

/** Binds a handler straight into the portal state, so every emitted event is recorded as a delivery. */
function captureEvents(...events: string[]) {
  for (const event of events) {
    emulator.portal.eventHandlers.push({
      id: emulator.portal.nextId('eventHandler'),
      event,
      handler: `${emulator.url}/_emulator/event-sink`,
      authType: 1,
      eventType: 'online',
      owner: 'webhook:1:test'
    })
  }
  const from = emulator.events.deliveries.length
  return async () => {
    await emulator.events.idle()
    return emulator.events.deliveries.slice(from).map((delivery) => ({
      event: delivery.event,
      fields: (delivery.body.data as { FIELDS: unknown }).FIELDS
    }))
  }
}

describe('crm.lead.userfield.add', () => {
  it('creates a string field with the portal defaults and returns its integer ID', async () => {
    const reply = await call(emulator, 'crm.lead.userfield.add', {
      fields: { FIELD_NAME: 'hello_world', USER_TYPE_ID: 'string' }
    })
    expect(reply.status).toBe(200)
    expect(typeof reply.body.result).toBe('number')
    const id = reply.body.result as number
    expect(await get(id)).toEqual({
      ID: String(id),
      ENTITY_ID: 'CRM_LEAD',
      FIELD_NAME: 'UF_CRM_HELLO_WORLD',
      USER_TYPE_ID: 'string',
      XML_ID: null,
      SORT: '100',
      MULTIPLE: 'N',
      MANDATORY: 'N',
      SHOW_FILTER: 'N',
      SHOW_IN_LIST: 'Y',
      EDIT_IN_LIST: 'Y',
      IS_SEARCHABLE: 'N',
      SETTINGS: { DEFAULT_VALUE: '', ROWS: 1 },
      ...labelsOf('UF_CRM_HELLO_WORLD')
    })
  })

  it('gives each new field the next ID of the userField sequence', async () => {
    const first = await addString('FIRST')
    const second = await addString('SECOND')
    expect(second).toBe(first + 1)
    expect(emulator.portal.sequences.userField).toBe(second)
  })

  it.each([
    ['x', 'UF_CRM_X'],
    ['UF_X', 'UF_CRM_X'],
    ['uf_crm_x', 'UF_CRM_X'],
    ['  my_field  ', 'UF_CRM_MY_FIELD'],
    ['UF_CRMX', 'UF_CRM_CRMX']
  ])('normalises FIELD_NAME %j to %s', async (sent, stored) => {
    const id = await addString(sent)
    expect((await get(id)).FIELD_NAME).toBe(stored)
  })

  it('takes the whole parameter map as the fields when `fields` is absent (source quirk)', async () => {
    const id = await result<number>(emulator, 'crm.lead.userfield.add', { FIELD_NAME: 'TOP', USER_TYPE_ID: 'integer' })
    expect(await get(id)).toMatchObject({ FIELD_NAME: 'UF_CRM_TOP', USER_TYPE_ID: 'integer' })
  })

  it('takes the whole parameter map when `fields` is not an array, and reads FIELDS in upper case', async () => {
    const fromScalar = await result<number>(emulator, 'crm.lead.userfield.add', {
      fields: 'nonsense',
      FIELD_NAME: 'SCALAR',
      USER_TYPE_ID: 'string'
    })
    const fromUpper = await result<number>(emulator, 'crm.lead.userfield.add', {
      FIELDS: { FIELD_NAME: 'UPPER', USER_TYPE_ID: 'string' }
    })
    expect((await get(fromScalar)).FIELD_NAME).toBe('UF_CRM_SCALAR')
    expect((await get(fromUpper)).FIELD_NAME).toBe('UF_CRM_UPPER')
  })

  it("answers `The 'USER_TYPE_ID' field is not found.` without a type", () =>
    expectCrmError('crm.lead.userfield.add', { fields: { FIELD_NAME: 'A' } }, "The 'USER_TYPE_ID' field is not found."))

  it("answers `The 'FIELD_NAME' field is not found.` without a name (blank counts as missing)", () =>
    expectCrmError(
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: '   ', USER_TYPE_ID: 'string' } },
      "The 'FIELD_NAME' field is not found."
    ))

  it('joins both missing-field messages with a newline', () =>
    expectCrmError(
      'crm.lead.userfield.add',
      { fields: { LABEL: 'only a label' } },
      "The 'USER_TYPE_ID' field is not found.\nThe 'FIELD_NAME' field is not found."
    ))

  it('accepts a name of exactly 50 symbols after the prefix is added', async () => {
    const id = await addString('N'.repeat(43))
    expect((await get(id)).FIELD_NAME).toBe(`UF_CRM_${'N'.repeat(43)}`)
  })

  it('rejects a name longer than 50 symbols with the main module text (ERROR_CORE, trailing <br> kept)', () =>
    expectCoreError(
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: 'N'.repeat(44), USER_TYPE_ID: 'string' } },
      'The field name is too long (exceeds 50 symbols).<br>'
    ))

  it.each(['my-field', 'поле', 'with space'])('rejects the name %j: invalid symbols', (name) =>
    expectCoreError(
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: name, USER_TYPE_ID: 'string' } },
      'The field name contains invalid symbols. Valid symbols are: A-Z, 0-9 and _.<br>'
    )
  )

  it.each(['foo', 'String'])('rejects the type %j: the custom type is invalid (type IDs are case-sensitive)', (type) =>
    expectCoreError(
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: 'OK', USER_TYPE_ID: type } },
      'The custom type is invalid.<br>'
    )
  )

  it('reports every failing main-module check at once, name checks first', async () => {
    await expectCoreError(
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: `${'N'.repeat(44)}-`, USER_TYPE_ID: 'nope' } },
      'The field name is too long (exceeds 50 symbols).<br>' +
        'The field name contains invalid symbols. Valid symbols are: A-Z, 0-9 and _.<br>' +
        'The custom type is invalid.<br>'
    )
    expect(await list()).toEqual([])
  })

  it('rejects a second field with the same normalised name', async () => {
    await addString('dup')
    await expectCoreError(
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: 'UF_DUP', USER_TYPE_ID: 'integer' } },
      'The field UF_CRM_DUP for entity CRM_LEAD already exists.<br>'
    )
    expect(await list()).toHaveLength(1)
  })

  it('uses LABEL for every label map, and the field name when LABEL is empty', async () => {
    const labelled = await addString('LABELLED', { LABEL: '  Budget  ' })
    const unlabelled = await addString('UNLABELLED', { LABEL: '' })
    expect(await get(labelled)).toMatchObject(labelsOf('Budget'))
    expect(await get(unlabelled)).toMatchObject(labelsOf('UF_CRM_UNLABELLED'))
  })

  it('spreads a label string over every language and fills the languages a label map leaves out with LABEL', async () => {
    const id = await addString('LABELS', {
      LABEL: 'Default',
      EDIT_FORM_LABEL: 'Everywhere',
      LIST_COLUMN_LABEL: { en: 'Column', de: 'Spalte', ru: '', xx: 'ignored' },
      ERROR_MESSAGE: ''
    })
    const field = await get(id)
    expect(field.EDIT_FORM_LABEL).toEqual(everywhere('Everywhere'))
    expect(field.LIST_COLUMN_LABEL).toEqual({ ...everywhere('Default'), en: 'Column', de: 'Spalte' })
    expect(field.LIST_FILTER_LABEL).toEqual(everywhere('Default'))
    expect(field.ERROR_MESSAGE).toEqual(everywhere('Default'))
    expect(field.HELP_MESSAGE).toEqual(everywhere('Default'))
  })

  it.each([
    [undefined, '100'],
    ['250', '250'],
    [0, '100'],
    [-5, '100'],
    ['abc', '100']
  ])('stores SORT %j as %s (default 100 unless positive)', async (sort, stored) => {
    const id = await addString('SORTED', sort === undefined ? {} : { SORT: sort })
    expect((await get(id)).SORT).toBe(stored)
  })

  it('reads MULTIPLE and MANDATORY case-insensitively (only Y/y is yes)', async () => {
    const lower = await addString('LOWER', { MULTIPLE: 'y', MANDATORY: 'y' })
    const word = await addString('WORD', { MULTIPLE: 'yes', MANDATORY: 'true' })
    expect(await get(lower)).toMatchObject({ MULTIPLE: 'Y', MANDATORY: 'Y' })
    expect(await get(word)).toMatchObject({ MULTIPLE: 'N', MANDATORY: 'N' })
  })

  it('forces MULTIPLE=N for a boolean field', async () => {
    const id = await add({ FIELD_NAME: 'FLAG', USER_TYPE_ID: 'boolean', MULTIPLE: 'Y' })
    expect((await get(id)).MULTIPLE).toBe('N')
  })

  it.each([
    ['string', 'Y', 'E'],
    ['string', 'y', 'E'],
    ['string', 'E', 'N'],
    ['string', 'I', 'N'],
    ['employee', 'Y', 'I'],
    ['employee', 'N', 'N'],
    // The source's add switch has no case for these types and forces N.
    ['money', 'Y', 'N'],
    ['url', 'Y', 'N'],
    ['address', 'Y', 'N'],
    ['file', 'Y', 'N']
  ])('stores SHOW_FILTER for a %s field sent %j as %s', async (type, sent, stored) => {
    const id = await add({ FIELD_NAME: 'FILTERED', USER_TYPE_ID: type, SHOW_FILTER: sent })
    expect((await get(id)).SHOW_FILTER).toBe(stored)
  })

  it('compares SHOW_IN_LIST, EDIT_IN_LIST and IS_SEARCHABLE case-sensitively, as the main module does', async () => {
    const exact = await addString('EXACT', { SHOW_IN_LIST: 'N', EDIT_IN_LIST: 'N', IS_SEARCHABLE: 'Y' })
    const lower = await addString('LOWER', { SHOW_IN_LIST: 'n', EDIT_IN_LIST: 'n', IS_SEARCHABLE: 'y' })
    expect(await get(exact)).toMatchObject({ SHOW_IN_LIST: 'N', EDIT_IN_LIST: 'N', IS_SEARCHABLE: 'Y' })
    expect(await get(lower)).toMatchObject({ SHOW_IN_LIST: 'Y', EDIT_IN_LIST: 'Y', IS_SEARCHABLE: 'N' })
  })

  it('keeps XML_ID as a string', async () => {
    const id = await addString('WITH_XML', { XML_ID: 42 })
    expect((await get(id)).XML_ID).toBe('42')
  })

  it.each<[string, Record<string, unknown>, unknown]>([
    ['string', {}, { DEFAULT_VALUE: '', ROWS: 1 }],
    ['string', { DEFAULT_VALUE: 'x', ROWS: '3', SIZE: 40 }, { DEFAULT_VALUE: 'x', ROWS: 3 }],
    ['string', { ROWS: 0 }, { DEFAULT_VALUE: '', ROWS: 1 }],
    ['integer', {}, { DEFAULT_VALUE: '' }],
    ['integer', { DEFAULT_VALUE: 5, MIN_VALUE: 1 }, { DEFAULT_VALUE: 5 }],
    // Emulator choice: a missing PRECISION is 2, like a negative one.
    ['double', {}, { DEFAULT_VALUE: '', PRECISION: 2 }],
    ['double', { PRECISION: -1 }, { DEFAULT_VALUE: '', PRECISION: 2 }],
    ['double', { PRECISION: '0', DEFAULT_VALUE: '1.5' }, { DEFAULT_VALUE: '1.5', PRECISION: 0 }],
    ['boolean', {}, { DEFAULT_VALUE: 0, DISPLAY: 'CHECKBOX' }],
    ['boolean', { DEFAULT_VALUE: '1', DISPLAY: 'radio' }, { DEFAULT_VALUE: 1, DISPLAY: 'RADIO' }],
    ['datetime', {}, { DEFAULT_VALUE: { VALUE: '', TYPE: 'NONE' } }],
    [
      'datetime',
      { DEFAULT_VALUE: { VALUE: '2024-05-01T07:00:00Z', TYPE: 'fixed' } },
      { DEFAULT_VALUE: { VALUE: '2024-05-01T10:00:00+03:00', TYPE: 'FIXED' } }
    ],
    [
      'datetime',
      { DEFAULT_VALUE: '2024-05-01 10:00:00' },
      { DEFAULT_VALUE: { VALUE: '2024-05-01T10:00:00+03:00', TYPE: 'NONE' } }
    ],
    ['date', { DEFAULT_VALUE: '2024-05-01' }, { DEFAULT_VALUE: { VALUE: '2024-05-01T00:00:00+03:00', TYPE: 'NONE' } }],
    ['date', { DEFAULT_VALUE: { TYPE: 'now' } }, { DEFAULT_VALUE: { VALUE: '', TYPE: 'NOW' } }],
    ['enumeration', {}, { DISPLAY: 'LIST', LIST_HEIGHT: 1 }],
    ['enumeration', { DISPLAY: 'ui', LIST_HEIGHT: '5' }, { DISPLAY: 'UI', LIST_HEIGHT: 5 }],
    [
      'iblock_element',
      {},
      { IBLOCK_TYPE_ID: '', IBLOCK_ID: 0, DEFAULT_VALUE: '', DISPLAY: 'LIST', LIST_HEIGHT: 1, ACTIVE_FILTER: 'N' }
    ],
    [
      'iblock_section',
      { IBLOCK_TYPE_ID: 'news', IBLOCK_ID: '7', DISPLAY: 'checkbox', LIST_HEIGHT: 3, ACTIVE_FILTER: 'y' },
      {
        IBLOCK_TYPE_ID: 'news',
        IBLOCK_ID: 7,
        DEFAULT_VALUE: '',
        DISPLAY: 'CHECKBOX',
        LIST_HEIGHT: 3,
        ACTIVE_FILTER: 'Y'
      }
    ],
    ['crm_status', {}, { ENTITY_TYPE: '' }],
    ['crm_status', { ENTITY_TYPE: 'SOURCE' }, { ENTITY_TYPE: 'SOURCE' }],
    // Docs and the crm type's PrepareSettings: bound to no entity type means bound to leads.
    ['crm', {}, { LEAD: 'Y', CONTACT: 'N', COMPANY: 'N', DEAL: 'N' }],
    ['crm', { CONTACT: 'y', DEAL: 'Y', QUOTE: 'Y' }, { LEAD: 'N', CONTACT: 'Y', COMPANY: 'N', DEAL: 'Y' }],
    // No settings of their own: an empty PHP array, printed as [].
    ['money', { DEFAULT_VALUE: '1|USD' }, []],
    ['url', {}, []],
    ['employee', {}, []]
  ])('stores SETTINGS of a %s field sent %j as %j (only the listed keys)', async (type, settings, stored) => {
    const id = await add({ FIELD_NAME: 'SET', USER_TYPE_ID: type, SETTINGS: settings })
    expect((await get(id)).SETTINGS).toEqual(stored)
  })

  it('stores enumeration items: empty VALUE dropped, SORT default 500, only the first DEF=Y of a single field wins', async () => {
    const id = await add({
      FIELD_NAME: 'CHOICE',
      USER_TYPE_ID: 'enumeration',
      LIST: [
        { VALUE: 'A', SORT: '20' },
        { VALUE: '' },
        { VALUE: '  B  ', DEF: 'Y' },
        { VALUE: 'C', DEF: 'Y' },
        { VALUE: 'D', XML_ID: 'ignored-on-add' }
      ]
    })
    const items = (await get(id)).LIST as Array<Record<string, string>>
    expect(items.map(({ SORT, VALUE, DEF }) => ({ SORT, VALUE, DEF }))).toEqual([
      { SORT: '20', VALUE: 'A', DEF: 'N' },
      { SORT: '500', VALUE: 'B', DEF: 'Y' },
      { SORT: '500', VALUE: 'C', DEF: 'N' },
      { SORT: '500', VALUE: 'D', DEF: 'N' }
    ])
    const ids = items.map((item) => Number(item.ID))
    expect(ids).toEqual([ids[0]!, ids[0]! + 1, ids[0]! + 2, ids[0]! + 3])
    expect(emulator.portal.sequences.enumItem).toBe(ids[3])
    // XML_ID of new items is not read on add: the portal makes a 32-digit hash for each.
    for (const item of items) expect(item.XML_ID).toMatch(/^[0-9a-f]{32}$/)
    expect(new Set(items.map((item) => item.XML_ID)).size).toBe(4)
  })

  it('keeps every DEF of a multiple enumeration field', async () => {
    const id = await add({
      FIELD_NAME: 'TAGS',
      USER_TYPE_ID: 'enumeration',
      MULTIPLE: 'Y',
      LIST: [{ VALUE: 'A', DEF: 'Y' }, { VALUE: 'B', DEF: 'y' }, { VALUE: 'C', DEF: 'N' }, { VALUE: 'D' }]
    })
    const items = (await get(id)).LIST as Array<Record<string, string>>
    expect(items.map((item) => [item.VALUE, item.DEF])).toEqual([
      ['A', 'Y'],
      ['B', 'Y'],
      ['C', 'N'],
      ['D', 'N']
    ])
  })

  it('returns LIST only for enumeration fields (an empty enumeration has LIST: [])', async () => {
    const text = await addString('TEXT', { LIST: [{ VALUE: 'A' }] })
    const choice = await add({ FIELD_NAME: 'EMPTY_CHOICE', USER_TYPE_ID: 'enumeration' })
    expect(await get(text)).not.toHaveProperty('LIST')
    expect((await get(choice)).LIST).toEqual([])
  })

  it('fails with ERROR_CORE on two new items with the same VALUE; the field stays, without items (source)', async () => {
    const reply = await call(emulator, 'crm.lead.userfield.add', {
      fields: { FIELD_NAME: 'TWINS', USER_TYPE_ID: 'enumeration', LIST: [{ VALUE: 'Same' }, { VALUE: 'Same' }] }
    })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toBe('ERROR_CORE')
    expect(reply.body.error_description).toMatch(/^List element with XML_ID=[0-9a-f]{32} already exists\.<br>$/)
    const [field] = await list({ filter: { FIELD_NAME: 'UF_CRM_TWINS' } })
    expect(field).toMatchObject({ FIELD_NAME: 'UF_CRM_TWINS', LIST: [] })
  })

  it('emits ONCRMLEADUSERFIELDADD with ID, ENTITY_ID and FIELD_NAME', async () => {
    const deliveries = captureEvents('ONCRMLEADUSERFIELDADD')
    const id = await addString('EVENTFUL')
    expect(await deliveries()).toEqual([
      { event: 'ONCRMLEADUSERFIELDADD', fields: { ID: id, ENTITY_ID: 'CRM_LEAD', FIELD_NAME: 'UF_CRM_EVENTFUL' } }
    ])
  })

  it.each([2, 3])('denies user %i (no settings rights) before looking at the fields', async (userId) => {
    await expectCrmError(
      'crm.lead.userfield.add',
      { fields: { FIELD_NAME: 'X', USER_TYPE_ID: 'string' } },
      'Access denied.',
      userId
    )
    await expectCrmError('crm.lead.userfield.add', { fields: {} }, 'Access denied.', userId)
    expect(emulator.portal.userFields).toEqual([])
  })
})

describe('crm.lead.userfield.get', () => {
  it('reads the ID from `id` or `ID`', async () => {
    const id = await addString('BY_ID')
    expect((await result<Field>(emulator, 'crm.lead.userfield.get', { ID: String(id) })).FIELD_NAME).toBe(
      'UF_CRM_BY_ID'
    )
  })

  it.each([{}, { id: 0 }, { id: 'abc' }, { id: -3 }])('answers `ID is not defined or invalid.` for %j', (params) =>
    expectCrmError('crm.lead.userfield.get', params, 'ID is not defined or invalid.')
  )

  it('answers ERROR_NOT_FOUND for an unknown ID', () =>
    expectError(
      'crm.lead.userfield.get',
      { id: 999 },
      { error: 'ERROR_NOT_FOUND', description: "The entity with ID '999' is not found." }
    ))

  it.each([2, 3])('lets user %i (lead read access) read a field', async (userId) => {
    const id = await addString('READABLE')
    const field = await result<Field>(emulator, 'crm.lead.userfield.get', { id }, { userId })
    expect(field.FIELD_NAME).toBe('UF_CRM_READABLE')
  })

  it('denies a user without lead access, after checking the ID', async () => {
    const id = await addString('HIDDEN')
    await admin(emulator, 'users', { id: 3, leadAccess: 'none' })
    await expectCrmError('crm.lead.userfield.get', { id }, 'Access denied.', 3)
    await expectCrmError('crm.lead.userfield.get', {}, 'ID is not defined or invalid.', 3)
  })
})

describe('crm.lead.userfield.list', () => {
  it('returns [] and total 0 on a portal without user fields, with no `next`', async () => {
    const reply = await call(emulator, 'crm.lead.userfield.list')
    expect(reply.status).toBe(200)
    expect(reply.body.result).toEqual([])
    expect(reply.body.total).toBe(0)
    expect(reply.body).not.toHaveProperty('next')
  })

  it('orders by SORT, then ID by default', async () => {
    const c = await addString('C', { SORT: 300 })
    const a = await addString('A', { SORT: 100 })
    const b = await addString('B', { SORT: 200 })
    const d = await addString('D', { SORT: 100 })
    expect((await list()).map((field) => field.ID)).toEqual([a, d, b, c].map(String))
  })

  it('orders by the given keys in any case; a direction other than ASC is DESC; unknown keys are ignored', async () => {
    await addString('B', { SORT: 100 })
    await addString('A', { SORT: 100 })
    await addString('C', { SORT: 50 })
    const names = async (order: Record<string, unknown>) =>
      (await list({ order })).map((field) => String(field.FIELD_NAME).replace('UF_CRM_', ''))
    expect(await names({ FIELD_NAME: 'asc' })).toEqual(['A', 'B', 'C'])
    expect(await names({ field_name: 'up' })).toEqual(['C', 'B', 'A'])
    expect(await names({ sort: 'ASC', FIELD_NAME: 'DESC' })).toEqual(['C', 'B', 'A'])
    expect(await names({ LABEL: 'ASC' })).toEqual(['C', 'B', 'A'])
  })

  it('returns every field with total = count and no paging, even past 50', async () => {
    for (let i = 0; i < 51; i++) await addString(`F${i}`)
    const reply = await call(emulator, 'crm.lead.userfield.list')
    expect((reply.body.result as unknown[]).length).toBe(51)
    expect(reply.body.total).toBe(51)
    expect(reply.body).not.toHaveProperty('next')
  })

  it('leaves out the five label keys without LANG', async () => {
    await addString('NO_LABELS', { LABEL: 'Label' })
    const [field] = await list()
    expect(Object.keys(field!)).toEqual([
      'ID',
      'ENTITY_ID',
      'FIELD_NAME',
      'USER_TYPE_ID',
      'XML_ID',
      'SORT',
      'MULTIPLE',
      'MANDATORY',
      'SHOW_FILTER',
      'SHOW_IN_LIST',
      'EDIT_IN_LIST',
      'IS_SEARCHABLE',
      'SETTINGS'
    ])
  })

  it('prints labels as plain strings in the LANG language; an unknown language gives null (emulator choice)', async () => {
    await addString('LOCALISED', { LABEL: 'Label', EDIT_FORM_LABEL: { de: 'Bezeichnung' } })
    const [german] = await list({ filter: { LANG: 'de' } })
    expect(german).toMatchObject({
      EDIT_FORM_LABEL: 'Bezeichnung',
      LIST_COLUMN_LABEL: 'Label',
      LIST_FILTER_LABEL: 'Label',
      ERROR_MESSAGE: 'Label',
      HELP_MESSAGE: 'Label'
    })
    const [unknown] = await list({ filter: { lang: 'xx' } })
    expect(unknown).toMatchObject({ EDIT_FORM_LABEL: null, HELP_MESSAGE: null })
  })

  it('filters by exact values of the listed keys (text case-insensitively, keys in any case)', async () => {
    const plain = await addString('PLAIN', { XML_ID: 'plain' })
    const rich = await add({
      FIELD_NAME: 'RICH',
      USER_TYPE_ID: 'integer',
      SORT: 200,
      MULTIPLE: 'Y',
      MANDATORY: 'Y',
      SHOW_FILTER: 'Y',
      SHOW_IN_LIST: 'N',
      EDIT_IN_LIST: 'N',
      IS_SEARCHABLE: 'Y'
    })
    const ids = async (filter: Record<string, unknown>) => (await list({ filter })).map((field) => Number(field.ID))
    expect(await ids({ FIELD_NAME: 'uf_crm_rich' })).toEqual([rich])
    expect(await ids({ id: String(plain) })).toEqual([plain])
    expect(await ids({ USER_TYPE_ID: 'STRING' })).toEqual([plain])
    expect(await ids({ XML_ID: 'PLAIN' })).toEqual([plain])
    expect(await ids({ SORT: '200' })).toEqual([rich])
    expect(await ids({ MULTIPLE: 'Y', MANDATORY: 'Y' })).toEqual([rich])
    expect(await ids({ SHOW_FILTER: 'E' })).toEqual([rich])
    expect(await ids({ SHOW_IN_LIST: 'N', EDIT_IN_LIST: 'N', IS_SEARCHABLE: 'Y' })).toEqual([rich])
    expect(await ids({ IS_SEARCHABLE: 'N' })).toEqual([plain])
  })

  it('ignores unknown filter keys, empty and array values, and always lists CRM_LEAD fields only', async () => {
    const id = await addString('ANY')
    const ids = async (filter: Record<string, unknown>) => (await list({ filter })).map((field) => Number(field.ID))
    expect(await ids({ COLOR: 'red', FIELD_NAME: '', USER_TYPE_ID: ['string'], ENTITY_ID: 'CRM_DEAL' })).toEqual([id])
  })

  it('filters by a label key in the LANG language, or in any language without LANG', async () => {
    const german = await addString('GERMAN', { LABEL: 'Label', EDIT_FORM_LABEL: { de: 'Wert' } })
    await addString('OTHER', { LABEL: 'Other' })
    const ids = async (filter: Record<string, unknown>) => (await list({ filter })).map((field) => Number(field.ID))
    expect(await ids({ EDIT_FORM_LABEL: 'wert', LANG: 'de' })).toEqual([german])
    expect(await ids({ EDIT_FORM_LABEL: 'Wert', LANG: 'en' })).toEqual([])
    expect(await ids({ EDIT_FORM_LABEL: 'Wert' })).toEqual([german])
  })

  it('includes LIST for enumeration fields and prints datetime defaults in ISO', async () => {
    await add({ FIELD_NAME: 'CHOICE', USER_TYPE_ID: 'enumeration', LIST: [{ VALUE: 'One', SORT: 10 }] })
    await add({ FIELD_NAME: 'WHEN', USER_TYPE_ID: 'datetime', SETTINGS: { DEFAULT_VALUE: '01.02.2024 09:30:00' } })
    const [choice, when] = await list()
    expect(choice!.LIST).toEqual([
      {
        ID: expect.stringMatching(/^\d+$/),
        SORT: '10',
        VALUE: 'One',
        DEF: 'N',
        XML_ID: expect.stringMatching(/^[0-9a-f]{32}$/)
      }
    ])
    expect(when!.SETTINGS).toEqual({ DEFAULT_VALUE: { VALUE: '2024-02-01T09:30:00+03:00', TYPE: 'NONE' } })
    expect(when).not.toHaveProperty('LIST')
  })

  it.each(['order', 'filter'])("answers `Parameter '%s' must be array.` for a scalar", (name) =>
    expectCrmError('crm.lead.userfield.list', { [name]: 'SORT' }, `Parameter '${name}' must be array.`)
  )

  it.each([2, 3])('lets user %i list fields', async (userId) => {
    await addString('LISTED')
    expect(await result<Field[]>(emulator, 'crm.lead.userfield.list', {}, { userId })).toHaveLength(1)
  })

  it('denies a user without lead access', async () => {
    await admin(emulator, 'users', { id: 3, leadAccess: 'none' })
    await expectCrmError('crm.lead.userfield.list', {}, 'Access denied.', 3)
  })
})

describe('crm.lead.userfield.update', () => {
  it('changes the sent scalar keys and answers true', async () => {
    const id = await addString('EDITED', { LABEL: 'Old' })
    expect(
      await update(id, {
        SORT: '700',
        XML_ID: 'edited',
        MANDATORY: 'Y',
        SHOW_FILTER: 'Y',
        SHOW_IN_LIST: 'N',
        EDIT_IN_LIST: 'N',
        IS_SEARCHABLE: 'Y'
      })
    ).toBe(true)
    expect(await get(id)).toEqual({
      ID: String(id),
      ENTITY_ID: 'CRM_LEAD',
      FIELD_NAME: 'UF_CRM_EDITED',
      USER_TYPE_ID: 'string',
      XML_ID: 'edited',
      SORT: '700',
      MULTIPLE: 'N',
      MANDATORY: 'Y',
      SHOW_FILTER: 'E',
      SHOW_IN_LIST: 'N',
      EDIT_IN_LIST: 'N',
      IS_SEARCHABLE: 'Y',
      SETTINGS: { DEFAULT_VALUE: '', ROWS: 1 },
      ...labelsOf('Old')
    })
  })

  it('ignores USER_TYPE_ID, FIELD_NAME, ENTITY_ID and MULTIPLE (the main module drops MULTIPLE too)', async () => {
    const id = await addString('FIXED')
    await update(id, { USER_TYPE_ID: 'integer', FIELD_NAME: 'OTHER', ENTITY_ID: 'CRM_DEAL', MULTIPLE: 'Y' })
    expect(await get(id)).toMatchObject({
      ENTITY_ID: 'CRM_LEAD',
      FIELD_NAME: 'UF_CRM_FIXED',
      USER_TYPE_ID: 'string',
      MULTIPLE: 'N'
    })
  })

  it('compares MANDATORY, SHOW_IN_LIST and IS_SEARCHABLE case-sensitively on update (main module)', async () => {
    const id = await addString('CASED', { MANDATORY: 'Y', IS_SEARCHABLE: 'Y', SHOW_IN_LIST: 'N' })
    await update(id, { MANDATORY: 'y', IS_SEARCHABLE: 'y', SHOW_IN_LIST: 'n', SHOW_FILTER: 'y' })
    expect(await get(id)).toMatchObject({ MANDATORY: 'N', IS_SEARCHABLE: 'N', SHOW_IN_LIST: 'Y', SHOW_FILTER: 'E' })
  })

  it('stores SHOW_FILTER=Y of an employee field as I', async () => {
    const id = await add({ FIELD_NAME: 'MANAGER', USER_TYPE_ID: 'employee' })
    await update(id, { SHOW_FILTER: 'Y' })
    expect((await get(id)).SHOW_FILTER).toBe('I')
  })

  it('replaces a label map completely: languages not sent become empty; other label keys stay', async () => {
    const id = await addString('RELABELLED', { LABEL: 'Old' })
    await update(id, { EDIT_FORM_LABEL: { en: 'New', de: 'Neu' }, HELP_MESSAGE: 'Help' })
    const field = await get(id)
    expect(field.EDIT_FORM_LABEL).toEqual({ ...everywhere(''), en: 'New', de: 'Neu' })
    expect(field.HELP_MESSAGE).toEqual(everywhere('Help'))
    expect(field.LIST_COLUMN_LABEL).toEqual(everywhere('Old'))
  })

  it('merges SETTINGS into the stored ones and clamps string ROWS to 1..50', async () => {
    const id = await addString('ROWS', { SETTINGS: { DEFAULT_VALUE: 'a', ROWS: 3 } })
    await update(id, { SETTINGS: { ROWS: 100, SIZE: 10 } })
    expect((await get(id)).SETTINGS).toEqual({ DEFAULT_VALUE: 'a', ROWS: 50 })
    await update(id, { SETTINGS: { ROWS: 0 } })
    expect((await get(id)).SETTINGS).toEqual({ DEFAULT_VALUE: 'a', ROWS: 1 })
    await update(id, { SETTINGS: { DEFAULT_VALUE: 'b' } })
    expect((await get(id)).SETTINGS).toEqual({ DEFAULT_VALUE: 'b', ROWS: 1 })
  })

  it('applies the per-type rules to sent settings (double PRECISION, boolean DISPLAY, crm fallback to LEAD)', async () => {
    const double = await add({ FIELD_NAME: 'AMOUNT', USER_TYPE_ID: 'double', SETTINGS: { PRECISION: 4 } })
    const flag = await add({ FIELD_NAME: 'FLAG', USER_TYPE_ID: 'boolean' })
    const link = await add({ FIELD_NAME: 'LINK', USER_TYPE_ID: 'crm', SETTINGS: { CONTACT: 'Y' } })
    await update(double, { SETTINGS: { PRECISION: -3 } })
    await update(flag, { SETTINGS: { DISPLAY: 'dropdown', DEFAULT_VALUE: 5 } })
    await update(link, { SETTINGS: { CONTACT: 'N' } })
    expect((await get(double)).SETTINGS).toEqual({ DEFAULT_VALUE: '', PRECISION: 2 })
    expect((await get(flag)).SETTINGS).toEqual({ DEFAULT_VALUE: 1, DISPLAY: 'DROPDOWN' })
    expect((await get(link)).SETTINGS).toEqual({ LEAD: 'Y', CONTACT: 'N', COMPANY: 'N', DEAL: 'N' })
  })

  it('leaves the settings of a date field unchanged (the source has no date case on update)', async () => {
    const id = await add({ FIELD_NAME: 'DAY', USER_TYPE_ID: 'date', SETTINGS: { DEFAULT_VALUE: { TYPE: 'NOW' } } })
    await update(id, { SETTINGS: { DEFAULT_VALUE: { VALUE: '2024-01-01', TYPE: 'FIXED' } } })
    expect((await get(id)).SETTINGS).toEqual({ DEFAULT_VALUE: { VALUE: '', TYPE: 'NOW' } })
  })

  it('changes, deletes and adds enumeration items; an item with ID but no VALUE is deleted (source)', async () => {
    const id = await add({
      FIELD_NAME: 'STAGE',
      USER_TYPE_ID: 'enumeration',
      LIST: [
        { VALUE: 'Keep', SORT: 10 },
        { VALUE: 'Rename', SORT: 20 },
        { VALUE: 'Drop', SORT: 30 },
        { VALUE: 'Blank', SORT: 40 }
      ]
    })
    const before = (await get(id)).LIST as Array<Record<string, string>>
    const [keep, rename, drop, blank] = before
    await update(id, {
      LIST: [
        { ID: rename!.ID, VALUE: 'Renamed', SORT: 5, DEF: 'Y' },
        { ID: drop!.ID, VALUE: 'Drop', DEL: 'Y' },
        { ID: blank!.ID, SORT: 40 },
        { VALUE: 'New', XML_ID: 'new-item' },
        { VALUE: '' }
      ]
    })
    expect((await get(id)).LIST).toEqual([
      {
        ID: rename!.ID,
        SORT: '5',
        VALUE: 'Renamed',
        DEF: 'Y',
        XML_ID: createHash('md5').update('Renamed').digest('hex')
      },
      keep,
      { ID: String(Number(blank!.ID) + 1), SORT: '500', VALUE: 'New', DEF: 'N', XML_ID: 'new-item' }
    ])
  })

  it('keeps the stored SORT and DEF of a changed item when they are not sent', async () => {
    const id = await add({
      FIELD_NAME: 'KEEP',
      USER_TYPE_ID: 'enumeration',
      MULTIPLE: 'Y',
      LIST: [{ VALUE: 'A', SORT: 30, DEF: 'Y' }]
    })
    const [item] = (await get(id)).LIST as Array<Record<string, string>>
    await update(id, { LIST: [{ ID: item!.ID, VALUE: 'B', XML_ID: 'b' }] })
    expect((await get(id)).LIST).toEqual([{ ID: item!.ID, SORT: '30', VALUE: 'B', DEF: 'Y', XML_ID: 'b' }])
  })

  it('salts the XML_ID of new items, so a new item may repeat the VALUE of an item rewritten to md5(VALUE)', async () => {
    const id = await add({ FIELD_NAME: 'SALTED', USER_TYPE_ID: 'enumeration', LIST: [{ VALUE: 'A' }] })
    const [item] = (await get(id)).LIST as Array<Record<string, string>>
    await update(id, { LIST: [{ ID: item!.ID, VALUE: 'A' }] })
    await update(id, { LIST: [{ VALUE: 'A' }] })
    const items = (await get(id)).LIST as Array<Record<string, string>>
    expect(items.map((entry) => entry.VALUE)).toEqual(['A', 'A'])
    expect(items[0]!.XML_ID).toBe(createHash('md5').update('A').digest('hex'))
    expect(items[1]!.XML_ID).toMatch(/^[0-9a-f]{32}$/)
    expect(items[1]!.XML_ID).not.toBe(items[0]!.XML_ID)
  })

  it('makes the first sent DEF=Y the only default among the sent items of a single field', async () => {
    const id = await add({
      FIELD_NAME: 'SINGLE',
      USER_TYPE_ID: 'enumeration',
      LIST: [{ VALUE: 'A', DEF: 'Y' }, { VALUE: 'B' }]
    })
    const [a, b] = (await get(id)).LIST as Array<Record<string, string>>
    await update(id, {
      LIST: [
        { ID: a!.ID, VALUE: 'A' },
        { ID: b!.ID, VALUE: 'B', DEF: 'Y' },
        { VALUE: 'C', DEF: 'Y' }
      ]
    })
    const items = (await get(id)).LIST as Array<Record<string, string>>
    expect(items.map((item) => [item.VALUE, item.DEF])).toEqual([
      ['A', 'N'],
      ['B', 'Y'],
      ['C', 'N']
    ])
  })

  it('fails with ERROR_CORE on a duplicate XML_ID; the other changes are already saved (source)', async () => {
    const id = await add({ FIELD_NAME: 'XML', USER_TYPE_ID: 'enumeration', LIST: [{ VALUE: 'A' }] })
    const [item] = (await get(id)).LIST as Array<Record<string, string>>
    await expectCoreError(
      'crm.lead.userfield.update',
      {
        id,
        fields: {
          SORT: 900,
          LIST: [
            { VALUE: 'B', XML_ID: item!.XML_ID },
            { VALUE: 'C', XML_ID: 'c' },
            { VALUE: 'D', XML_ID: 'c' }
          ]
        }
      },
      `List element with XML_ID=${item!.XML_ID} already exists.<br>List element with XML_ID=c already exists.<br>`
    )
    const field = await get(id)
    expect(field.SORT).toBe('900')
    expect(field.LIST).toEqual([item])
  })

  it('emits ONCRMLEADUSERFIELDUPDATE, plus ONCRMLEADUSERFIELDSETENUMVALUES when LIST was sent', async () => {
    const id = await add({ FIELD_NAME: 'EVENTS', USER_TYPE_ID: 'enumeration' })
    const deliveries = captureEvents('ONCRMLEADUSERFIELDUPDATE', 'ONCRMLEADUSERFIELDSETENUMVALUES')
    await update(id, { SORT: 10 })
    await update(id, { LIST: [{ VALUE: 'A' }] })
    const fields = { ID: id, ENTITY_ID: 'CRM_LEAD', FIELD_NAME: 'UF_CRM_EVENTS' }
    expect(await deliveries()).toEqual([
      { event: 'ONCRMLEADUSERFIELDUPDATE', fields },
      { event: 'ONCRMLEADUSERFIELDUPDATE', fields },
      { event: 'ONCRMLEADUSERFIELDSETENUMVALUES', fields }
    ])
  })

  it('answers true and changes nothing without `fields`', async () => {
    const id = await addString('UNTOUCHED')
    const before = await get(id)
    expect(await result(emulator, 'crm.lead.userfield.update', { id })).toBe(true)
    expect(await get(id)).toEqual(before)
  })

  it('answers `ID is not defined or invalid.` without a valid ID', () =>
    expectCrmError('crm.lead.userfield.update', { id: 'x', fields: {} }, 'ID is not defined or invalid.'))

  it("answers `Parameter 'fields' must be array.` for scalar fields, before checking rights", async () => {
    const id = await addString('SCALAR')
    await expectCrmError('crm.lead.userfield.update', { id, fields: 'SORT=1' }, "Parameter 'fields' must be array.")
    await expectCrmError('crm.lead.userfield.update', { id, fields: 'SORT=1' }, "Parameter 'fields' must be array.", 2)
  })

  it('answers ERROR_NOT_FOUND for an unknown ID', () =>
    expectError(
      'crm.lead.userfield.update',
      { id: 4242, fields: { SORT: 1 } },
      { error: 'ERROR_NOT_FOUND', description: "The entity with ID '4242' is not found." }
    ))

  it.each([2, 3])('denies user %i (no settings rights), even for an unknown ID', async (userId) => {
    const id = await addString('GUARDED')
    await expectCrmError('crm.lead.userfield.update', { id, fields: { SORT: 1 } }, 'Access denied.', userId)
    await expectCrmError('crm.lead.userfield.update', { id: 4242, fields: { SORT: 1 } }, 'Access denied.', userId)
    expect((await get(id)).SORT).toBe('100')
  })
})

describe('crm.lead.userfield.delete', () => {
  it('deletes the field and its values from every lead, and answers true', async () => {
    const id = await addString('GONE')
    await addString('STAYS')
    const lead = {
      id: emulator.portal.nextId('lead'),
      values: {},
      uf: { UF_CRM_GONE: 'v', UF_CRM_STAYS: 'w' },
      multi: []
    }
    emulator.portal.leads.insert(lead)
    expect(await result(emulator, 'crm.lead.userfield.delete', { id })).toBe(true)
    expect(lead.uf).toEqual({ UF_CRM_STAYS: 'w' })
    expect((await list()).map((field) => field.FIELD_NAME)).toEqual(['UF_CRM_STAYS'])
    await expectError(
      'crm.lead.userfield.get',
      { id },
      { error: 'ERROR_NOT_FOUND', description: `The entity with ID '${id}' is not found.` }
    )
  })

  it('emits ONCRMLEADUSERFIELDDELETE', async () => {
    const id = await addString('DELETED')
    const deliveries = captureEvents('ONCRMLEADUSERFIELDDELETE')
    await result(emulator, 'crm.lead.userfield.delete', { id })
    expect(await deliveries()).toEqual([
      { event: 'ONCRMLEADUSERFIELDDELETE', fields: { ID: id, ENTITY_ID: 'CRM_LEAD', FIELD_NAME: 'UF_CRM_DELETED' } }
    ])
  })

  it('answers `ID is not defined or invalid.` without a valid ID', () =>
    expectCrmError('crm.lead.userfield.delete', {}, 'ID is not defined or invalid.'))

  it('answers ERROR_NOT_FOUND for an unknown ID', () =>
    expectError(
      'crm.lead.userfield.delete',
      { id: 77 },
      { error: 'ERROR_NOT_FOUND', description: "The entity with ID '77' is not found." }
    ))

  it.each([2, 3])('denies user %i (no settings rights)', async (userId) => {
    const id = await addString('KEPT')
    await expectCrmError('crm.lead.userfield.delete', { id }, 'Access denied.', userId)
    expect(await list()).toHaveLength(1)
  })
})
