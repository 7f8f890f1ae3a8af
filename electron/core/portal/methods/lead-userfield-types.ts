import type { EntityId, YesNo } from './crm-values'

/** The user-field types of the portal (docs/bitrix24-protocol.md §8.10); apps may register more. */
export const USER_FIELD_TYPES = [
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
export type UserFieldType = (typeof USER_FIELD_TYPES)[number]

export const USER_FIELD_LABEL_KEYS = [
  'EDIT_FORM_LABEL',
  'LIST_COLUMN_LABEL',
  'LIST_FILTER_LABEL',
  'ERROR_MESSAGE',
  'HELP_MESSAGE'
] as const
export type UserFieldLabelKey = (typeof USER_FIELD_LABEL_KEYS)[number]

/** A label by language code (`en`, `de`, `ru`, ...): every installed language is a key. */
export type LabelMap = Record<string, string>

/** SETTINGS per type, as stored (§8.10 add). Portals may print more keys than the ones they keep on add. */
export interface StringSettings {
  DEFAULT_VALUE: string
  ROWS: number
  SIZE?: number
  REGEXP?: string
  MIN_LENGTH?: number
  MAX_LENGTH?: number
}
export interface NumberSettings {
  DEFAULT_VALUE: number | string
  MIN_VALUE?: number
  MAX_VALUE?: number
  SIZE?: number
}
export interface DoubleSettings extends NumberSettings {
  PRECISION: number
}
export interface BooleanSettings {
  DEFAULT_VALUE: 0 | 1
  DISPLAY: 'CHECKBOX' | 'RADIO' | 'DROPDOWN'
}
export interface DateSettings {
  /** NONE: no default; NOW: the current date; FIXED: VALUE (ISO). */
  DEFAULT_VALUE: { VALUE: string; TYPE: 'NONE' | 'NOW' | 'FIXED' }
}
export interface EnumerationSettings {
  DISPLAY: 'LIST' | 'UI' | 'CHECKBOX' | 'DIALOG'
  LIST_HEIGHT: number
}
export interface IblockSettings {
  IBLOCK_TYPE_ID: string
  IBLOCK_ID: number
  DEFAULT_VALUE: number | string
  DISPLAY: string
  LIST_HEIGHT: number
  ACTIVE_FILTER: YesNo
}
export interface CrmStatusSettings {
  /** The status list the values come from, e.g. `SOURCE`. */
  ENTITY_TYPE: string
}
/** Which entity types a `crm` binding field may point at. */
export interface CrmBindingSettings {
  LEAD: YesNo
  CONTACT: YesNo
  COMPANY: YesNo
  DEAL: YesNo
}
/** Types without settings of their own: printed as `[]`, read as `{}`. */
export type NoSettings = Record<string, never>

export interface UserFieldSettingsByType {
  string: StringSettings
  integer: NumberSettings
  double: DoubleSettings
  boolean: BooleanSettings
  enumeration: EnumerationSettings
  datetime: DateSettings
  date: DateSettings
  money: NoSettings
  url: NoSettings
  address: NoSettings
  file: NoSettings
  employee: NoSettings
  crm_status: CrmStatusSettings
  iblock_section: IblockSettings
  iblock_element: IblockSettings
  crm: CrmBindingSettings
}

export type UserFieldSettings = UserFieldSettingsByType[UserFieldType]

/** An item of an enumeration field, as printed: every value a string. */
export interface UserFieldEnumItem {
  ID: string
  SORT: string
  VALUE: string
  DEF: YesNo
  XML_ID: string
}

/** The columns of a user field without its labels, as get/list print them: scalars as strings. */
interface UserFieldColumns<T extends UserFieldType> {
  ID: string
  ENTITY_ID: 'CRM_LEAD'
  /** `UF_CRM_…`. */
  FIELD_NAME: string
  USER_TYPE_ID: T
  XML_ID: string | null
  SORT: string
  MULTIPLE: YesNo
  MANDATORY: YesNo
  /** N, E (shown in the filter) or I (employee fields). */
  SHOW_FILTER: 'N' | 'E' | 'I'
  SHOW_IN_LIST: YesNo
  EDIT_IN_LIST: YesNo
  IS_SEARCHABLE: YesNo
  SETTINGS: UserFieldSettingsByType[T]
}

/** Columns per type: enumeration fields also carry their LIST. */
type UserFieldShape<T extends UserFieldType> = T extends 'enumeration'
  ? UserFieldColumns<T> & { LIST: UserFieldEnumItem[] }
  : UserFieldColumns<T>

/** A user field of any type, with labels of the given form; narrow it on USER_TYPE_ID. */
type UserFieldOf<Labels> = { [T in UserFieldType]: UserFieldShape<T> & Labels }[UserFieldType]

/** `crm.lead.userfield.get`: labels as maps over every language. */
export type LeadUserField = UserFieldOf<Record<UserFieldLabelKey, LabelMap>>

/** `crm.lead.userfield.list` with LANG: labels as text in that language (null where it has none). */
export type LeadUserFieldInLanguage = UserFieldOf<Record<UserFieldLabelKey, string | null>>

/** `crm.lead.userfield.list` without LANG: no labels at all. */
export type LeadUserFieldSummary = UserFieldOf<unknown>

/** A label to send: one text for every language, or texts by language (the rest get LABEL). */
export type LabelInput = string | LabelMap

/** A new enumeration item; on add the portal makes each item's XML_ID itself. */
export interface EnumItemInput {
  VALUE: string
  SORT?: number | string
  DEF?: YesNo
}

/** A change of enumeration items on update: with ID a change (DEL 'Y' deletes), without ID a new item. */
export interface EnumItemChange extends Partial<EnumItemInput> {
  ID?: EntityId
  XML_ID?: string
  DEL?: 'Y'
}

/** The columns that can be sent on add and update. */
type UserFieldOptions = {
  /** The default for every label. */
  LABEL?: string
  XML_ID?: string
  SORT?: number | string
  MANDATORY?: YesNo
  /** 'Y' shows the field in the filter. */
  SHOW_FILTER?: YesNo
  SHOW_IN_LIST?: YesNo
  EDIT_IN_LIST?: YesNo
  IS_SEARCHABLE?: YesNo
} & Partial<Record<UserFieldLabelKey, LabelInput>>

/** A field to create: the name gets the `UF_CRM_` prefix; SETTINGS and LIST per type. */
export type NewLeadUserField = {
  [T in UserFieldType]: UserFieldOptions & {
    USER_TYPE_ID: T
    FIELD_NAME: string
    /** Forced to 'N' for boolean fields. */
    MULTIPLE?: YesNo
    SETTINGS?: Partial<UserFieldSettingsByType[T]>
  } & (T extends 'enumeration' ? { LIST?: EnumItemInput[] } : unknown)
}[UserFieldType]

/**
 * Changes to a field: type, name and MULTIPLE cannot change. SETTINGS are merged into the stored
 * ones; a label map replaces the whole map (languages left out become empty).
 */
export type LeadUserFieldChanges = UserFieldOptions & {
  SETTINGS?: Partial<UserFieldSettings>
  LIST?: EnumItemChange[]
}

/** Filterable columns of `crm.lead.userfield.list` (exact match). */
export type LeadUserFieldFilter = Partial<
  Record<
    | 'ID'
    | 'FIELD_NAME'
    | 'USER_TYPE_ID'
    | 'XML_ID'
    | 'SORT'
    | 'MULTIPLE'
    | 'MANDATORY'
    | 'SHOW_FILTER'
    | 'SHOW_IN_LIST'
    | 'EDIT_IN_LIST'
    | 'IS_SEARCHABLE'
    | UserFieldLabelKey,
    string | number
  >
>

export type LeadUserFieldOrderField = 'ID' | 'FIELD_NAME' | 'USER_TYPE_ID' | 'XML_ID' | 'SORT'

export interface LeadUserFieldListQuery {
  filter?: LeadUserFieldFilter
  order?: Partial<Record<LeadUserFieldOrderField, 'ASC' | 'DESC'>>
}
