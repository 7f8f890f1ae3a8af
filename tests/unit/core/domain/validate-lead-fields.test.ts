import { describe, expect, it } from 'vitest'
import type { FieldPatch } from '../../../../electron/core/domain/lead-types'
import type { UserFieldDefinition } from '../../../../electron/core/domain/field-shapes'
import {
  validateLeadFields,
  validateRelationItems,
  type ValidationContext
} from '../../../../electron/core/domain/validate-lead-fields'

const statuses = [
  ...['NEW', 'IN_PROCESS', 'CONVERTED', 'JUNK'].map((STATUS_ID) => ({ ENTITY_ID: 'STATUS', STATUS_ID })),
  ...['CALL', 'WEB'].map((STATUS_ID) => ({ ENTITY_ID: 'SOURCE', STATUS_ID })),
  { ENTITY_ID: 'HONORIFIC', STATUS_ID: 'HNR_EN_1' },
  { ENTITY_ID: 'INDUSTRY', STATUS_ID: 'IT' }
]

const definition = (
  FIELD_NAME: string,
  USER_TYPE_ID: string,
  extra: Partial<UserFieldDefinition> = {}
): UserFieldDefinition => ({ FIELD_NAME, USER_TYPE_ID, MULTIPLE: 'N', MANDATORY: 'N', ...extra })

const userFields: UserFieldDefinition[] = [
  definition('UF_CRM_TEXT', 'string', { SETTINGS: { MAX_LENGTH: 5, MIN_LENGTH: 2 } }),
  definition('UF_CRM_FREE', 'string', { SETTINGS: { MAX_LENGTH: 0, MIN_LENGTH: 0 } }),
  definition('UF_CRM_INT', 'integer', { SETTINGS: { MIN_VALUE: 0, MAX_VALUE: 0 } }),
  definition('UF_CRM_SMALL', 'integer', { SETTINGS: { MIN_VALUE: 1, MAX_VALUE: 10 } }),
  definition('UF_CRM_DOUBLE', 'double', { SETTINGS: { PRECISION: 2 } }),
  definition('UF_CRM_FLAG', 'boolean'),
  definition('UF_CRM_ENUM', 'enumeration', {
    LIST: [
      { ID: '79', VALUE: 'One' },
      { ID: '80', VALUE: 'Two' }
    ]
  }),
  definition('UF_CRM_ENUMS', 'enumeration', { MULTIPLE: 'Y', LIST: [{ ID: '79' }, { ID: '80' }] }),
  definition('UF_CRM_DAY', 'date'),
  definition('UF_CRM_MOMENT', 'datetime'),
  definition('UF_CRM_MONEY', 'money'),
  definition('UF_CRM_SITE', 'url'),
  definition('UF_CRM_USER', 'employee'),
  definition('UF_CRM_INDUSTRY', 'crm_status', { SETTINGS: { ENTITY_TYPE: 'INDUSTRY' } }),
  definition('UF_CRM_LINK', 'crm', { MULTIPLE: 'Y' }),
  definition('UF_CRM_FILE', 'file'),
  definition('UF_CRM_APP', 'rest_app_type'),
  definition('UF_CRM_TEXTS', 'string', { MULTIPLE: 'Y', SETTINGS: { MAX_LENGTH: 3 } })
]

const update: ValidationContext = { mode: 'update', statuses, userFields }
const create: ValidationContext = { mode: 'create', statuses, userFields }

function normalised(fields: FieldPatch, context = update): FieldPatch {
  const result = validateLeadFields(fields, context)
  if (!result.ok) throw new Error(`expected valid, got ${JSON.stringify(result.errors)}`)
  return result.normalised
}

function errorsOf(fields: FieldPatch, context = update) {
  const result = validateLeadFields(fields, context)
  if (result.ok) throw new Error(`expected errors for ${JSON.stringify(fields)}`)
  return result.errors
}

