import { isMap } from '../methods/params'
import { phpText } from '../methods/php-values'
import { PORTAL_LANGUAGES } from './userfield-types'

/**
 * The small conversions `crm.lead.userfield.*` applies to what it is sent (docs/bitrix24-protocol.md §8.10),
 * written the way PHP's rest UserFieldProxy and main CUserTypeEntity see the values.
 */

/** The entity every lead user field belongs to. */
export const LEAD_UF_ENTITY = 'CRM_LEAD'
const LEAD_FIELD_PREFIX = 'UF_CRM_'
const MAX_FIELD_NAME_LENGTH = 50

/** PHP's isset(): a missing key and null are both "not set". */
export const isSet = (value: unknown): boolean => value !== undefined && value !== null

/** `mb_strtoupper($value) === 'Y'`. */
export const isYes = (value: unknown): boolean => phpText(value).toUpperCase() === 'Y'

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/

/** PHP's is_numeric(). */
export function isPhpNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value)
  return typeof value === 'string' && NUMERIC.test(value)
}

/** A PHP numeric comparison operand: the leading number of a string, 0 when there is none. */
export function phpNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0
  if (typeof value === 'boolean') return value ? 1 : 0
  const match = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(phpText(value))
  return match ? Number(match[0]) : 0
}

/** `X` → `UF_CRM_X`, `UF_X` → `UF_CRM_X`, `UF_CRM_X` kept; upper-cased first. */
export function leadFieldName(raw: string): string {
  const name = raw.toUpperCase()
  if (name.startsWith(LEAD_FIELD_PREFIX)) return name
  return LEAD_FIELD_PREFIX + (name.startsWith('UF_') ? name.slice(3) : name)
}

/** The main module's name checks (CUserTypeEntity::CheckFields), every one that fails, in its order. */
export function fieldNameProblems(fieldName: string): string[] {
  const problems: string[] = []
  if ([...fieldName].length > MAX_FIELD_NAME_LENGTH) problems.push('The field name is too long (exceeds 50 symbols).')
  if (!/^[0-9A-Z_]+$/.test(fieldName)) {
    problems.push('The field name contains invalid symbols. Valid symbols are: A-Z, 0-9 and _.')
  }
  return problems
}

/**
 * The main module's CAdminException text: every message followed by `<br>`. It reaches the REST
 * client verbatim as an ERROR_CORE description.
 */
export const adminExceptionText = (messages: string[]): string => messages.map((message) => `${message}<br>`).join('')

/**
 * A label map over every portal language (UserFieldProxy::prepareLabels): a non-empty string is
 * used for every language; a map gives its non-empty strings, the other languages get `fallback`.
 */
export function labelMap(value: unknown, fallback: string): Record<string, string> {
  const everywhere = typeof value === 'string' && value !== '' ? value : undefined
  const perLanguage = everywhere === undefined && isMap(value) ? value : {}
  return Object.fromEntries(
    PORTAL_LANGUAGES.map((lang) => {
      const own = perLanguage[lang]
      return [lang, typeof own === 'string' && own !== '' ? own : (everywhere ?? fallback)]
    })
  )
}
