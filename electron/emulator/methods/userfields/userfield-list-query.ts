import { phpNumber } from '../../state/userfield-normalize'
import { phpText } from '../php-values'
import { LABEL_KEYS, type LabelKey, type UserFieldDef } from '../../state/userfield-types'
import type { LabelMode } from './userfield-view'

/**
 * `crm.lead.userfield.list` order and filter (docs/bitrix24-protocol.md §8.10; main CUserTypeEntity::GetList):
 * exact matches compared the way MySQL does it (case-insensitive text, numeric ID and SORT), keys
 * in any case, no paging.
 */

type Column = 'ID' | 'FIELD_NAME' | 'USER_TYPE_ID' | 'XML_ID' | 'SORT' | 'MULTIPLE' | 'MANDATORY' | 'SHOW_FILTER'
type FlagColumn = 'SHOW_IN_LIST' | 'EDIT_IN_LIST' | 'IS_SEARCHABLE'

const flag = (value: boolean) => (value ? 'Y' : 'N')
const COLUMNS: Record<Column | FlagColumn, (field: UserFieldDef) => string | number | null> = {
  ID: (field) => field.id,
  FIELD_NAME: (field) => field.fieldName,
  USER_TYPE_ID: (field) => field.userTypeId,
  XML_ID: (field) => field.xmlId,
  SORT: (field) => field.sort,
  MULTIPLE: (field) => flag(field.multiple),
  MANDATORY: (field) => flag(field.mandatory),
  SHOW_FILTER: (field) => field.showFilter,
  SHOW_IN_LIST: (field) => flag(field.showInList),
  EDIT_IN_LIST: (field) => flag(field.editInList),
  IS_SEARCHABLE: (field) => flag(field.isSearchable)
}
const ORDER_COLUMNS: Column[] = ['ID', 'FIELD_NAME', 'USER_TYPE_ID', 'XML_ID', 'SORT']
const DEFAULT_ORDER: Array<[Column, 1 | -1]> = [
  ['SORT', 1],
  ['ID', 1]
]

const isColumn = (key: string): key is Column | FlagColumn => Object.hasOwn(COLUMNS, key)
const isLabelKey = (key: string): key is LabelKey => (LABEL_KEYS as readonly string[]).includes(key)

function sameValue(stored: string | number | null, wanted: string): boolean {
  if (stored === null) return false
  if (typeof stored === 'number') return stored === phpNumber(wanted)
  return stored.toLowerCase() === wanted.toLowerCase()
}

/** Labels are matched in the LANG language, or in any language when no LANG was given. */
function labelMatches(field: UserFieldDef, key: LabelKey, wanted: string, lang: string | undefined): boolean {
  const texts = lang === undefined ? Object.values(field.labels[key]) : [field.labels[key][lang] ?? null]
  return texts.some((text) => sameValue(text, wanted))
}

export interface UserFieldQuery {
  labels: LabelMode
  matches(field: UserFieldDef): boolean
  compare(a: UserFieldDef, b: UserFieldDef): number
}

/** Builds the query from the `order` and `filter` maps; unknown keys and array or empty values are ignored. */
export function userFieldQuery(order: Record<string, unknown>, filter: Record<string, unknown>): UserFieldQuery {
  const conditions: Array<[string, string]> = []
  let lang: string | undefined
  for (const [rawKey, rawValue] of Object.entries(filter)) {
    const value = phpText(rawValue)
    if (typeof rawValue === 'object' || value === '') continue
    const key = rawKey.toUpperCase()
    if (key === 'LANG') lang = value
    else conditions.push([key, value])
  }
  const sorting: Array<[Column, 1 | -1]> = Object.entries(order)
    .map(([key, direction]): [string, 1 | -1] => [
      key.toUpperCase(),
      phpText(direction).toUpperCase() === 'ASC' ? 1 : -1
    ])
    .filter((entry): entry is [Column, 1 | -1] => (ORDER_COLUMNS as string[]).includes(entry[0]))

  return {
    labels: lang === undefined ? { kind: 'none' } : { kind: 'language', lang },
    matches: (field) =>
      conditions.every(([key, value]) => {
        if (isColumn(key)) return sameValue(COLUMNS[key](field), value)
        if (isLabelKey(key)) return labelMatches(field, key, value, lang)
        return true
      }),
    compare: (a, b) => {
      for (const [column, direction] of [...(sorting.length > 0 ? sorting : DEFAULT_ORDER), ['ID', 1] as const]) {
        const difference = compareColumn(COLUMNS[column](a), COLUMNS[column](b))
        if (difference !== 0) return difference * direction
      }
      return 0
    }
  }
}

/** MySQL order: NULL first, numbers numerically, text case-insensitively. */
function compareColumn(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const left = String(a).toLowerCase()
  const right = String(b).toLowerCase()
  return left < right ? -1 : left > right ? 1 : 0
}
