import { phpInt } from '../params'
import { compileFilter, idBounds, type FieldKind, type ListSchema } from './filter'

/** The portal's fixed page size. */
export const PAGE_SIZE = 50

export interface SortKey {
  field: string
  ascending: boolean
}

/** `order` keys upper-cased; `ASC` (any case) ascending, anything else descending; unknown keys dropped. */
export function parseOrder(order: Record<string, unknown>, known: (field: string) => boolean): SortKey[] {
  return Object.entries(order)
    .map(([key, direction]) => ({
      field: key.toUpperCase(),
      ascending: String(direction).toUpperCase() === 'ASC'
    }))
    .filter((key) => known(key.field))
}

/**
 * `start` as the portal reads it: omitted → 0; -1 → one page without counting; otherwise the
 * page that contains it (`start=75` is the page starting at 50).
 */
export function parseStart(raw: unknown): { offset: number; count: boolean } {
  const start = raw === undefined || raw === null || raw === '' ? 0 : phpInt(raw)
  if (start < 0) return { offset: 0, count: false }
  return { offset: Math.floor(start / PAGE_SIZE) * PAGE_SIZE, count: true }
}

export interface OrderedSchema<Row> extends ListSchema<Row> {
  /** A custom sort value (e.g. STATUS_ID by the stage's SORT); default: the stored value. */
  sortValue?(row: Row, field: string): unknown
  id(row: Row): number
}

function sortComparable(
  kind: FieldKind | undefined,
  value: unknown,
  schema: ListSchema<unknown>
): number | string | null {
  if (value === null || value === undefined || value === '') return null
  if (kind === 'number') return Number(value)
  if (kind === 'date') return typeof value === 'number' ? value : (schema.parseDate(String(value)) ?? null)
  if (typeof value === 'number') return value
  return String(value).toLowerCase()
}

function comparator<Row>(keys: SortKey[], schema: OrderedSchema<Row>): (a: Row, b: Row) => number {
  const loose = schema as unknown as ListSchema<unknown>
  return (a, b) => {
    for (const { field, ascending } of keys) {
      const kind = schema.kind(field)
      const read = (row: Row) =>
        sortComparable(kind, schema.sortValue ? schema.sortValue(row, field) : schema.value(row, field), loose)
      const x = read(a)
      const y = read(b)
      if (x === y) continue
      // NULLs first when ascending, as MySQL sorts them.
      const order = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1
      return ascending ? order : -order
    }
    return schema.id(a) - schema.id(b)
  }
}

export interface ListQuery {
  filter: Record<string, unknown>
  order: SortKey[]
  offset: number
  count: boolean
}

export interface ListPage<Row> {
  rows: Row[]
  /** Matches in total (only when counting). */
  total: number | undefined
  next: number | undefined
}

/** A source that can list rows ascending or descending by ID within bounds, lazily. */
export interface RowSource<Row> {
  ascending(afterId: number): Iterable<Row>
  descending(beforeId: number): Iterable<Row>
}

/**
 * Runs a list query. Ordered by ID alone (the keyset export pattern) and without counting, it
 * reads only as many rows as the page needs, starting from the ID bound in the filter; otherwise
 * it scans, sorts and counts like the database would.
 */
export function runListQuery<Row>(
  source: RowSource<Row>,
  schema: OrderedSchema<Row>,
  query: ListQuery,
  extra?: (row: Row) => boolean
): ListPage<Row> {
  const matches = compileFilter(query.filter, schema)
  const accept = extra ? (row: Row) => extra(row) && matches(row) : matches
  const { after, before } = idBounds(query.filter)
  const byIdOnly = query.order.length === 0 || (query.order.length === 1 && query.order[0]!.field === 'ID')
  const ascending = query.order[0]?.ascending ?? true

  if (byIdOnly) {
    const rows: Row[] = []
    let total = 0
    const wanted = query.offset + PAGE_SIZE
    const iterable = ascending ? source.ascending(after) : source.descending(before)
    for (const row of iterable) {
      const id = schema.id(row)
      if (ascending ? id >= before : id <= after) break
      if (!accept(row)) continue
      if (total >= query.offset && rows.length < PAGE_SIZE) rows.push(row)
      total++
      // Without counting, one row beyond the page is not even needed.
      if (!query.count && total >= wanted) break
    }
    return pageResult(rows, query, total)
  }

  const all: Row[] = []
  for (const row of source.ascending(after)) {
    if (schema.id(row) >= before) break
    if (accept(row)) all.push(row)
  }
  all.sort(comparator(query.order, schema))
  return pageResult(all.slice(query.offset, query.offset + PAGE_SIZE), query, all.length)
}

function pageResult<Row>(rows: Row[], query: ListQuery, total: number): ListPage<Row> {
  if (!query.count) return { rows, total: undefined, next: undefined }
  const next = query.offset + PAGE_SIZE < total ? query.offset + PAGE_SIZE : undefined
  return { rows, total, next }
}

/** A row source over a plain array (contacts, products, users). */
export function arraySource<Row>(rows: Row[], id: (row: Row) => number): RowSource<Row> {
  const sorted = [...rows].sort((a, b) => id(a) - id(b))
  return {
    ascending: (afterId) => sorted.filter((row) => id(row) > afterId),
    descending: (beforeId) => sorted.filter((row) => id(row) < beforeId).reverse()
  }
}