describe('validateLeadFields: accepted values and their normalised form', () => {
  it.each<[string, FieldPatch, FieldPatch]>([
    ['text kept as typed', { TITLE: '  Big deal ', NAME: 'Anna' }, { TITLE: '  Big deal ', NAME: 'Anna' }],
    ['a number in a text field becomes text', { UTM_TERM: 42 }, { UTM_TERM: '42' }],
    ['null text clears', { COMMENTS: null }, { COMMENTS: '' }],
    ['255 characters of title', { TITLE: 'x'.repeat(255) }, { TITLE: 'x'.repeat(255) }],
    [
      '50 characters of name, counted as characters not UTF-16 units',
      { NAME: '😀'.repeat(50) },
      { NAME: '😀'.repeat(50) }
    ],
    ['amount with spaces and a comma', { OPPORTUNITY: '15 000,50' }, { OPPORTUNITY: '15000.50' }],
    ['amount as a number', { OPPORTUNITY: 15000 }, { OPPORTUNITY: '15000' }],
    ['empty amount', { OPPORTUNITY: '' }, { OPPORTUNITY: '' }],
    [
      'known stage, source, salutation',
      { STATUS_ID: 'IN_PROCESS', SOURCE_ID: 'WEB', HONORIFIC: 'HNR_EN_1' },
      { STATUS_ID: 'IN_PROCESS', SOURCE_ID: 'WEB', HONORIFIC: 'HNR_EN_1' }
    ],
    ['empty source', { SOURCE_ID: '' }, { SOURCE_ID: '' }],
    [
      'flags in any spelling',
      { OPENED: true, IS_MANUAL_OPPORTUNITY: '0' },
      { OPENED: 'Y', IS_MANUAL_OPPORTUNITY: 'N' }
    ],
    ['birthdate in Russian format', { BIRTHDATE: '14.07.1989' }, { BIRTHDATE: '1989-07-14' }],
    ['birthdate as the portal prints it', { BIRTHDATE: '1989-07-14T03:00:00+03:00' }, { BIRTHDATE: '1989-07-14' }],
    ['empty birthdate clears', { BIRTHDATE: '' }, { BIRTHDATE: '' }],
    ['responsible as a number', { ASSIGNED_BY_ID: 5 }, { ASSIGNED_BY_ID: '5' }],
    ['company cleared with 0 or ""', { COMPANY_ID: 0, CONTACT_ID: '' }, { COMPANY_ID: '0', CONTACT_ID: '' }],
    ['contact IDs', { CONTACT_IDS: [3, '4'] }, { CONTACT_IDS: ['3', '4'] }],
    ['SPA parent binding', { PARENT_ID_1040: '12' }, { PARENT_ID_1040: '12' }],
    ['field names in lower case are read as the portal reads them', { title: 'x' }, { TITLE: 'x' }],
    [
      'phone items trimmed, value types upper-cased, other keys kept',
      {
        PHONE: [
          { VALUE: ' +7 999 ', VALUE_TYPE: 'mobile' },
          { ID: '5', DELETE: 'Y' }
        ]
      },
      {
        PHONE: [
          { VALUE: '+7 999', VALUE_TYPE: 'MOBILE' },
          { ID: '5', DELETE: 'Y' }
        ]
      }
    ],
    [
      'valid e-mails',
      { EMAIL: [{ VALUE: 'anna@example.com' }, { ID: 3, VALUE: '' }] },
      { EMAIL: [{ VALUE: 'anna@example.com' }, { ID: 3, VALUE: '' }] }
    ],
    ['a 250-character website', { WEB: [{ VALUE: 'w'.repeat(250) }] }, { WEB: [{ VALUE: 'w'.repeat(250) }] }],
    [
      'a PHP map of items becomes a list',
      { IM: { 0: { VALUE: 'tg', VALUE_TYPE: 'TELEGRAM' } } },
      { IM: [{ VALUE: 'tg', VALUE_TYPE: 'TELEGRAM' }] }
    ],
    ['UF string within its limits', { UF_CRM_TEXT: 'abc' }, { UF_CRM_TEXT: 'abc' }],
    ['UF string with 0 limits is free', { UF_CRM_FREE: 'x'.repeat(1000) }, { UF_CRM_FREE: 'x'.repeat(1000) }],
    ['UF integer', { UF_CRM_INT: ' 42 ', UF_CRM_SMALL: 10 }, { UF_CRM_INT: '42', UF_CRM_SMALL: '10' }],
    ['UF integer may be negative when there is no minimum', { UF_CRM_INT: '-3' }, { UF_CRM_INT: '-3' }],
    ['UF double with a comma', { UF_CRM_DOUBLE: '2,5' }, { UF_CRM_DOUBLE: '2.5' }],
    ['UF double negative', { UF_CRM_DOUBLE: -1.25 }, { UF_CRM_DOUBLE: '-1.25' }],
    ['UF boolean', { UF_CRM_FLAG: 'Y' }, { UF_CRM_FLAG: 1 }],
    ['UF boolean false', { UF_CRM_FLAG: false }, { UF_CRM_FLAG: 0 }],
    ['UF enumeration by numeric ID', { UF_CRM_ENUM: 79 }, { UF_CRM_ENUM: '79' }],
    ['UF multiple enumeration', { UF_CRM_ENUMS: ['79', 80] }, { UF_CRM_ENUMS: ['79', '80'] }],
    ['UF multiple given one value', { UF_CRM_ENUMS: '80' }, { UF_CRM_ENUMS: '80' }],
    ['UF single given a list of one', { UF_CRM_ENUM: ['80'] }, { UF_CRM_ENUM: '80' }],
    ['UF single given an empty list clears', { UF_CRM_ENUM: [] }, { UF_CRM_ENUM: '' }],
    ['UF date', { UF_CRM_DAY: '29.02.2024' }, { UF_CRM_DAY: '2024-02-29' }],
    [
      'UF datetime keeps an offset',
      { UF_CRM_MOMENT: '2024-05-23T18:18+02:00' },
      { UF_CRM_MOMENT: '2024-05-23T18:18:00+02:00' }
    ],
    ['UF datetime in Russian format', { UF_CRM_MOMENT: '23.05.2024 18:18' }, { UF_CRM_MOMENT: '2024-05-23T18:18:00' }],
    ['UF money', { UF_CRM_MONEY: '1 500,5|eur' }, { UF_CRM_MONEY: '1500.5|EUR' }],
    ['UF money without currency', { UF_CRM_MONEY: '300' }, { UF_CRM_MONEY: '300' }],
    ['UF money with an empty amount clears', { UF_CRM_MONEY: '|RUB' }, { UF_CRM_MONEY: '' }],
    [
      'UF url with a scheme',
      { UF_CRM_SITE: 'https://example.com/a?b=c' },
      { UF_CRM_SITE: 'https://example.com/a?b=c' }
    ],
    [
      'UF url without a scheme is kept as typed',
      { UF_CRM_SITE: 'example.com/page' },
      { UF_CRM_SITE: 'example.com/page' }
    ],
    ['UF employee', { UF_CRM_USER: '12' }, { UF_CRM_USER: '12' }],
    ['UF crm_status of its list', { UF_CRM_INDUSTRY: 'IT' }, { UF_CRM_INDUSTRY: 'IT' }],
    [
      'UF crm bindings',
      { UF_CRM_LINK: ['c_2', 'CO_3', 'T80_6', '15'] },
      { UF_CRM_LINK: ['C_2', 'CO_3', 'T80_6', '15'] }
    ],
    [
      'UF file and app types pass as they are',
      { UF_CRM_FILE: { fileData: ['a.txt', 'eA=='] }, UF_CRM_APP: { any: 1 } },
      { UF_CRM_FILE: { fileData: ['a.txt', 'eA=='] }, UF_CRM_APP: { any: 1 } }
    ],
    ['UF empty values pass (not mandatory)', { UF_CRM_INT: '', UF_CRM_DAY: null }, { UF_CRM_INT: '', UF_CRM_DAY: null }]
  ])('%s', (_description, fields, expected) => {
    expect(normalised(fields)).toEqual(expected)
  })

  it('does not change its input', () => {
    const fields = { OPPORTUNITY: '1 000', PHONE: [{ VALUE: ' 1 ' }] }
    validateLeadFields(fields, update)
    expect(fields).toEqual({ OPPORTUNITY: '1 000', PHONE: [{ VALUE: ' 1 ' }] })
  })
})

