import { describe, expect, it } from 'vitest'
import type { LeadSchema, UserFieldDefinition } from '../../../../electron/core/domain/field-shapes'
import { checkServerLead, serverLeadId } from '../../../../electron/core/domain/server-lead-check'

const uf = (FIELD_NAME: string, USER_TYPE_ID: string, MULTIPLE = 'N'): UserFieldDefinition => ({
  FIELD_NAME,
  USER_TYPE_ID,
  MULTIPLE
})

const schema: LeadSchema = {
  userFields: [
    uf('UF_CRM_TEXT', 'string'),
    uf('UF_CRM_TEXTS', 'string', 'Y'),
    uf('UF_CRM_INT', 'integer'),
    uf('UF_CRM_FLAG', 'boolean'),
    uf('UF_CRM_ENUMS', 'enumeration', 'Y'),
    uf('UF_CRM_DAY', 'date'),
    uf('UF_CRM_MONEY', 'money'),
    uf('UF_CRM_FILE', 'file'),
    uf('UF_CRM_FILES', 'file', 'Y'),
    uf('UF_CRM_APP', 'my_app_type')
  ]
}

const phone = { ID: '11', VALUE_TYPE: 'WORK', VALUE: '+15550100', TYPE_ID: 'PHONE' }

/** The stored lead and its problems (field names only) for one row. */
function check(row: Record<string, unknown>) {
  const checked = checkServerLead({ ID: '7', ...row }, schema)
  if (!checked.ok) throw new Error(`refused: ${checked.reason}`)
  return { lead: checked.lead, fields: checked.problems.map((problem) => problem.field) }
}

type Kept = [description: string, field: string, value: unknown]

/** Values as a portal prints them: stored exactly as they came, no problem reported. */
const kept: Kept[] = [
  ['text', 'TITLE', 'Lead #7'],
  ['empty text', 'TITLE', ''],
  ['null text', 'COMMENTS', null],
  ['a number where text belongs (ORIGIN_ID)', 'ORIGIN_ID', 42],
  ['stage code', 'STATUS_ID', 'NEW'],
  ['amount with decimals', 'OPPORTUNITY', '15000.00'],
  ['amount as a number', 'OPPORTUNITY', 15000],
  ['empty amount', 'OPPORTUNITY', ''],
  ['user id', 'ASSIGNED_BY_ID', '1'],
  ['no company', 'COMPANY_ID', '0'],
  ['user id as a number', 'CREATED_BY_ID', 3],
  ['null reference', 'CONTACT_ID', null],
  ['flag Y', 'OPENED', 'Y'],
  ['flag N', 'HAS_PHONE', 'N'],
  ['datetime with offset', 'DATE_CREATE', '2024-05-23T18:18:25+02:00'],
  ['empty datetime', 'DATE_CLOSED', ''],
  ['date printed as a datetime', 'BIRTHDATE', '1989-07-14T03:00:00+03:00'],
  ['phone list', 'PHONE', [phone]],
  ['phone with a numeric value', 'PHONE', [{ ...phone, VALUE: 5550100 }]],
  ['item without an ID (a new item)', 'EMAIL', [{ VALUE: 'a@example.com', VALUE_TYPE: 'WORK' }]],
  ['contact ids', 'CONTACT_IDS', ['4', 5]],
  ['smart-process parent', 'PARENT_ID_1032', '12'],
  ['UF text', 'UF_CRM_TEXT', 'x'],
  ['UF texts', 'UF_CRM_TEXTS', ['a', 'b']],
  ['UF multiple printed as false when empty', 'UF_CRM_TEXTS', false],
  ['UF integer', 'UF_CRM_INT', '12'],
  ['UF boolean as JSON true', 'UF_CRM_FLAG', true],
  ['UF boolean as 0', 'UF_CRM_FLAG', '0'],
  ['UF enumeration items', 'UF_CRM_ENUMS', ['44', '45']],
  ['UF date', 'UF_CRM_DAY', '2024-05-23T00:00:00+03:00'],
  ['UF money', 'UF_CRM_MONEY', '300|RUB'],
  ['UF file', 'UF_CRM_FILE', { id: 3, showUrl: '/show', downloadUrl: '/get' }],
  ['UF files', 'UF_CRM_FILES', [{ id: 3, showUrl: '/show' }]],
  ['UF of an application type: not judged', 'UF_CRM_APP', { anything: ['goes'] }],
  ['UF the metadata does not know: not judged', 'UF_CRM_UNKNOWN', { x: 1 }],
  ['a field this app does not know: not judged', 'SOME_NEW_FIELD', { x: 1 }]
]

type Emptied = [description: string, field: string, value: unknown, stored: unknown]

/** Values of the wrong type: stored as the field's empty value, each with a reason. */
const emptied: Emptied[] = [
  ['title as an object', 'TITLE', { text: 'Lead #7' }, null],
  ['title as a list', 'TITLE', ['Lead'], null],
  ['title as a boolean', 'NAME', true, null],
  ['stage as an object', 'STATUS_ID', { id: 'NEW' }, null],
  ['amount as words', 'OPPORTUNITY', 'a lot', null],
  ['user id as letters', 'ASSIGNED_BY_ID', 'abc', null],
  ['user id as a fraction', 'MODIFY_BY_ID', '1.5', null],
  ['negative company id', 'COMPANY_ID', '-3', null],
  ['reference as an object', 'CONTACT_ID', { id: 1 }, null],
  ['flag as a word', 'OPENED', 'maybe', null],
  ['creation date nobody can read', 'DATE_CREATE', 'not a date', null],
  ['change date 31 February', 'DATE_MODIFY', '2024-02-31T10:00:00+03:00', null],
  ['date as a number', 'MOVED_TIME', 1716480000, null],
  ['birth date as an object', 'BIRTHDATE', { date: '1989-07-14' }, null],
  ['phone list as a text', 'PHONE', '+1 555 0100', []],
  ['e-mail list as an object', 'EMAIL', { VALUE: 'a@example.com' }, []],
  ['contact ids as an object', 'CONTACT_IDS', { a: 1 }, []],
  ['UF text as an object', 'UF_CRM_TEXT', { v: 'x' }, null],
  ['UF integer as words', 'UF_CRM_INT', 'twelve', null],
  ['UF boolean as a word', 'UF_CRM_FLAG', 'perhaps', null],
  ['UF date nobody can read', 'UF_CRM_DAY', 'soon', null],
  ['UF money with a bad currency', 'UF_CRM_MONEY', '300|RUBLES', null],
  ['UF multiple as an object', 'UF_CRM_ENUMS', { id: '44' }, []]
]

