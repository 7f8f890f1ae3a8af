/**
 * What every list reader shares: the portal's fixed page size (bitrix24-rest.md §4.3) and how
 * the rows of one page are found in a command's result.
 */
import { PortalError } from './portal-error'

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
  throw new PortalError('BAD_RESPONSE', `${method} did not return a list of rows.`, 200, method, 'permanent')
}
