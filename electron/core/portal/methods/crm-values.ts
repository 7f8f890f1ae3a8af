/**
 * Value conventions shared by the CRM methods (docs/bitrix24-protocol.md §6): what the portal prints and
 * what it accepts.
 */

/** A scalar as get/list print it: a string, or null for SQL NULL. */
export type CrmText = string | null

/**
 * A date or datetime as printed: ISO-8601 with the portal's offset (`2024-05-23T18:18:25+02:00`),
 * `date` fields too (at local midnight), and `""` when empty.
 */
export type IsoDateTime = string

export type YesNo = 'Y' | 'N'

/** An ID sent to the portal: the portal casts, so the strings that get/list print work too. */
export type EntityId = number | string

/** A scalar sent to add/update: the portal casts numbers and strings alike; `""` clears. */
export type WriteValue = string | number

export type SortDirection = 'ASC' | 'DESC'

export const MULTIFIELD_TYPES = ['PHONE', 'EMAIL', 'WEB', 'IM', 'LINK'] as const
export type MultifieldType = (typeof MULTIFIELD_TYPES)[number]

/** One phone, e-mail, website, messenger or link of a lead or contact, as printed (§6.3). */
export interface MultifieldItem {
  ID: string
  /** WORK, MOBILE, HOME, TELEGRAM, ... depending on the type. */
  VALUE_TYPE: string
  VALUE: string
  TYPE_ID: MultifieldType
}

/**
 * One multifield change: without ID a new value; with ID a change, or a removal with
 * `DELETE: 'Y'` (or an empty VALUE). Values not mentioned are kept (§6.3).
 */
export interface MultifieldChange {
  ID?: EntityId
  VALUE?: string
  VALUE_TYPE?: string
  DELETE?: 'Y'
}

/** The multifield arrays of a record: a key is absent when the record has no value of that type. */
export type Multifields = Partial<Record<MultifieldType, MultifieldItem[]>>

export type MultifieldChanges = Partial<Record<MultifieldType, MultifieldChange[]>>

/** User-field values by field name; their shape depends on the field type (§6.6). */
export type UserFieldValues = { [field: `UF_${string}`]: unknown }

/**
 * Filter-key prefixes of the CRM list methods (§8.4). `+` ("or empty") may precede any of them.
 * The portal silently drops keys it does not know, so keys are typed per field.
 */
type FilterOperator =
  '' | '=' | '!' | '!=' | '>' | '>=' | '<' | '<=' | '@' | '!@' | '%' | '=%' | '%=' | '!%' | '!=%' | '!%=' | '?'

export type FilterValue = string | number | boolean | null | ReadonlyArray<string | number>

export type ListFilter<Field extends string> = Partial<Record<`${'' | '+'}${FilterOperator}${Field}`, FilterValue>>

export type ListOrder<Field extends string> = Partial<Record<Field, SortDirection>>

/** The query of a CRM list method; the portal pages by 50 from `start` (-1: no counting). */
export type ListQuery<Field extends string, Selectable extends string = Field> = {
  select?: Selectable[]
  filter?: ListFilter<Field>
  order?: ListOrder<Field>
  start?: number
}
