import type { Params } from './params'

/** PHP's `array_change_key_case($query, CASE_UPPER)`: a later key wins when two collide. */
export function upperKeys(params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key.toUpperCase(), value]))
}

/**
 * PHP's loose `$value == true`, which `scope` and `event.*` use for flags: `''` and `'0'` are
 * false, every other string is true — even `'false'` sent form-encoded.
 */
export function phpLooseTrue(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'string') return value !== '' && value !== '0'
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.length > 0
  return Object.keys(value).length > 0
}

/** A scalar parameter as PHP's string cast sees it; arrays and objects count as empty here. */
export function phpText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (value === true) return '1'
  return ''
}
