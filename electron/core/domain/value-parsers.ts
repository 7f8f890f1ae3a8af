/**
 * Readers for the value formats of lead fields (docs/bitrix24-protocol.md §6): numbers as strings, Y/N
 * flags, ISO and Russian dates, "amount|CURRENCY". Each returns undefined for text that is not in
 * its format, so callers decide whether that is an error or just text.
 */

/** Empty as the portal prints or clears it: null, a missing value, "", or an empty list. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.every(isBlank))
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/

/** A number written plainly ("15000.00", " 7 ", 15000); not "1e5", "0x10" or "15 000". */
export function parseDecimal(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  return DECIMAL.test(text) ? Number(text) : undefined
}

/** A whole number written plainly ("42", 42, "-3"); not "4.2" or "42abc". */
export function parseInteger(value: unknown): number | undefined {
  const number = parseDecimal(value)
  return number !== undefined && Number.isInteger(number) ? number : undefined
}

/**
 * OPPORTUNITY as the portal reads it (§6.7): commas become dots, spaces go, and what is left must
 * be digits with an optional decimal part. Returns the cleaned text ("" when empty).
 */
export function cleanAmountText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? String(value) : undefined
  if (typeof value !== 'string') return undefined
  const text = value.replace(/,/g, '.').replace(/\s/g, '')
  return text === '' || /^\d+(\.\d+)?$/.test(text) ? text : undefined
}

const TRUE_WORDS = new Set(['y', 'yes', 'true', '1'])
const FALSE_WORDS = new Set(['n', 'no', 'false', '0'])

/** Y/N, true/false, 1/0 (and their strings). */
export function parseFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 1 || value === 0) return value === 1
  if (typeof value !== 'string') return undefined
  const word = value.trim().toLowerCase()
  if (TRUE_WORDS.has(word)) return true
  if (FALSE_WORDS.has(word)) return false
  return undefined
}

export interface DateParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  hasTime: boolean
  /** Minutes east of UTC when the text carries an offset (Z is 0). */
  offsetMinutes?: number
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i
const RUSSIAN_DATE = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/

function readOffset(zone: string | undefined): number | undefined | null {
  if (zone === undefined) return undefined
  if (zone.toUpperCase() === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2))
  if (hours > 14 || minutes > 59) return null
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes)
}

/**
 * A date or date-time the portal understands: ISO-8601 (`2024-05-23`, `2024-05-23T18:18:25+02:00`,
 * `2024-05-23 18:18`) or Russian (`23.05.2024`, `23.05.2024 18:18`). Impossible dates
 * (31 February, 25:00) are undefined.
 */
export function parseDateParts(value: unknown): DateParts | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  const iso = ISO_DATE.exec(text)
  const russian = iso ? null : RUSSIAN_DATE.exec(text)
  const match = iso ?? russian
  if (!match) return undefined
  const [year, month, day] = iso
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [Number(match[3]), Number(match[2]), Number(match[1])]
  const hasTime = match[4] !== undefined
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)]
  const offsetMinutes = readOffset(iso ? match[7] : undefined)
  if (offsetMinutes === null) return undefined
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined
  return { year, month, day, hour, minute, second, hasTime, offsetMinutes }
}

const pad = (number: number, width = 2) => String(number).padStart(width, '0')

/** `YYYY-MM-DD`: the calendar date as written, whatever the time and offset. */
export function isoDateOf(parts: DateParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`
}

/** `YYYY-MM-DDTHH:MM:SS`, plus `±HH:MM` when the text had an offset. */
export function isoDateTimeOf(parts: DateParts): string {
  const time = `${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`
  const offset = parts.offsetMinutes
  if (offset === undefined) return `${isoDateOf(parts)}T${time}`
  const sign = offset < 0 ? '-' : '+'
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  return `${isoDateOf(parts)}T${time}${zone}`
}

/** Milliseconds since the epoch; a text without an offset is read at `fallbackOffsetMinutes`. */
export function instantOf(parts: DateParts, fallbackOffsetMinutes: number): number {
  const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)
  return wallClock - (parts.offsetMinutes ?? fallbackOffsetMinutes) * 60_000
}

export interface Money {
  /** undefined when the amount is empty (the value clears the field). */
  amount: number | undefined
  /** Upper case; undefined when the text names none (the portal uses its base currency). */
  currency: string | undefined
}

/** UF money, "amount|CURRENCY" (§6.6): "300|RUB", "300.50", "1 500,5|usd", "|RUB" (empty). */
export function parseMoney(value: unknown): Money | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { amount: value, currency: undefined } : undefined
  if (typeof value !== 'string') return undefined
  const separator = value.indexOf('|')
  const amountText = (separator < 0 ? value : value.slice(0, separator)).replace(/,/g, '.').replace(/\s/g, '')
  const currencyText = separator < 0 ? '' : value.slice(separator + 1).trim()
  if (currencyText !== '' && !/^[A-Za-z]{3}$/.test(currencyText)) return undefined
  const currency = currencyText === '' ? undefined : currencyText.toUpperCase()
  if (amountText === '') return { amount: undefined, currency }
  const amount = parseDecimal(amountText)
  return amount === undefined ? undefined : { amount, currency }
}