describe('validateLeadFields: rejected values, with the field and a clear message', () => {
  it.each<[string, FieldPatch, Array<{ field: string; code: string; item?: number }>, RegExp?]>([
    [
      'invalid e-mail',
      { EMAIL: [{ VALUE: 'anna@example' }] },
      [{ field: 'EMAIL', code: 'invalid_email', item: 0 }],
      /"anna@example" is not a valid e-mail/
    ],
    ['e-mail with a space', { EMAIL: [{ VALUE: 'a b@c.d' }] }, [{ field: 'EMAIL', code: 'invalid_email', item: 0 }]],
    [
      'second e-mail of a list',
      { EMAIL: [{ VALUE: 'ok@ok.ok' }, { ID: 4, VALUE: 'nope' }] },
      [{ field: 'EMAIL', code: 'invalid_email', item: 1 }]
    ],
    [
      'text in the amount',
      { OPPORTUNITY: '12abc' },
      [{ field: 'OPPORTUNITY', code: 'invalid_number' }],
      /OPPORTUNITY: "12abc" is not an amount/
    ],
    [
      'negative amount (the portal refuses it)',
      { OPPORTUNITY: '-5' },
      [{ field: 'OPPORTUNITY', code: 'invalid_number' }]
    ],
    [
      'amount with thousands separators and decimals',
      { OPPORTUNITY: '1,000.50' },
      [{ field: 'OPPORTUNITY', code: 'invalid_number' }]
    ],
    [
      'unknown stage',
      { STATUS_ID: 'WON' },
      [{ field: 'STATUS_ID', code: 'unknown_status' }],
      /"WON" is not a stage of this portal/
    ],
    ['unknown source', { SOURCE_ID: 'TV' }, [{ field: 'SOURCE_ID', code: 'unknown_status' }], /source/],
    ['unknown salutation', { HONORIFIC: 'X' }, [{ field: 'HONORIFIC', code: 'unknown_status' }]],
    [
      'title too long',
      { TITLE: 'x'.repeat(256) },
      [{ field: 'TITLE', code: 'too_long' }],
      /256 characters, at most 255/
    ],
    [
      'name too long',
      { NAME: 'x'.repeat(51), LAST_NAME: 'y'.repeat(51), SECOND_NAME: 'z'.repeat(51) },
      [
        { field: 'NAME', code: 'too_long' },
        { field: 'LAST_NAME', code: 'too_long' },
        { field: 'SECOND_NAME', code: 'too_long' }
      ]
    ],
    [
      'postal code too long',
      { ADDRESS_POSTAL_CODE: '1'.repeat(17) },
      [{ field: 'ADDRESS_POSTAL_CODE', code: 'too_long' }]
    ],
    [
      'phone too long',
      { PHONE: [{ VALUE: '1'.repeat(251) }] },
      [{ field: 'PHONE', code: 'too_long', item: 0 }],
      /at most 250/
    ],
    ['empty title on update', { TITLE: '  ' }, [{ field: 'TITLE', code: 'required' }]],
    [
      'bad birthdate',
      { BIRTHDATE: '31.02.1990' },
      [{ field: 'BIRTHDATE', code: 'invalid_date' }],
      /"31.02.1990" is not a valid date/
    ],
    ['birthdate in an unknown format', { BIRTHDATE: '02/14/1990' }, [{ field: 'BIRTHDATE', code: 'invalid_date' }]],
    ['text as the responsible', { ASSIGNED_BY_ID: 'boss' }, [{ field: 'ASSIGNED_BY_ID', code: 'invalid_integer' }]],
    [
      'no responsible (the portal ignores 0)',
      { ASSIGNED_BY_ID: 0 },
      [{ field: 'ASSIGNED_BY_ID', code: 'invalid_integer' }]
    ],
    ['text as the company', { COMPANY_ID: 'ACME' }, [{ field: 'COMPANY_ID', code: 'invalid_integer' }]],
    ['bad flag', { OPENED: 'maybe' }, [{ field: 'OPENED', code: 'invalid_flag' }]],
    ['object in a text field', { NAME: { first: 'A' } }, [{ field: 'NAME', code: 'invalid_shape' }]],
    ['phones as a string', { PHONE: '+1 555' }, [{ field: 'PHONE', code: 'invalid_shape' }]],
    ['a phone item that is not an item', { PHONE: ['+1 555'] }, [{ field: 'PHONE', code: 'invalid_shape', item: 0 }]],
    [
      'unknown phone type',
      { PHONE: [{ VALUE: '1', VALUE_TYPE: 'CAR' }] },
      [{ field: 'PHONE', code: 'invalid_value_type', item: 0 }],
      /use one of WORK, MOBILE/
    ],
    ['bad contact ID', { CONTACT_IDS: [3, 'x'] }, [{ field: 'CONTACT_IDS', code: 'invalid_integer', item: 1 }]],
    [
      'read-only field',
      { DATE_CREATE: '2024-01-01', HAS_PHONE: 'Y' },
      [
        { field: 'DATE_CREATE', code: 'read_only' },
        { field: 'HAS_PHONE', code: 'read_only' }
      ]
    ],
    ['unknown standard field', { TITEL: 'x' }, [{ field: 'TITEL', code: 'unknown_field' }]],
    ['unknown user field', { UF_CRM_NOPE: 'x' }, [{ field: 'UF_CRM_NOPE', code: 'unknown_field' }]],
    ['UF string too long', { UF_CRM_TEXT: 'abcdef' }, [{ field: 'UF_CRM_TEXT', code: 'too_long' }]],
    ['UF string too short', { UF_CRM_TEXT: 'a' }, [{ field: 'UF_CRM_TEXT', code: 'too_short' }]],
    ['text in a UF integer', { UF_CRM_INT: '12abc' }, [{ field: 'UF_CRM_INT', code: 'invalid_integer' }]],
    ['a fraction in a UF integer', { UF_CRM_INT: '1.5' }, [{ field: 'UF_CRM_INT', code: 'invalid_integer' }]],
    ['UF integer below its minimum', { UF_CRM_SMALL: 0 }, [{ field: 'UF_CRM_SMALL', code: 'out_of_range' }]],
    ['UF integer above its maximum', { UF_CRM_SMALL: '11' }, [{ field: 'UF_CRM_SMALL', code: 'out_of_range' }]],
    ['text in a UF double', { UF_CRM_DOUBLE: 'two' }, [{ field: 'UF_CRM_DOUBLE', code: 'invalid_number' }]],
    ['UF boolean not a flag', { UF_CRM_FLAG: 'perhaps' }, [{ field: 'UF_CRM_FLAG', code: 'invalid_flag' }]],
    ['UF enumeration ID not in LIST', { UF_CRM_ENUM: '81' }, [{ field: 'UF_CRM_ENUM', code: 'unknown_list_item' }]],
    ['UF enumeration by label (IDs only)', { UF_CRM_ENUM: 'One' }, [{ field: 'UF_CRM_ENUM', code: 'invalid_integer' }]],
    [
      'UF multiple enumeration, second bad',
      { UF_CRM_ENUMS: ['79', '99'] },
      [{ field: 'UF_CRM_ENUMS', code: 'unknown_list_item', item: 1 }]
    ],
    ['UF single given two values', { UF_CRM_ENUM: ['79', '80'] }, [{ field: 'UF_CRM_ENUM', code: 'not_multiple' }]],
    ['UF bad date', { UF_CRM_DAY: '2023-02-29' }, [{ field: 'UF_CRM_DAY', code: 'invalid_date' }]],
    ['UF bad datetime', { UF_CRM_MOMENT: '2024-05-23T25:00' }, [{ field: 'UF_CRM_MOMENT', code: 'invalid_date' }]],
    ['UF money with text', { UF_CRM_MONEY: 'lots|RUB' }, [{ field: 'UF_CRM_MONEY', code: 'invalid_money' }]],
    [
      'UF money with a bad currency',
      { UF_CRM_MONEY: '300|RUBLES' },
      [{ field: 'UF_CRM_MONEY', code: 'invalid_money' }]
    ],
    ['UF url with spaces', { UF_CRM_SITE: 'not a url' }, [{ field: 'UF_CRM_SITE', code: 'invalid_url' }]],
    ['UF url without a host', { UF_CRM_SITE: 'localhostish' }, [{ field: 'UF_CRM_SITE', code: 'invalid_url' }]],
    [
      'UF url with another scheme',
      { UF_CRM_SITE: 'javascript://alert(1)' },
      [{ field: 'UF_CRM_SITE', code: 'invalid_url' }]
    ],
    ['UF employee not an ID', { UF_CRM_USER: 'anna' }, [{ field: 'UF_CRM_USER', code: 'invalid_integer' }]],
    [
      'UF crm_status not in its list',
      { UF_CRM_INDUSTRY: 'FOOD' },
      [{ field: 'UF_CRM_INDUSTRY', code: 'unknown_status' }]
    ],
    [
      'UF crm binding malformed',
      { UF_CRM_LINK: ['X_1'] },
      [{ field: 'UF_CRM_LINK', code: 'invalid_binding', item: 0 }]
    ],
    [
      'UF multiple string, each value checked',
      { UF_CRM_TEXTS: ['ab', 'abcd'] },
      [{ field: 'UF_CRM_TEXTS', code: 'too_long', item: 1 }]
    ]
  ])('%s', (_description, fields, expected, message) => {
    const errors = errorsOf(fields)
    expect(errors.map(({ field, code, item }) => ({ field, code, ...(item === undefined ? {} : { item }) }))).toEqual(
      expected
    )
    for (const error of errors)
      expect(error.message.startsWith(error.field) || error.message.includes(`(${error.field})`)).toBe(true)
    if (message) expect(errors[0]!.message).toMatch(message)
  })

  it('reports every bad field at once', () => {
    const errors = errorsOf({ TITLE: 'ok', OPPORTUNITY: 'x', STATUS_ID: 'NOPE', EMAIL: [{ VALUE: 'bad' }] })
    expect(errors.map((error) => error.field)).toEqual(['OPPORTUNITY', 'STATUS_ID', 'EMAIL'])
  })

  it('names a user field by its label when the definition has one', () => {
    const labelled = [definition('UF_CRM_BUDGET', 'double', { EDIT_FORM_LABEL: { en: 'Budget', ru: 'Бюджет' } })]
    const [error] = errorsOf({ UF_CRM_BUDGET: 'much' }, { mode: 'update', userFields: labelled })
    expect(error!.message).toBe('"Budget" (UF_CRM_BUDGET): "much" is not a number')
    expect(error!.label).toBe('"Budget" (UF_CRM_BUDGET)')
  })

  it('gives the UI what to word a problem by: the value typed, lengths and limits, the item', () => {
    const [tooLong] = errorsOf({ TITLE: 'x'.repeat(300) })
    expect(tooLong).toMatchObject({ field: 'TITLE', code: 'too_long', params: { count: 300, max: 255 } })
    expect(tooLong).not.toHaveProperty('label')
    const [email] = errorsOf({ EMAIL: [{ VALUE: 'ok@example.com' }, { VALUE: 'not mail' }] })
    expect(email).toMatchObject({ code: 'invalid_email', item: 1, params: { value: 'not mail' } })
    const [amount] = errorsOf({ OPPORTUNITY: 'a lot' })
    expect(amount).toMatchObject({ code: 'invalid_number', params: { value: 'a lot' } })
  })
})

