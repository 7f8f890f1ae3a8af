import { describe, expect, it } from 'vitest'
import type { LeadUserFieldSummary } from '../../../../electron/core/portal/methods/lead-userfield-types'
import { isEmptyValue, sameFieldValue, sameValue } from '../../../../electron/core/domain/field-equality'
import { fieldShape, type LeadSchema, type UserFieldDefinition } from '../../../../electron/core/domain/field-shapes'

const uf = (FIELD_NAME: string, USER_TYPE_ID: string, MULTIPLE = 'N'): UserFieldDefinition => ({
  FIELD_NAME,
  USER_TYPE_ID,
  MULTIPLE
})

const schema: LeadSchema = {
  userFields: [
    uf('UF_CRM_INT', 'integer'),
    uf('UF_CRM_DOUBLE', 'double'),
    uf('UF_CRM_TEXT', 'string'),
    uf('UF_CRM_TEXTS', 'string', 'Y'),
    uf('UF_CRM_FLAG', 'boolean'),
    uf('UF_CRM_ENUM', 'enumeration'),
    uf('UF_CRM_ENUMS', 'enumeration', 'Y'),
    uf('UF_CRM_DAY', 'date'),
    uf('UF_CRM_MOMENT', 'datetime'),
    uf('UF_CRM_MONEY', 'money'),
    uf('UF_CRM_USER', 'employee'),
    uf('UF_CRM_FILE', 'file'),
    uf('UF_CRM_LINKS', 'crm', 'Y'),
    uf('UF_CRM_APP', 'my_app_type')
  ]
}

const phone = (ID: string, VALUE: string, VALUE_TYPE = 'WORK') => ({ ID, VALUE_TYPE, VALUE, TYPE_ID: 'PHONE' })

type Row = [description: string, field: string, a: unknown, b: unknown, same: boolean]

