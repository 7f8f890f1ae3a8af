import { crmError } from '../errors'

/** The merged request parameters (query + body), as the REST server sees them. */
export type Params = Record<string, unknown>

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).toLowerCase()

/**
 * Finds a parameter under the spellings the CRM REST proxy accepts (docs/bitrix24-protocol.md §1.3):
 * exact, UPPER, lower, Capitalized and `ar` + Capitalized (`fields`/`FIELDS`/`Fields`/`arFields`).
 */
export function findParam(params: Params, name: string): unknown {
  for (const key of [name, name.toUpperCase(), name.toLowerCase(), capitalize(name), `ar${capitalize(name)}`]) {
    if (Object.hasOwn(params, key)) return params[key]
  }
  return undefined
}

export const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** A PHP "array" parameter: a map or a list. Missing → `fallback`; anything else → the proxy's error. */
export function arrayParam(params: Params, name: string, fallback: unknown = {}): Record<string, unknown> | unknown[] {
  const value = findParam(params, name)
  if (value === undefined || value === null || value === '') return fallback as Record<string, unknown>
  if (typeof value !== 'object') throw crmError(`Parameter '${name}' must be array.`)
  return value as Record<string, unknown> | unknown[]
}

/** A map parameter (fields, filter, order, params); a list is accepted as a map with index keys. */
export function mapParam(params: Params, name: string): Record<string, unknown> {
  const value = arrayParam(params, name)
  return Array.isArray(value) ? Object.fromEntries(value.map((item, index) => [String(index), item])) : value
}

/** `(int)` cast as PHP does it: leading digits, otherwise 0. */
export function phpInt(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value !== 'string') return 0
  const match = /^\s*([+-]?\d+)/.exec(value)
  return match ? Number(match[1]) : 0
}

/** `id` or `ID`, cast to int; not > 0 → `ID is not defined or invalid.` (or the given text). */
export function idParam(params: Params, message = 'ID is not defined or invalid.'): number {
  const raw = Object.hasOwn(params, 'id') ? params.id : params.ID
  const id = phpInt(raw)
  if (id <= 0) throw crmError(message)
  return id
}

/** A scalar parameter under exact, lower, UPPER or Capitalized spelling. */
export function scalarParam(params: Params, name: string): unknown {
  for (const key of [name, name.toLowerCase(), name.toUpperCase(), capitalize(name)]) {
    if (Object.hasOwn(params, key)) return params[key]
  }
  return undefined
}

/** PHP truthiness of a flag parameter (`true`, 1, '1', 'Y', 'true'). */
export function isTruthyFlag(value: unknown): boolean {
  if (typeof value === 'string') return ['1', 'y', 'true', 'yes'].includes(value.toLowerCase())
  return value === true || value === 1
}