describe('validateLeadFields: what it does not check', () => {
  it('an empty title on create is fine (the portal makes "Lead #ID")', () => {
    expect(normalised({ TITLE: '' }, create)).toEqual({ TITLE: '' })
  })

  it('without the statuses, any stage passes', () => {
    expect(normalised({ STATUS_ID: 'ANYTHING' }, { mode: 'update' })).toEqual({ STATUS_ID: 'ANYTHING' })
  })

  it('a status list that is not loaded is not checked', () => {
    expect(
      normalised({ HONORIFIC: 'X' }, { mode: 'update', statuses: statuses.filter((s) => s.ENTITY_ID !== 'HONORIFIC') })
    ).toEqual({ HONORIFIC: 'X' })
  })

  it('without the userfield definitions, user fields pass as they are', () => {
    expect(normalised({ UF_CRM_ANY: 'x' }, { mode: 'update' })).toEqual({ UF_CRM_ANY: 'x' })
  })

  it('an enumeration without its LIST accepts any ID', () => {
    expect(
      normalised({ UF_CRM_E: '5' }, { mode: 'update', userFields: [definition('UF_CRM_E', 'enumeration')] })
    ).toEqual({ UF_CRM_E: '5' })
  })
})

describe('validateLeadFields: required user fields', () => {
  const required = [
    definition('UF_CRM_MUST', 'string', { MANDATORY: 'Y' }),
    definition('UF_CRM_MUST_DEFAULT', 'string', { MANDATORY: 'Y', SETTINGS: { DEFAULT_VALUE: 'x' } }),
    definition('UF_CRM_MUST_ENUM', 'enumeration', {
      MANDATORY: 'Y',
      LIST: [
        { ID: '1', DEF: 'N' },
        { ID: '2', DEF: 'Y' }
      ]
    }),
    definition('UF_CRM_MUST_DATE', 'date', { MANDATORY: 'Y', SETTINGS: { DEFAULT_VALUE: { VALUE: '', TYPE: 'NOW' } } }),
    definition('UF_CRM_MUST_FLAG', 'boolean', { MANDATORY: 'Y', SETTINGS: { DEFAULT_VALUE: 0 } }),
    definition('UF_CRM_MUST_MONEY', 'money', {
      MANDATORY: 'Y',
      SETTINGS: { DEFAULT_VALUE: { VALUE: '', TYPE: 'NONE' } }
    })
  ]
  const onCreate: ValidationContext = { mode: 'create', userFields: required }

  it('on create, a mandatory field the portal would not fill is reported', () => {
    const errors = errorsOf({ TITLE: 'x' }, onCreate)
    expect(errors.map(({ field, code }) => [field, code])).toEqual([
      ['UF_CRM_MUST', 'required'],
      ['UF_CRM_MUST_MONEY', 'required']
    ])
  })

  it('on create, given values satisfy it; blank ones do not', () => {
    expect(validateLeadFields({ UF_CRM_MUST: 'v', UF_CRM_MUST_MONEY: '5|EUR' }, onCreate).ok).toBe(true)
    const errors = errorsOf({ UF_CRM_MUST: '', UF_CRM_MUST_MONEY: '|EUR', UF_CRM_MUST_FLAG: false }, onCreate)
    expect(errors.map(({ field, code }) => [field, code])).toEqual([
      ['UF_CRM_MUST', 'required'],
      ['UF_CRM_MUST_MONEY', 'required']
    ])
  })

  it('on update, only a mandatory field that is sent empty is reported', () => {
    expect(validateLeadFields({ TITLE: 'x' }, { ...onCreate, mode: 'update' }).ok).toBe(true)
    expect(errorsOf({ UF_CRM_MUST_ENUM: [] }, { ...onCreate, mode: 'update' })).toEqual([
      { field: 'UF_CRM_MUST_ENUM', code: 'required', message: 'UF_CRM_MUST_ENUM: required' }
    ])
  })

  it('not checked when the portal does not check required user fields over REST', () => {
    expect(validateLeadFields({ UF_CRM_MUST: '' }, { ...onCreate, checkRequiredUserFields: false }).ok).toBe(true)
  })
})