const rows: Row[] = [
  // Numbers as strings
  ['amount printed with decimals = number', 'OPPORTUNITY', '15000.00', 15000, true],
  ['amount printed = plain string', 'OPPORTUNITY', '15000.00', '15000', true],
  ['amount: different numbers', 'OPPORTUNITY', '15000.00', '15000.01', false],
  ['amount: empty means 0', 'OPPORTUNITY', '0.00', '', true],
  ['amount: null means 0', 'OPPORTUNITY', null, 0, true],
  ['amount: 0 is not 1', 'OPPORTUNITY', '', '1', false],
  ['UF double: "2.50" = 2.5', 'UF_CRM_DOUBLE', '2.50', 2.5, true],
  ['UF double: empty is not 0', 'UF_CRM_DOUBLE', '', '0', false],
  ['UF double: null = ""', 'UF_CRM_DOUBLE', null, '', true],
  ['UF integer: "007" = 7', 'UF_CRM_INT', '007', 7, true],
  ['UF integer: text compared as text', 'UF_CRM_INT', 'abc', 'abc', true],
  ['UF integer: text differs from number', 'UF_CRM_INT', 'abc', '0', false],
  ['not a plain number ("1e3") stays text', 'UF_CRM_INT', '1e3', 1000, false],
  // Empty scalars
  ['text: null = ""', 'COMMENTS', null, '', true],
  ['text: undefined = null', 'NAME', undefined, null, true],
  ['text: empty is not a space', 'NAME', '', ' ', false],
  ['text: case matters', 'NAME', 'Anna', 'anna', false],
  ['text: trailing space matters', 'TITLE', 'Deal', 'Deal ', false],
  ['text: CRLF = LF', 'COMMENTS', 'a\r\nb', 'a\nb', true],
  ['text: number = its string', 'UTM_TERM', 42, '42', true],
  ['text: "42.0" is not "42"', 'UTM_TERM', '42.0', '42', false],
  ['stage codes compare as text', 'STATUS_ID', 'NEW', 'NEW', true],
  ['stage codes differ', 'STATUS_ID', 'NEW', 'IN_PROCESS', false],
  ['stage: null = ""', 'SOURCE_ID', null, '', true],
  // References: 0 means none
  ['responsible "1" = 1', 'ASSIGNED_BY_ID', '1', 1, true],
  ['company "0" = null', 'COMPANY_ID', '0', null, true],
  ['company 0 = ""', 'COMPANY_ID', 0, '', true],
  ['company 5 is not 0', 'COMPANY_ID', '5', '0', false],
  ['enumeration ID "79" = 79', 'UF_CRM_ENUM', '79', 79, true],
  ['enumeration IDs differ', 'UF_CRM_ENUM', '79', '80', false],
  ['employee ID string = number', 'UF_CRM_USER', '12', 12, true],
  ['PARENT_ID_n is a reference', 'PARENT_ID_1040', '0', null, true],
  // Flags
  ['flag Y = true', 'OPENED', 'Y', true, true],
  ['flag N = false', 'OPENED', 'N', false, true],
  ['flag "1" = "Y"', 'IS_MANUAL_OPPORTUNITY', '1', 'Y', true],
  ['flag 0 = "N"', 'IS_MANUAL_OPPORTUNITY', 0, 'N', true],
  ['flag empty = N', 'OPENED', '', 'N', true],
  ['flag Y is not N', 'OPENED', 'Y', 'N', false],
  ['UF boolean true = 1', 'UF_CRM_FLAG', true, 1, true],
  ['UF boolean false = "0"', 'UF_CRM_FLAG', false, '0', true],
  ['UF boolean null = false', 'UF_CRM_FLAG', null, false, true],
  ['UF boolean "true" = "Y"', 'UF_CRM_FLAG', 'true', 'Y', true],
  ['UF boolean true is not false', 'UF_CRM_FLAG', true, false, false],
  // Dates: the calendar date as written
  ['birthdate printed at midnight + offset = plain date', 'BIRTHDATE', '1989-07-14T03:00:00+03:00', '1989-07-14', true],
  ['birthdate in Russian format', 'BIRTHDATE', '14.07.1989', '1989-07-14T00:00:00+03:00', true],
  ['birthdate: different day', 'BIRTHDATE', '1989-07-14', '1989-07-15', false],
  ['birthdate: midnight at +03:00 is still the 14th', 'BIRTHDATE', '1989-07-14T00:00:00+03:00', '1989-07-14', true],
  ['birthdate: empty = null', 'BIRTHDATE', '', null, true],
  ['birthdate: empty is not a date', 'BIRTHDATE', '', '1989-07-14', false],
  ['UF date: same date', 'UF_CRM_DAY', '2024-02-29', '29.02.2024', true],
  ['unreadable dates compare as text', 'UF_CRM_DAY', 'soon', 'soon', true],
  // Date-times: the same instant
  ['same instant in two offsets', 'UF_CRM_MOMENT', '2024-05-23T18:18:25+02:00', '2024-05-23T19:18:25+03:00', true],
  ['same instant: Z and offset', 'UF_CRM_MOMENT', '2024-05-23T16:18:25Z', '2024-05-23T18:18:25+02:00', true],
  ['one hour apart', 'UF_CRM_MOMENT', '2024-05-23T18:18:25+02:00', '2024-05-23T18:18:25+03:00', false],
  [
    'no offset: read at the other value offset',
    'UF_CRM_MOMENT',
    '2024-05-23 18:18:25',
    '2024-05-23T18:18:25+02:00',
    true
  ],
  [
    'milliseconds ignored (one-second granularity)',
    'UF_CRM_MOMENT',
    '2024-05-23T18:18:25.900Z',
    '2024-05-23T18:18:25Z',
    true
  ],
  ['offset without colon', 'DATE_MODIFY', '2024-05-23T18:18:25+0200', '2024-05-23T16:18:25Z', true],
  ['date-time empty = null', 'DATE_CLOSED', '', null, true],
  // Money
  ['money: decimals printed', 'UF_CRM_MONEY', '300|RUB', '300.00|RUB', true],
  ['money: currency case', 'UF_CRM_MONEY', '300|rub', '300|RUB', true],
  ['money: other currency', 'UF_CRM_MONEY', '300|RUB', '300|EUR', false],
  ['money: other amount', 'UF_CRM_MONEY', '300|RUB', '301|RUB', false],
  ['money: no currency vs currency (base currency unknown)', 'UF_CRM_MONEY', '300', '300|RUB', false],
  ['money: empty amount = empty', 'UF_CRM_MONEY', '|RUB', '', true],
  ['money: empty = null', 'UF_CRM_MONEY', null, '', true],
  // Multifields: (VALUE_TYPE, VALUE), IDs and order ignored
  [
    'phones: same items, other IDs and order',
    'PHONE',
    [phone('1', '+1'), phone('2', '+2', 'MOBILE')],
    [phone('9', '+2', 'MOBILE'), phone('8', '+1')],
    true
  ],
  ['phones: missing VALUE_TYPE means WORK', 'PHONE', [{ VALUE: '+1' }], [phone('1', '+1')], true],
  ['IM: missing VALUE_TYPE means OTHER', 'IM', [{ VALUE: 'x' }], [{ ID: '3', VALUE_TYPE: 'OTHER', VALUE: 'x' }], true],
  ['phones: value type matters', 'PHONE', [phone('1', '+1', 'HOME')], [phone('1', '+1')], false],
  ['phones: value matters', 'PHONE', [phone('1', '+1')], [phone('1', '+2')], false],
  ['phones: count matters', 'PHONE', [phone('1', '+1'), phone('2', '+1')], [phone('1', '+1')], false],
  ['phones: surrounding spaces ignored (the portal trims)', 'PHONE', [phone('1', ' +1 ')], [phone('1', '+1')], true],
  ['phones: absent key = []', 'PHONE', undefined, [], true],
  ['phones: null = [] = items with empty values', 'PHONE', null, [{ VALUE: '' }], true],
  ['phones: PHP map = list', 'PHONE', { 0: phone('1', '+1') }, [phone('4', '+1')], true],
  [
    'phones: value type case',
    'EMAIL',
    [{ VALUE: 'a@b.c', VALUE_TYPE: 'home' }],
    [{ VALUE: 'a@b.c', VALUE_TYPE: 'HOME' }],
    true
  ],
  // Multiple values: a set
  ['UF multiple: order ignored', 'UF_CRM_ENUMS', ['1', '2'], [2, 1], true],
  ['UF multiple: blanks ignored', 'UF_CRM_ENUMS', ['1', ''], ['1'], true],
  ['UF multiple: one value = list of one', 'UF_CRM_TEXTS', 'a', ['a'], true],
  ['UF multiple: different members', 'UF_CRM_TEXTS', ['a', 'b'], ['a', 'c'], false],
  ['UF multiple: duplicates count', 'UF_CRM_TEXTS', ['a', 'a'], ['a'], false],
  ['UF multiple: empty list = null', 'UF_CRM_ENUMS', [], null, true],
  ['crm bindings as a set', 'UF_CRM_LINKS', ['C_2', 'CO_3'], ['CO_3', 'C_2'], true],
  ['CONTACT_IDS as a set of IDs', 'CONTACT_IDS', ['5', 6], [6, 5], true],
  // Structured and unknown
  ['file: same object, keys in another order', 'UF_CRM_FILE', { id: 1, showUrl: '/a' }, { showUrl: '/a', id: 1 }, true],
  ['file: other file', 'UF_CRM_FILE', { id: 1 }, { id: 2 }, false],
  ['file: upload is not the stored file', 'UF_CRM_FILE', { fileData: ['a.txt', 'eA=='] }, { id: 1 }, false],
  ['file: [] (PHP empty) = null', 'UF_CRM_FILE', [], null, true],
  ['app type: compared structurally', 'UF_CRM_APP', '5', 5, false],
  ['UF without a definition: compared structurally', 'UF_CRM_UNKNOWN', 'x', 'x', true],
  ['UF without a definition: "1" is not 1', 'UF_CRM_UNKNOWN', '1', 1, false],
  ['unknown standard name: compared as text', 'SOMETHING_NEW', 'x', 'x', true]
]