describe('checkServerLead', () => {
  it.each(kept)('keeps %s', (_description, field, value) => {
    const { lead, fields } = check({ [field]: value })
    expect(lead[field]).toEqual(value)
    expect(fields).toEqual([])
  })

  it.each(emptied)('empties %s', (_description, field, value, stored) => {
    const checked = checkServerLead({ ID: '7', [field]: value, TITLE_KEPT: 'x' }, schema)
    expect(checked).toMatchObject({ ok: true, lead: { ID: '7', [field]: stored, TITLE_KEPT: 'x' } })
    const problems = checked.ok ? checked.problems : []
    expect(problems).toHaveLength(1)
    expect(problems[0]!.field).toBe(field)
    expect(problems[0]!.reason.length).toBeGreaterThan(10)
  })

  it('wraps a single value where a list belongs, when it fits the list', () => {
    expect(check({ UF_CRM_TEXTS: 'one' })).toEqual({ lead: { ID: '7', UF_CRM_TEXTS: ['one'] }, fields: [] })
  })

  it('drops only the bad items of a list, each with its own reason', () => {
    const good = { ID: '12', VALUE_TYPE: 'HOME', VALUE: 'b@example.com' }
    const checked = checkServerLead(
      {
        ID: '7',
        EMAIL: [
          good,
          'c@example.com',
          { ID: 'x', VALUE: 'd@example.com' },
          { VALUE: null },
          { VALUE: 'e', VALUE_TYPE: 3 }
        ],
        UF_CRM_ENUMS: ['44', { id: 45 }, '46'],
        CONTACT_IDS: ['4', 'five']
      },
      schema
    )
    expect(checked).toMatchObject({ ok: true, lead: { EMAIL: [good], UF_CRM_ENUMS: ['44', '46'], CONTACT_IDS: ['4'] } })
    expect(checked.ok && checked.problems.map((problem) => problem.field)).toEqual([
      'EMAIL',
      'EMAIL',
      'EMAIL',
      'EMAIL',
      'UF_CRM_ENUMS',
      'CONTACT_IDS'
    ])
    expect(checked.ok && checked.problems[0]!.reason).toContain('item 2')
  })

  it('reports every bad field of a row and keeps the good ones untouched', () => {
    const row = {
      ID: 9,
      TITLE: { text: 'x' },
      NAME: 'Ann',
      PHONE: '+1 555',
      ASSIGNED_BY_ID: 'abc',
      DATE_CREATE: 'not a date',
      DATE_MODIFY: '2024-05-23T18:18:25+02:00'
    }
    const checked = checkServerLead(row, schema)
    expect(checked).toEqual({
      ok: true,
      lead: {
        ID: '9',
        TITLE: null,
        NAME: 'Ann',
        PHONE: [],
        ASSIGNED_BY_ID: null,
        DATE_CREATE: null,
        DATE_MODIFY: '2024-05-23T18:18:25+02:00'
      },
      problems: [
        { field: 'TITLE', reason: expect.stringContaining('is not text') },
        { field: 'PHONE', reason: expect.stringContaining('not a list') },
        { field: 'ASSIGNED_BY_ID', reason: expect.stringContaining('"abc"') },
        { field: 'DATE_CREATE', reason: expect.stringContaining('"not a date"') }
      ]
    })
    // The row the portal printed is not changed.
    expect(row.TITLE).toEqual({ text: 'x' })
  })

  it('without metadata judges the standard fields and leaves every user field alone', () => {
    const checked = checkServerLead({ ID: '7', TITLE: { a: 1 }, UF_CRM_INT: 'twelve' })
    expect(checked).toMatchObject({ ok: true, lead: { TITLE: null, UF_CRM_INT: 'twelve' } })
  })

  it.each([
    ['letters', 'abc'],
    ['zero', '0'],
    ['negative', -4],
    ['fraction', '1.5'],
    ['missing', undefined],
    ['an object', { id: 1 }],
    ['empty', '']
  ])('refuses a row whose ID is %s', (_description, id) => {
    const checked = checkServerLead({ ID: id, TITLE: 'x' })
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.reason).toContain('not a positive whole number')
    expect(serverLeadId({ ID: id })).toBeUndefined()
  })

  it.each([null, 'text', 7, [{ ID: '1' }]])('refuses a row that is not a lead: %j', (row) => {
    expect(checkServerLead(row)).toMatchObject({ ok: false, reason: expect.stringContaining('not a lead') })
  })

  it('reads the ID as the portal prints it, a text, whether it came as text or number', () => {
    expect(checkServerLead({ ID: 42 })).toEqual({ ok: true, lead: { ID: '42' }, problems: [] })
    expect(serverLeadId({ ID: ' 42 ' })).toBe(42)
  })
})
