import { MULTIFIELD_TYPES, type MultifieldType } from '../portal/methods/crm-values'

/**
 * What kind of value each lead field holds (docs/bitrix24-protocol.md §6–7), so equality, merging and
 * validation read "15000.00", 15000 and "15000" the way the portal does.
 */

export type ValueKind =
  /** Free text and codes (stage, source, currency, UF string/url/crm bindings): compared as text. */
  | 'text'
  /** UF integer/double: compared as numbers; empty is not 0. */
  | 'number'
  /** OPPORTUNITY: a number where empty means 0 (the portal stores an empty amount as "0.00"). */
  | 'amount'
  /** IDs of users, companies, contacts, enumeration items: compared as numbers; 0 means none. */
  | 'reference'
  /** Y/N columns and UF booleans: "Y", true, 1, "1" are the same; empty is "N". */
  | 'flag'
  /** BIRTHDATE, UF date: the calendar date as written (the portal prints local midnight with its offset). */
  | 'date'
  /** Date-times: the same instant, to the second, whatever the offset. */
  | 'datetime'
  /** UF money: "amount|CURRENCY". */
  | 'money'
  /** PHONE, EMAIL, WEB, IM, LINK: items compared by (VALUE_TYPE, VALUE), ignoring IDs and order. */
  | 'multifield'
  /** Anything else (files, custom UF types): compared structurally. */
  | 'structured'

export interface FieldShape {
  kind: ValueKind
  /** A list of values (multiple UFs, CONTACT_IDS): compared as a set, order ignored. */
  multiple: boolean
  /** For multifields: which list (it decides the default VALUE_TYPE). */
  multifieldType?: MultifieldType
}

/**
 * The parts of a `crm.lead.userfield.list` item these rules need. The typed items of
 * `portal/methods/lead-userfield-types.ts` fit it; so do app-registered types.
 */
export interface UserFieldDefinition {
  FIELD_NAME: string
  USER_TYPE_ID: string
  MULTIPLE?: string
  MANDATORY?: string
  SETTINGS?: unknown
  LIST?: ReadonlyArray<{ ID: string | number; VALUE?: string; DEF?: string }>
  EDIT_FORM_LABEL?: unknown
}

/** What is known about the portal when values are compared. */
export interface LeadSchema {
  userFields?: readonly UserFieldDefinition[]
  /** The portal's UTC offset: how a date-time written without an offset is read. */
  utcOffsetMinutes?: number
  /** The currency a money value without one gets. */
  baseCurrency?: string
}

const STANDARD_KINDS: Readonly<Record<string, ValueKind>> = {
  OPPORTUNITY: 'amount',
  BIRTHDATE: 'date',
  DATE_CREATE: 'datetime',
  DATE_MODIFY: 'datetime',
  DATE_CLOSED: 'datetime',
  MOVED_TIME: 'datetime',
  LAST_ACTIVITY_TIME: 'datetime',
  OPENED: 'flag',
  IS_MANUAL_OPPORTUNITY: 'flag',
  HAS_PHONE: 'flag',
  HAS_EMAIL: 'flag',
  HAS_IMOL: 'flag',
  IS_RETURN_CUSTOMER: 'flag',
  ID: 'reference',
  ASSIGNED_BY_ID: 'reference',
  CREATED_BY_ID: 'reference',
  MODIFY_BY_ID: 'reference',
  MOVED_BY_ID: 'reference',
  LAST_ACTIVITY_BY: 'reference',
  COMPANY_ID: 'reference',
  CONTACT_ID: 'reference',
  ADDRESS_LOC_ADDR_ID: 'reference'
}

const USER_FIELD_KINDS: Readonly<Record<string, ValueKind>> = {
  string: 'text',
  url: 'text',
  address: 'text',
  crm_status: 'text',
  crm: 'text',
  integer: 'number',
  double: 'number',
  boolean: 'flag',
  enumeration: 'reference',
  employee: 'reference',
  iblock_section: 'reference',
  iblock_element: 'reference',
  date: 'date',
  datetime: 'datetime',
  money: 'money',
  file: 'structured'
}

/** The flattened primary address: the portal may blank the parts an update leaves out (§6.4). */
export const ADDRESS_FIELDS = [
  'ADDRESS',
  'ADDRESS_2',
  'ADDRESS_CITY',
  'ADDRESS_POSTAL_CODE',
  'ADDRESS_REGION',
  'ADDRESS_PROVINCE',
  'ADDRESS_COUNTRY',
  'ADDRESS_COUNTRY_CODE',
  'ADDRESS_LOC_ADDR_ID'
] as const

/** Allowed VALUE_TYPEs per multifield type (§6.3). */
export const MULTIFIELD_VALUE_TYPES: Readonly<Record<MultifieldType, readonly string[]>> = {
  PHONE: ['WORK', 'MOBILE', 'FAX', 'HOME', 'PAGER', 'MAILING', 'OTHER'],
  EMAIL: ['WORK', 'HOME', 'MAILING', 'OTHER'],
  WEB: ['WORK', 'HOME', 'FACEBOOK', 'VK', 'LIVEJOURNAL', 'TWITTER', 'OTHER'],
  IM: [
    'FACEBOOK',
    'TELEGRAM',
    'VK',
    'SKYPE',
    'VIBER',
    'INSTAGRAM',
    'BITRIX24',
    'OPENLINE',
    'IMOL',
    'ICQ',
    'MSN',
    'JABBER',
    'OTHER'
  ],
  LINK: ['USER']
}

/** The VALUE_TYPE the portal gives an item sent without one. */
export function defaultValueType(type: MultifieldType): string {
  if (type === 'IM') return 'OTHER'
  if (type === 'LINK') return 'USER'
  return 'WORK'
}

export function isMultifield(field: string): field is MultifieldType {
  return (MULTIFIELD_TYPES as readonly string[]).includes(field)
}

export function isUserFieldName(field: string): boolean {
  return /^UF_/i.test(field)
}

export function findUserField(field: string, schema: LeadSchema | undefined): UserFieldDefinition | undefined {
  const name = field.toUpperCase()
  return schema?.userFields?.find((definition) => definition.FIELD_NAME.toUpperCase() === name)
}

const SCALAR = (kind: ValueKind): FieldShape => ({ kind, multiple: false })

/** The shape of a field's value; unknown names are read as text, unknown UFs structurally. */
export function fieldShape(field: string, schema?: LeadSchema): FieldShape {
  if (isMultifield(field)) return { kind: 'multifield', multiple: true, multifieldType: field }
  if (field === 'CONTACT_IDS') return { kind: 'reference', multiple: true }
  if (/^PARENT_ID_\d+$/.test(field)) return SCALAR('reference')
  if (isUserFieldName(field)) {
    const definition = findUserField(field, schema)
    if (!definition) return SCALAR('structured')
    return { kind: USER_FIELD_KINDS[definition.USER_TYPE_ID] ?? 'structured', multiple: definition.MULTIPLE === 'Y' }
  }
  return SCALAR(STANDARD_KINDS[field] ?? 'text')
}