describe('sameFieldValue', () => {
  it.each(rows)('%s', (_description, field, a, b, same) => {
    expect(sameFieldValue(field, a, b, schema)).toBe(same)
    // Equality is symmetric.
    expect(sameFieldValue(field, b, a, schema)).toBe(same)
  })

  it('is reflexive for every row value', () => {
    for (const [, field, a, b] of rows) {
      expect(sameFieldValue(field, a, a, schema)).toBe(true)
      expect(sameFieldValue(field, b, b, schema)).toBe(true)
    }
  })

  it('reads a date-time without offset at the portal offset when it is known', () => {
    const atPlusThree: LeadSchema = { ...schema, utcOffsetMinutes: 180 }
    expect(sameFieldValue('UF_CRM_MOMENT', '2024-05-23 18:00', '2024-05-23T15:00:00Z', atPlusThree)).toBe(true)
    expect(sameFieldValue('UF_CRM_MOMENT', '2024-05-23 18:00', '2024-05-23T18:00:00Z', atPlusThree)).toBe(false)
    expect(sameFieldValue('UF_CRM_MOMENT', '2024-05-23 18:00', '2024-05-23T18:00:00', atPlusThree)).toBe(true)
  })

  it('gives a money value without currency the base currency when it is known', () => {
    const withBase: LeadSchema = { ...schema, baseCurrency: 'RUB' }
    expect(sameFieldValue('UF_CRM_MONEY', '300', '300|RUB', withBase)).toBe(true)
    expect(sameFieldValue('UF_CRM_MONEY', '300', '300|EUR', withBase)).toBe(false)
  })

  it('reads field names of user fields in any case', () => {
    expect(sameFieldValue('uf_crm_int', '7', 7, schema)).toBe(true)
  })
})

