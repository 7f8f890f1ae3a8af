import { characterCount, invalid, shown, typed, valid, type Checked } from './field-errors'
import {
  cleanAmountText,
  isBlank,
  isoDateOf,
  isoDateTimeOf,
  parseDateParts,
  parseDecimal,
  parseFlag,
  parseInteger,
  parseMoney
} from './value-parsers'

/**
 * Checks of single values by format, shared by standard fields and user fields. Each returns the
 * value in the form the portal reads best, or a message naming the value the user typed.
 */

const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number'

export function checkText(value: unknown, limits: { max?: number; min?: number } = {}): Checked {
  if (value === null || value === undefined) return valid('')
  if (!isScalar(value)) return invalid('invalid_shape', `expects text, got ${shown(value)}`, { value: typed(value) })
  const text = String(value)
  const length = characterCount(text)
  if (limits.max && length > limits.max)
    return invalid('too_long', `too long: ${length} characters, at most ${limits.max} allowed`, {
      count: length,
      max: limits.max
    })
  if (limits.min && text !== '' && length < limits.min)
    return invalid('too_short', `too short: ${length} characters, at least ${limits.min} needed`, {
      count: length,
      min: limits.min
    })
  return valid(text)
}

/** OPPORTUNITY (§6.7): digits with an optional decimal part; commas become dots, spaces go. */
export function checkAmount(value: unknown): Checked {
  if (value === null || value === undefined) return valid('')
  const text = cleanAmountText(value)
  return text === undefined
    ? invalid(
        'invalid_number',
        `${shown(value)} is not an amount: use digits with an optional decimal part, e.g. 15000.50`,
        { value: typed(value) }
      )
    : valid(text)
}

export interface NumberLimits {
  min?: number
  max?: number
}

function withinLimits(number: number, limits: NumberLimits, original: unknown): Checked | undefined {
  if (limits.min !== undefined && number < limits.min)
    return invalid('out_of_range', `${shown(original)} is below the minimum ${limits.min}`, {
      value: typed(original),
      min: limits.min
    })
  if (limits.max !== undefined && number > limits.max)
    return invalid('out_of_range', `${shown(original)} is above the maximum ${limits.max}`, {
      value: typed(original),
      max: limits.max
    })
  return undefined
}

/** A decimal number (UF double): commas become dots, spaces go; "-" allowed. */
export function checkDecimal(value: unknown, limits: NumberLimits = {}): Checked {
  const text = typeof value === 'string' ? value.replace(/,/g, '.').replace(/\s/g, '') : value
  const number = parseDecimal(text)
  if (number === undefined) return invalid('invalid_number', `${shown(value)} is not a number`, { value: typed(value) })
  return withinLimits(number, limits, value) ?? valid(typeof text === 'string' ? text : String(number))
}

/** A whole number (UF integer). */
export function checkInteger(value: unknown, limits: NumberLimits = {}): Checked {
  const number = parseInteger(value)
  if (number === undefined)
    return invalid('invalid_integer', `${shown(value)} is not a whole number`, { value: typed(value) })
  return withinLimits(number, limits, value) ?? valid(String(number))
}

/** The ID of a user, company, contact, list item: a whole number > 0 (or ≥ 0 where 0 clears). */
export function checkId(value: unknown, what: string, options: { zeroClears?: boolean } = {}): Checked {
  const id = parseInteger(value)
  if (id === undefined || id < 0 || (id === 0 && !options.zeroClears))
    return invalid('invalid_integer', `${shown(value)} is not the ID of ${what}`, { value: typed(value) })
  return valid(String(id))
}

/** A portal user's ID: one of `known` when the portal's users are known. */
export function checkUser(value: unknown, known: ReadonlySet<string> | undefined): Checked {
  const checked = checkId(value, 'a user')
  if (!checked.ok || !known || known.has(String(checked.value))) return checked
  return invalid('unknown_user', `${shown(value)} is not a user of this portal`)
}

export function checkFlag(value: unknown, form: 'YN' | '10'): Checked {
  const flag = isBlank(value) ? false : parseFlag(value)
  if (flag === undefined)
    return invalid('invalid_flag', `${shown(value)} is not yes or no (Y/N, 1/0, true/false)`, { value: typed(value) })
  if (form === 'YN') return valid(flag ? 'Y' : 'N')
  return valid(flag ? 1 : 0)
}

const DATE_FORMATS = 'use YYYY-MM-DD or DD.MM.YYYY'

/** A date: normalised to YYYY-MM-DD (the date as written; a time part is dropped). */
export function checkDate(value: unknown): Checked {
  if (isBlank(value)) return valid('')
  const parts = parseDateParts(value)
  return parts
    ? valid(isoDateOf(parts))
    : invalid('invalid_date', `${shown(value)} is not a valid date (${DATE_FORMATS})`, { value: typed(value) })
}

/** A date-time: normalised to YYYY-MM-DDTHH:MM:SS, with the offset when one was written. */
export function checkDateTime(value: unknown): Checked {
  if (isBlank(value)) return valid('')
  const parts = parseDateParts(value)
  return parts
    ? valid(isoDateTimeOf(parts))
    : invalid('invalid_date', `${shown(value)} is not a valid date and time (${DATE_FORMATS}, optionally with HH:MM)`, {
        value: typed(value)
      })
}

/** UF money (§6.6): "amount|CURRENCY" or an amount alone; an empty amount clears. */
export function checkMoney(value: unknown): Checked {
  const money = parseMoney(value)
  if (!money)
    return invalid('invalid_money', `${shown(value)} is not an amount of money: use "amount|CURRENCY", e.g. 300|EUR`, {
      value: typed(value)
    })
  if (money.amount === undefined) return valid('')
  return valid(money.currency ? `${money.amount}|${money.currency}` : String(money.amount))
}

const URL_SCHEMES = new Set(['http:', 'https:', 'ftp:'])

/** A web address; a missing scheme is read as http:// (and left as typed). */
export function checkUrl(value: unknown): Checked {
  const bad = invalid('invalid_url', `${shown(value)} is not a web address`, { value: typed(value) })
  if (!isScalar(value)) return bad
  const text = String(value).trim()
  if (/\s/.test(text)) return bad
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`)
    const host = url.hostname
    return URL_SCHEMES.has(url.protocol) && (host.includes('.') || host === 'localhost') ? valid(text) : bad
  } catch {
    return bad
  }
}

/** A crm binding (§6.6): `L_4`, `D_1`, `C_2`, `CO_3`, `SI_7`, `T80_6`, or a bare ID. */
export function checkCrmBinding(value: unknown): Checked {
  const text = isScalar(value) ? String(value).trim() : ''
  return /^(?:(?:L|D|C|CO|SI|T[0-9a-f]+)_)?[1-9]\d*$/i.test(text)
    ? valid(text.toUpperCase())
    : invalid('invalid_binding', `${shown(value)} is not a CRM binding such as L_4, C_2 or CO_3`, {
        value: typed(value)
      })
}

/** A value of a status list (stage, source, salutation): one of `allowed` when the list is known. */
export function checkStatus(value: unknown, allowed: readonly string[] | undefined, what: string): Checked {
  if (isBlank(value)) return valid(value)
  if (!isScalar(value))
    return invalid('invalid_shape', `expects a ${what} code, got ${shown(value)}`, { value: typed(value) })
  const code = String(value)
  if (allowed && allowed.length && !allowed.includes(code))
    return invalid('unknown_status', `${shown(value)} is not a ${what} of this portal`, { value: typed(value) })
  return valid(code)
}
