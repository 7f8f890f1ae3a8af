/**
 * What every list reader shares: the portal's fixed page size (docs/bitrix24-protocol.md §4.3) and how
 * the rows of one page are found in a command's result.
 */
import { BAD_ANSWER, PortalError } from './portal-error'
import { RawJson } from './raw-json'

export const PAGE_SIZE = 50

export type ListRow = Record<string, unknown>

/**
 * The rows of a list result: the result itself, or its `itemsKey` member (`items` of
 * `crm.item.list`). PHP writes an empty list as `[]`, but an empty map as `[]` too, so an empty
 * object counts as no rows.
 */
export function pageRows<Row>(method: string, result: unknown, itemsKey?: string): Row[] {
  const rows = itemsKey === undefined ? result : (result as Record<string, unknown> | null | undefined)?.[itemsKey]
  if (Array.isArray(rows)) return rows as Row[]
  if (rows !== null && typeof rows === 'object' && Object.keys(rows).length === 0) return []
  throw notRows(method)
}

/**
 * The rows of a list command's result as a typed command reads it: a list, or the object PHP
 * makes of a list with gaps in its keys. Anything else — null, a text, an object of things that
 * are not rows — is not a list, and is not taken for an empty one.
 */
export function listedRows<Row>(method: string, result: unknown): Row[] {
  if (result === null || typeof result !== 'object') throw notRows(method)
  const rows = Object.values(result as Record<string, unknown>)
  if (!rows.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) throw notRows(method)
  return rows as Row[]
}

/** A page as a reader holds it until its caller takes it: an unparsed page is parsed then. */
export interface HeldPage<Row> {
  count: number
  lastRow(): Row | undefined
  rows(): Row[]
  /** The rows one at a time, each parsed when reached. */
  each(): Iterable<Row>
}

/** The page of a command's result, parsed or not (`runBatch` with `rawResults`). */
export function heldPage<Row>(method: string, result: unknown, itemsKey?: string): HeldPage<Row> {
  if (!(result instanceof RawJson)) {
    const rows = pageRows<Row>(method, result, itemsKey)
    return { count: rows.length, lastRow: () => rows.at(-1), rows: () => rows, each: () => rows }
  }
  const list = itemsKey === undefined ? result : result.kind === 'object' ? result.member(itemsKey) : undefined
  if (list?.kind === 'array') {
    // Only the count and the last row are kept: a page's rows are found again when it is read.
    const { count, last } = list.countElements()
    return {
      count,
      lastRow: () => parseRows<Row>(method, last),
      rows: () => parseRows<Row[]>(method, list) ?? [],
      *each() {
        for (const item of list.eachElement()) yield parseRows<Row>(method, item)!
      }
    }
  }
  if (list?.kind === 'object' && list.members().length === 0)
    return { count: 0, lastRow: () => undefined, rows: () => [], each: () => [] }
  throw notRows(method)
}

function parseRows<T>(method: string, raw: RawJson | undefined): T | undefined {
  try {
    return raw?.parse<T>()
  } catch {
    throw new PortalError(
      BAD_ANSWER.notJson,
      `${method} answered with rows that are not valid JSON.`,
      200,
      method,
      'retryable'
    )
  }
}

const notRows = (method: string) =>
  new PortalError(BAD_ANSWER.notList, `${method} did not return a list of rows.`, 200, method, 'permanent')
