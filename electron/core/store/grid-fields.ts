import { FOLD_FUNCTION } from './database'
import { isFieldCode } from './field-code'
import type { FieldCatalogue, FieldShape, ValueKind } from './field-catalogue'

/** The grid's SQL names: `l` is the leads row, `d` its documents. */
export const EFFECTIVE_DOC = 'coalesce(d.effective, d.server)'
/** The same in an index on lead_docs, which names no table. */
const INDEXED_DOC = 'coalesce(effective, server)'
/** In list conditions, the lead_list_values row of one element of the list. */
const LIST_ELEMENT = 'element'

/** How a filter or sort reaches one field, as SQL over `l` (and `d` when needsDoc). */
export interface FieldAccess {
  kind: ValueKind
  needsDoc: boolean
  /** The sort reads the documents though the filter does not (lists sort by their first value). */
  sortNeedsDoc?: boolean
  /**
   * The comparable value: a number, ms since epoch for dates, 1/0 for booleans, or text. For a
   * list field, of one element.
   */
  value: string
  /** Case-folded text of the value, for `%` (not offered on dates). */
  folded: string
  /** For a list field: a SELECT of the keys of leads with an element (value and folded refer to it). */
  list?: string
  sort: string[]
  /** An index delivers rows in this field's sort order. */
  sortIndexed: boolean
  /**
   * How an index finds values: by the value itself (= > >= < <= @), or by the folded copy
   * (= and @: the folded value narrows, the exact value decides). Absent: no index.
   */
  seek?: 'value' | 'folded'
}

function column(kind: ValueKind, name: string): FieldAccess {
  return {
    kind,
    needsDoc: false,
    value: `l.${name}`,
    folded: `${FOLD_FUNCTION}(l.${name})`,
    sort: [`l.${name}`],
    sortIndexed: true,
    seek: 'value'
  }
}

function textColumn(name: string): FieldAccess {
  // Only the folded copy is indexed: it sorts case-insensitively, Cyrillic too.
  const folded = `l.${name}_fold`
  return { ...column('text', name), folded, sort: [folded], seek: 'folded' }
}

/** Fields with a column of their own in `leads`. */
const INDEXED_FIELDS: Record<string, FieldAccess> = {
  ID: column('number', 'key'),
  TITLE: textColumn('title'),
  NAME: textColumn('name'),
  LAST_NAME: textColumn('last_name'),
  COMPANY_TITLE: textColumn('company_title'),
  // Stages sort by their position in the stage list; stages not in it come first (as empty
  // values do), by code.
  STATUS_ID: { ...column('text', 'status_id'), sort: ['l.status_sort', 'l.status_id'] },
  SOURCE_ID: column('text', 'source_id'),
  CURRENCY_ID: { ...column('text', 'currency_id'), sortIndexed: false, seek: undefined },
  ASSIGNED_BY_ID: column('number', 'assigned_by_id'),
  OPPORTUNITY: column('number', 'opportunity'),
  DATE_CREATE: column('date', 'date_create_ms'),
  DATE_MODIFY: column('date', 'date_modify_ms')
}

/**
 * The same field with its column hidden from the query planner (SQLite's unary `+`), so the
 * planner walks the sort index instead of this field's index.
 */
export function withoutIndex(field: FieldAccess): FieldAccess {
  // A list's elements are found in their own subquery, which the sort index cannot replace.
  return field.seek && !field.list ? { ...field, value: `+${field.value}`, folded: `+${field.folded}` } : field
}

/** `code` must already be a validated field code: it is spliced into a JSON path. */
export function fieldAccess(code: string, catalogue: FieldCatalogue): FieldAccess {
  const indexed = INDEXED_FIELDS[code]
  if (indexed) return indexed
  const shape = catalogue.get(code) ?? { kind: 'text' }
  const path = `'$.${code}'`
  if (!shape.list) {
    const raw = `json_extract(${EFFECTIVE_DOC}, ${path})`
    const value = comparable(shape.kind, raw)
    const access: FieldAccess = {
      kind: shape.kind,
      needsDoc: true,
      value,
      folded: `${FOLD_FUNCTION}(${raw})`,
      sort: [sortable(shape.kind, raw)],
      sortIndexed: false
    }
    // The document index holds the sort expression: for text the folded value, else the value.
    if (!hasDocumentIndex(code, shape)) return access
    return { ...access, sortIndexed: true, seek: shape.kind === 'text' ? 'folded' : 'value' }
  }
  // A list sorts by its first value.
  const first = `json_extract(${EFFECTIVE_DOC}, '$.${code}[0]${shape.list === 'multifield' ? '.VALUE' : ''}')`
  return {
    kind: shape.kind,
    needsDoc: false,
    sortNeedsDoc: true,
    value: `${LIST_ELEMENT}.value`,
    folded: `${LIST_ELEMENT}.folded`,
    list: `SELECT ${LIST_ELEMENT}.lead_key FROM lead_list_values AS ${LIST_ELEMENT} WHERE ${LIST_ELEMENT}.field = '${code}'`,
    sort: [sortable(shape.kind, first)],
    sortIndexed: false,
    // Elements are indexed by (field, value) (migration 8).
    seek: 'value'
  }
}

/**
 * How lead_list_values is filled: one element of a list (json_each's row `element`) as the grid
 * compares it, and its folded text.
 */
export function listElementExpressions(shape: FieldShape): { value: string; folded: string } {
  const element = shape.list === 'multifield' ? `json_extract(element.value, '$.VALUE')` : 'element.value'
  return { value: comparable(shape.kind, element), folded: `${FOLD_FUNCTION}(${element})` }
}

/**
 * Userfields holding one value have an index on lead_docs (see document-indexes.ts). Its
 * expression is the one a query sorts by, over the documents without the `d.` alias.
 */
export function documentIndexExpression(code: string, shape: FieldShape): string | undefined {
  if (!hasDocumentIndex(code, shape)) return undefined
  return sortable(shape.kind, `json_extract(${INDEXED_DOC}, '$.${code}')`)
}

function hasDocumentIndex(code: string, shape: FieldShape): boolean {
  // Codes from the portal's metadata reach the index's SQL: only plausible ones get one.
  return !shape.list && code.startsWith('UF_') && isFieldCode(code)
}

/** A JSON value as the kind compares: numbers from numeric strings, dates as ms, Y/N as 1/0. */
function comparable(kind: ValueKind, raw: string): string {
  switch (kind) {
    case 'number':
      // Also reads the amount of a money value ("300|RUB").
      return `CAST(nullif(${raw}, '') AS REAL)`
    case 'date':
      // Only values starting with a digit are read as dates: unixepoch('now') is not allowed in
      // an index, and would make the write of such a lead fail.
      return `(unixepoch(CASE WHEN ${raw} GLOB '[0-9]*' THEN ${raw} END) * 1000)`
    case 'boolean':
      return `(CASE WHEN nullif(${raw}, '') IS NULL THEN NULL WHEN ${raw} IN (1, '1', 'Y', 'true') THEN 1 ELSE 0 END)`
    case 'text':
      return raw
  }
}

function sortable(kind: ValueKind, raw: string): string {
  return kind === 'text' ? `${FOLD_FUNCTION}(${raw})` : comparable(kind, raw)
}