describe('validateLeadFields never throws', () => {
  const cycle: Record<string, unknown> = {}
  cycle.self = cycle
  it.each<[string, FieldPatch]>([
    ['a cyclic object', { NAME: cycle }],
    ['a bigint', { UF_CRM_INT: 10n }],
    ['a symbol', { TITLE: Symbol('x') }],
    ['a function', { COMMENTS: () => 1 }],
    ['undefined values', { TITLE: undefined, PHONE: undefined }],
    ['nested garbage in a multifield', { PHONE: [[1, 2], { VALUE: { deep: true } }] }]
  ])('%s', (_description, fields) => {
    expect(() => validateLeadFields(fields, update)).not.toThrow()
  })
})

describe('text that is not well-formed Unicode (a lone surrogate) could never be sent', () => {
  const malformed = (field: string, where = '', item?: number) => ({
    field,
    code: 'malformed_text',
    ...(item === undefined ? {} : { item }),
    message: `${field}: holds text that is not well-formed Unicode (a lone surrogate); it could never be sent to the portal${where}`
  })

  it('is refused in any field, naming the field and where in the value', () => {
    expect(errorsOf({ TITLE: 'Deal \uD800' })).toEqual([malformed('TITLE')])
    expect(errorsOf({ COMMENTS: '\uDC00 first' })).toEqual([malformed('COMMENTS')])
    expect(errorsOf({ PHONE: [{ VALUE: '+1 555' }, { VALUE: 'x\uD83D', VALUE_TYPE: 'WORK' }] })).toEqual([
      malformed('PHONE', ' (at 1.VALUE)', 1)
    ])
    expect(errorsOf({ UF_CRM_TEXTS: ['ok', '\uDFFF'] })).toEqual([malformed('UF_CRM_TEXTS', ' (at 1)', 1)])
    expect(errorsOf({ UF_CRM_FILE: { fileData: ['a.txt', 'x'], ['k\uD800']: 1 } })).toEqual([
      malformed('UF_CRM_FILE', ' (at k\uFFFD)')
    ])
    // In a field no other rule knows, and in a new lead, all the same.
    expect(errorsOf({ NO_SUCH: '\uD800' }, { mode: 'create' })).toEqual([malformed('NO_SUCH')])
  })

  it('keeps whole surrogate pairs (emoji) and the other fields’ own checks', () => {
    expect(normalised({ TITLE: 'Deal 👍🏽', NAME: '𝒜nna' })).toEqual({ TITLE: 'Deal 👍🏽', NAME: '𝒜nna' })
    expect(errorsOf({ TITLE: '\uD800', EMAIL: [{ VALUE: 'not an address' }] }).map((error) => error.code)).toEqual([
      'malformed_text',
      'invalid_email'
    ])
  })
})

describe('validateRelationItems', () => {
  it('names the column and the item (1-based in the message) of text that could never be sent', () => {
    expect(validateRelationItems([{ PRODUCT_NAME: 'Chair', PRICE: 10 }, { PRODUCT_NAME: 'Desk \uD800' }])).toEqual([
      {
        field: 'PRODUCT_NAME',
        code: 'malformed_text',
        item: 1,
        message:
          'Item 2, PRODUCT_NAME: holds text that is not well-formed Unicode (a lone surrogate); it could never be sent to the portal'
      }
    ])
    expect(validateRelationItems([{ PRODUCT_NAME: 'Stühle 🪑', QUANTITY: 2 }, { CONTACT_ID: 5 }])).toEqual([])
  })
})
