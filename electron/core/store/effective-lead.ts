import { applyPatch } from '../domain/patch-ops'
import type { FieldPatch, ServerLead } from '../domain/lead-types'
import { foldText, searchWords } from './text-fold'

/**
 * What the grid, the search and the effective document see of a lead: the server copy with the
 * unsent local patch applied, as the portal will print the lead after the push. A multifield
 * patch (PHONE, EMAIL, ...) holds item changes, applied to the server's items by the same rule
 * as when the op completes (an item without ID is added, one with an ID changed or deleted, the
 * rest kept); other values, userfields too, replace the server's as a whole.
 */
export function effectiveValues(server: ServerLead | null, local: FieldPatch | null): Record<string, unknown> {
  // Read only, so without a patch the server copy itself will do.
  return local === null ? (server ?? {}) : applyPatch(server ?? {}, local)
}

/** Stage order: STATUS_ID → its SORT in the portal's stage list. */
export type StageOrder = ReadonlyMap<string, number>

/** Values of the leads table's indexed columns, in INDEXED_COLUMNS order. */
export const INDEXED_COLUMNS = [
  'title',
  'title_fold',
  'name',
  'name_fold',
  'last_name',
  'last_name_fold',
  'company_title',
  'company_title_fold',
  'status_id',
  'status_sort',
  'source_id',
  'assigned_by_id',
  'opportunity',
  'currency_id',
  'date_create_ms',
  'date_modify_ms'
] as const

export type IndexedValue = string | number | null

export function indexedValues(values: Record<string, unknown>, stages: StageOrder): IndexedValue[] {
  const title = text(values.TITLE)
  const name = text(values.NAME)
  const lastName = text(values.LAST_NAME)
  const company = text(values.COMPANY_TITLE)
  const statusId = text(values.STATUS_ID)
  return [
    title,
    folded(title),
    name,
    folded(name),
    lastName,
    folded(lastName),
    company,
    folded(company),
    statusId,
    statusId === null ? null : (stages.get(statusId) ?? null),
    text(values.SOURCE_ID),
    integer(values.ASSIGNED_BY_ID),
    decimal(values.OPPORTUNITY),
    text(values.CURRENCY_ID),
    timeMs(values.DATE_CREATE),
    timeMs(values.DATE_MODIFY)
  ]
}

/** The full-text columns, in SEARCH_COLUMNS order. */
export const SEARCH_COLUMNS = [
  'title',
  'name',
  'second_name',
  'last_name',
  'company_title',
  'phones',
  'emails',
  'comments'
] as const

/** The fields the search document is made of, in SEARCH_COLUMNS order. */
const SEARCH_FIELDS = [
  'TITLE',
  'NAME',
  'SECOND_NAME',
  'LAST_NAME',
  'COMPANY_TITLE',
  'PHONE',
  'EMAIL',
  'COMMENTS'
] as const

export function searchDocument(values: Record<string, unknown>): string[] {
  const [title, name, secondName, lastName, company, phone, email, comments] = SEARCH_FIELDS.map(
    (field) => values[field]
  )
  const phones = multifieldValues(phone)
  return [
    searchText(title),
    searchText(name),
    searchText(secondName),
    searchText(lastName),
    searchText(company),
    // Also the bare digits, so "79161234567" finds "+7 916 123-45-67".
    searchText([...phones, ...phones.map((number) => number.replace(/\D+/g, ''))].join(' ')),
    searchText(multifieldValues(email).join(' ')),
    // COMMENTS holds sanitised HTML: index the words, not the tags.
    searchText(typeof comments === 'string' ? comments.replace(/<[^>]*>/g, ' ') : null)
  ]
}

/**
 * Whether two versions of a lead surely have the same search document, found without building
 * it: their search fields hold equal values (a missing field reads as null).
 */
export function sameSearchFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return SEARCH_FIELDS.every((field) => {
    const [valueA, valueB] = [a[field] ?? null, b[field] ?? null]
    // Multifields are lists of items: equal when their JSON is.
    return valueA === valueB || (typeof valueA === 'object' && JSON.stringify(valueA) === JSON.stringify(valueB))
  })
}

function searchText(value: unknown): string {
  return typeof value === 'string' ? searchWords(value).join(' ') : ''
}

function multifieldValues(items: unknown): string[] {
  if (!Array.isArray(items)) return []
  return items
    .map((item: unknown) => (item && typeof item === 'object' ? (item as Record<string, unknown>).VALUE : undefined))
    .filter((value): value is string => typeof value === 'string' && value !== '')
}

/** Empty strings are stored as NULL, so "empty" is one index lookup. */
function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value !== '' ? value : null
}

function folded(value: string | null): string | null {
  return value === null ? null : foldText(value)
}

function decimal(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null
  const number = Number(value)
  return Number.isFinite(number) ? number : null
}

function integer(value: unknown): number | null {
  const number = decimal(value)
  return number !== null && Number.isInteger(number) ? number : null
}

/** ms since epoch of a portal date (ISO with offset), or null when empty or unreadable. */
export function timeMs(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}
