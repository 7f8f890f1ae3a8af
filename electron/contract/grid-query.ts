/**
 * The grid's query: filter, order, search and window, with every limit stated (a filter reaches
 * SQLite as bound values; too many of them, or deep ones, are refused here with the limit).
 */
import { z } from 'zod'
import { fieldCode } from './args'

/** Conditions of one filter. */
export const MAX_FILTER_CONDITIONS = 50
/** Values of one `@` (any of) condition. */
export const MAX_VALUES_PER_FILTER = 1_000
/**
 * Values of all list conditions of one filter together. SQLite binds at most 32,766 values in one
 * statement; a text value is bound twice (the folded copy the index finds, then the exact value),
 * so a filter binds at most 2 × (5,000 + 50) values, and the search one more.
 */
export const MAX_FILTER_VALUES = 5_000
/** Characters of one text a filter compares with (far more than any field the grid filters on holds). */
export const MAX_FILTER_TEXT_CHARS = 1_000
export const MAX_SEARCH_CHARS = 200

const counted = (n: number) => n.toLocaleString('en')
const FILTER_VALUE_SHAPE = 'A filter value is a text, a number, true/false, null, or a flat list of these'

function filterScalarProblem(value: unknown): string | undefined {
  if (value === null || typeof value === 'boolean') return undefined
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${FILTER_VALUE_SHAPE} (got ${value})`
  if (typeof value === 'string') {
    return value.length > MAX_FILTER_TEXT_CHARS
      ? `A filter text may hold at most ${counted(MAX_FILTER_TEXT_CHARS)} characters`
      : undefined
  }
  return FILTER_VALUE_SHAPE
}

/** A condition's value: a scalar, or a flat list of scalars for `@`; never deeper. */
const filterValue = z.unknown().superRefine((value, context) => {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    const problem = filterScalarProblem(value)
    if (problem) context.addIssue({ code: 'custom', message: problem })
    return
  }
  if (value.length > MAX_VALUES_PER_FILTER) {
    context.addIssue({
      code: 'custom',
      message: `A filter list may hold at most ${counted(MAX_VALUES_PER_FILTER)} values`
    })
    return
  }
  const index = value.findIndex((item) => filterScalarProblem(item) !== undefined)
  if (index >= 0) context.addIssue({ code: 'custom', path: [index], message: filterScalarProblem(value[index])! })
})

export const gridFilter = z
  .array(
    z.strictObject({
      field: fieldCode,
      op: z.enum(['=', '!', '>', '>=', '<', '<=', '%', '@', 'empty', 'notEmpty']),
      value: filterValue.optional()
    })
  )
  .max(MAX_FILTER_CONDITIONS)
  .superRefine((conditions, context) => {
    const values = conditions.reduce((sum, { value }) => sum + (Array.isArray(value) ? value.length : 0), 0)
    if (values > MAX_FILTER_VALUES) {
      context.addIssue({
        code: 'custom',
        message: `A filter may hold at most ${counted(MAX_FILTER_VALUES)} list values in all (this one holds ${counted(values)})`
      })
    }
  })

/** Sort keys, the first deciding first. */
export const gridSort = z.array(z.strictObject({ field: fieldCode, direction: z.enum(['asc', 'desc']) })).max(5)

export const gridQuery = z.strictObject({
  filter: gridFilter.optional(),
  sort: gridSort.optional(),
  search: z.string().max(MAX_SEARCH_CHARS).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500)
})