describe('fieldShape', () => {
  it.each([
    ['OPPORTUNITY', 'amount', false],
    ['BIRTHDATE', 'date', false],
    ['DATE_MODIFY', 'datetime', false],
    ['OPENED', 'flag', false],
    ['COMPANY_ID', 'reference', false],
    ['CONTACT_IDS', 'reference', true],
    ['TITLE', 'text', false],
    ['EMAIL', 'multifield', true],
    ['UF_CRM_ENUMS', 'reference', true],
    ['UF_CRM_MONEY', 'money', false],
    ['UF_CRM_APP', 'structured', false],
    ['UF_CRM_UNKNOWN', 'structured', false]
  ])('%s is %s (multiple: %s)', (field, kind, multiple) => {
    expect(fieldShape(field, schema)).toMatchObject({ kind, multiple })
  })

  it('accepts the typed userfield list items of the portal client', () => {
    const listed: LeadUserFieldSummary = {
      ID: '1',
      ENTITY_ID: 'CRM_LEAD',
      FIELD_NAME: 'UF_CRM_TYPED',
      USER_TYPE_ID: 'double',
      XML_ID: null,
      SORT: '100',
      MULTIPLE: 'N',
      MANDATORY: 'N',
      SHOW_FILTER: 'N',
      SHOW_IN_LIST: 'Y',
      EDIT_IN_LIST: 'Y',
      IS_SEARCHABLE: 'N',
      SETTINGS: { DEFAULT_VALUE: '', PRECISION: 2 }
    }
    expect(fieldShape('UF_CRM_TYPED', { userFields: [listed] })).toEqual({ kind: 'number', multiple: false })
  })
})

describe('isEmptyValue', () => {
  it.each([
    ['OPPORTUNITY', '0.00', true],
    ['OPPORTUNITY', '1', false],
    ['COMPANY_ID', '0', true],
    ['UF_CRM_INT', '0', false],
    ['OPENED', 'N', true],
    ['OPENED', 'Y', false],
    ['PHONE', [{ ID: '1', VALUE: '' }], true],
    ['PHONE', [phone('1', '+1')], false],
    ['UF_CRM_ENUMS', ['', null], true],
    ['UF_CRM_MONEY', '|EUR', true],
    ['UF_CRM_FILE', {}, true],
    ['TITLE', ' ', false]
  ])('%s %j → %s', (field, value, empty) => {
    expect(isEmptyValue(fieldShape(field, schema), value)).toBe(empty)
  })
})

describe('sameValue without a schema', () => {
  it('compares a multifield shape without a named type with WORK as the default type', () => {
    expect(sameValue({ kind: 'multifield', multiple: true }, [{ VALUE: '1' }], [phone('3', '1')])).toBe(true)
  })
})
