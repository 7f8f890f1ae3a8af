import type { FieldCatalogue } from './field-catalogue'
import { assertFieldCode } from './field-code'
import { fieldAccess } from './grid-fields'
import { invalidQuery } from './grid-where'
import type { GridQuery } from './types'

const MAX_SORT_FIELDS = 5

export interface Order {
  sql: string
  /** The same order hidden from the planner (unary `+`), so it filters first, then sorts. */
  unindexedSql: string
  needsDoc: boolean
  /** Every sort field has an index that delivers its order. */
  indexed: boolean
  /** The first field's index is on lead_docs: a walk of it reads the documents first. */
  indexOnDocs: boolean
}

/**
 * Sort fields, then the key in the first field's direction: pages stay stable, and an index on
 * the first field (whose entries end with the key) delivers the whole order. Newest first by
 * default.
 */
export function gridOrder(sort: GridQuery['sort'], catalogue: FieldCatalogue): Order {
  const entries = sort ?? []
  if (!Array.isArray(entries) || entries.length > MAX_SORT_FIELDS) {
    throw invalidQuery(`sort must be a list of at most ${MAX_SORT_FIELDS} fields`)
  }
  const terms: Array<[expression: string, direction: string]> = []
  let needsDoc = false
  let indexed = true
  for (const entry of entries) {
    assertFieldCode(entry?.field, 'Sort')
    if (entry.direction !== 'asc' && entry.direction !== 'desc') {
      throw invalidQuery(`sort direction of ${entry.field} must be "asc" or "desc"`)
    }
    const field = fieldAccess(entry.field, catalogue)
    needsDoc ||= field.needsDoc || field.sortNeedsDoc === true
    indexed &&= field.sortIndexed
    for (const expression of field.sort) terms.push([expression, entry.direction.toUpperCase()])
  }
  const firstOnDocs = entries[0] !== undefined && fieldAccess(entries[0].field, catalogue).needsDoc
  if (!entries.some((entry) => entry.field === 'ID')) {
    // The key of the table whose index gives the first field's order: an index's entries end with it.
    terms.push([firstOnDocs ? 'd.key' : 'l.key', entries[0]?.direction === 'asc' ? 'ASC' : 'DESC'])
  }
  return {
    sql: terms.map(([expression, direction]) => `${expression} ${direction}`).join(', '),
    unindexedSql: terms.map(([expression, direction]) => `+${expression} ${direction}`).join(', '),
    needsDoc,
    indexed,
    indexOnDocs: indexed && firstOnDocs
  }
}
