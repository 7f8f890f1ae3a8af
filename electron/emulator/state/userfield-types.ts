/** A lead user field (`crm.lead.userfield.*`), as the portal keeps it. */
export const USERFIELD_TYPES = [
  'string',
  'integer',
  'double',
  'boolean',
  'enumeration',
  'datetime',
  'date',
  'money',
  'url',
  'address',
  'file',
  'employee',
  'crm_status',
  'iblock_section',
  'iblock_element',
  'crm'
] as const
export type UserFieldType = (typeof USERFIELD_TYPES)[number]

/** Every installed language gets a label; maps are keyed by these (docs/bitrix24-protocol.md §8.10). */
export const PORTAL_LANGUAGES = [
  'ar',
  'br',
  'de',
  'en',
  'fr',
  'hi',
  'id',
  'in',
  'it',
  'ja',
  'kz',
  'la',
  'ms',
  'pl',
  'ru',
  'sc',
  'tc',
  'th',
  'tr',
  'ua',
  'vn'
] as const

export const LABEL_KEYS = [
  'EDIT_FORM_LABEL',
  'LIST_COLUMN_LABEL',
  'LIST_FILTER_LABEL',
  'ERROR_MESSAGE',
  'HELP_MESSAGE'
] as const
export type LabelKey = (typeof LABEL_KEYS)[number]

export interface EnumItem {
  id: number
  sort: number
  value: string
  def: boolean
  xmlId: string
}

export interface UserFieldDef {
  id: number
  fieldName: string
  userTypeId: UserFieldType
  xmlId: string | null
  sort: number
  multiple: boolean
  mandatory: boolean
  /** Stored letter: N, E (filter shown) or I (employee type). */
  showFilter: 'N' | 'E' | 'I'
  showInList: boolean
  editInList: boolean
  isSearchable: boolean
  settings: Record<string, unknown>
  labels: Record<LabelKey, Record<string, string>>
  /** Enumeration items (only for `enumeration`). */
  list: EnumItem[]
}
