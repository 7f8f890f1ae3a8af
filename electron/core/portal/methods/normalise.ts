/**
 * The portal serialises PHP arrays: an empty map arrives as `[]`, a map whose keys happen to be
 * 0..n-1 as a list, and a list with gaps in its keys as an object (docs/bitrix24-protocol.md §2.1, §14).
 * These helpers give callers the shape they expect.
 */

/** A map, whatever PHP made of it: `[]` becomes `{}`, a list becomes `{ "0": …, "1": … }`. */
export function asMap<T = unknown>(value: unknown): Record<string, T> {
  if (Array.isArray(value)) return Object.fromEntries((value as T[]).entries())
  if (value && typeof value === 'object') return value as Record<string, T>
  return {}
}

/** A JSON object (not null, not a list). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A list, whatever PHP made of it: an object with numeric keys becomes its values, null `[]`. */
export function asList<T = unknown>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[]
  if (value && typeof value === 'object') return Object.values(value as Record<string, T>)
  return []
}
