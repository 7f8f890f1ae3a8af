import type { FieldPatch, ServerLead } from './types'
import { foldText, searchWords } from './text-fold'

/**
 * What the grid sees of a lead: the server copy with the unsent local patch over it. Multifield
 * and userfield values in the patch replace the server's as a whole.
 */
export function effectiveValues(server: ServerLead | null, local: FieldPatch | null): Record<string, unknown> {
  return { ...server, ...local }
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

export function searchDocument(values: Record<string, unknown>): string[] {
  const phones = multifieldValues(values.PHONE)
  return [
    searchText(values.TITLE),
    searchText(values.NAME),
    searchText(values.SECOND_NAME),
    searchText(values.LAST_NAME),
    searchText(values.COMPANY_TITLE),
    // Also the bare digits, so "79161234567" finds "+7 916 123-45-67".
    searchText([...phones, ...phones.map((phone) => phone.replace(/\D+/g, ''))].join(' ')),
    searchText(multifieldValues(values.EMAIL).join(' ')),
    // COMMENTS holds sanitised HTML: index the words, not the tags.
    searchText(typeof values.COMMENTS === 'string' ? values.COMMENTS.replace(/<[^>]*>/g, ' ') : null)
  ]
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
