import type { SQLInputValue } from 'node:sqlite'
import { MAX_FILTER_CONDITIONS, MAX_FILTER_VALUES } from '../../contract/grid-query'
import { AppError } from '../errors'
import type { FieldCatalogue } from './field-catalogue'
import { assertFieldCode } from './field-code'
import { conditionSql, usesIndex } from './grid-filter'
import { fieldAccess, withoutIndex } from './grid-fields'
import { searchWords } from './text-fold'
import type { GridCondition, GridQuery } from './types'

const MAX_SEARCH_WORDS = 16

/** Leads whose delete is queued or being sent are hidden; a parked delete shows the lead again. */
const notBeingDeleted = (key: string) =>
  `${key} NOT IN (SELECT lead_key FROM outbox WHERE kind = 'delete' AND state <> 'needs-attention')`

/** A grid query's WHERE clause over `leads l` (and `lead_docs d` when needsDoc). */
export interface Where {
  sql: string
  params: SQLInputValue[]
  needsDoc: boolean
  /** There is a filter or a search. */
  narrows: boolean
  /** Some part of it (a search, a condition on an indexed column) is found through an index. */
  seeks: boolean
  /** It reads only columns of the facets index (FACET_INDEX). */
  inFacetIndex: boolean
  /** Some condition reads a column of the leads table (not only its key). */
  readsLeads: boolean
}

/**
 * An index on the stage, the source and the columns most filtered on (migrations 7 and 8): the
 * fields whose filters it can test by itself (ID: the key ends every index entry), and those
 * whose `%` it can test (it holds their folded copy only).
 */
export const FACET_INDEX = {
  name: 'leads_facets',
  fields: ['ID', 'STATUS_ID', 'SOURCE_ID', 'ASSIGNED_BY_ID', 'OPPORTUNITY', 'DATE_CREATE', 'DATE_MODIFY'],
  foldedFields: ['TITLE']
}

/** Whether the facets index alone can test `condition`. */
function inFacetIndex(condition: GridCondition): boolean {
  return (
    FACET_INDEX.fields.includes(condition.field) ||
    (condition.op === '%' && FACET_INDEX.foldedFields.includes(condition.field))
  )
}

export interface WhereOptions {
  catalogue: FieldCatalogue
  /** Add the test that hides leads being deleted (only needed while there are any). */
  hideDeleting: boolean
  /** Hide the filter's columns from the planner (SQLite's unary `+`), so it walks the sort index. */
  hideIndexes?: boolean
  /** Over `lead_docs d` alone (for a filter that reads no column of leads): keys are d.key. */
  docsOnly?: boolean
}

export function gridWhere(query: Pick<GridQuery, 'filter' | 'search'>, options: WhereOptions): Where {
  const parts: string[] = []
  const params: SQLInputValue[] = []
  let needsDoc = false
  let seeks = false
  let readsLeads = false
  const key = options.docsOnly ? 'd.key' : 'l.key'
  const match = fullTextMatch(query.search)
  if (match) {
    parts.push(`${options.hideIndexes ? '+' : ''}${key} IN (SELECT rowid FROM lead_search WHERE lead_search MATCH ?)`)
    params.push(match)
    seeks = true
  }
  const filter = query.filter ?? []
  if (!Array.isArray(filter) || filter.length > MAX_FILTER_CONDITIONS) {
    throw invalidQuery(`filter must be a list of at most ${MAX_FILTER_CONDITIONS} conditions`)
  }
  if (listValueCount(filter as unknown[]) > MAX_FILTER_VALUES) {
    throw invalidQuery(`a filter may hold at most ${MAX_FILTER_VALUES} list values in all`)
  }
  for (const condition of filter as GridCondition[]) {
    if (!condition || typeof condition !== 'object') throw invalidQuery('a filter condition must be an object')
    assertFieldCode(condition.field, 'Filter')
    const field = fieldAccess(condition.field, options.catalogue)
    const part = conditionSql(condition, options.hideIndexes ? withoutIndex(field) : field, key)
    parts.push(`(${part.sql})`)
    params.push(...part.params)
    needsDoc ||= field.needsDoc
    seeks ||= usesIndex(condition, field)
    readsLeads ||= !field.needsDoc && !field.list
  }
  const narrows = parts.length > 0
  // The hidden deletes are found by key, which every index holds.
  if (options.hideDeleting) parts.push(notBeingDeleted(key))
  return {
    sql: parts.length > 0 ? parts.join(' AND ') : 'true',
    params,
    needsDoc,
    narrows,
    seeks,
    inFacetIndex: !match && (filter as GridCondition[]).every(inFacetIndex),
    readsLeads
  }
}

/** Values in the filter's lists: each is a bound value (text ones twice); SQLite binds at most 32,766. */
function listValueCount(conditions: readonly unknown[]): number {
  let count = 0
  for (const condition of conditions) {
    const value = condition && typeof condition === 'object' ? (condition as { value?: unknown }).value : undefined
    if (Array.isArray(value)) count += value.length
  }
  return count
}

/** Every word of the search must be there, as a word or the start of one. */
export function fullTextMatch(search: unknown): string | undefined {
  if (search === undefined || search === null) return undefined
  if (typeof search !== 'string') throw invalidQuery('search must be a text')
  const words = searchWords(search).slice(0, MAX_SEARCH_WORDS)
  // Words are letters and digits only, so quoting them cannot break the FTS5 query syntax.
  return words.length === 0 ? undefined : words.map((word) => `"${word}"*`).join(' ')
}

export function invalidQuery(problem: string): AppError {
  return new AppError('INVALID_ARGUMENT', `Grid query: ${problem}.`)
}
