import type { CrmEntityType, LeadFieldInfo } from '@contract'

/** Reading and writing field values in the forms the portal prints and reads. */

export const isBlank = (value: unknown) => value === null || value === undefined || value === ''

/** The values of a field, one or several; blank ones left out. */
export function elementsOf(value: unknown): unknown[] {
  return (Array.isArray(value) ? value : [value]).filter((element) => !isBlank(element))
}

/** A userfield amount, `1200.50|EUR` (or an amount alone). */
export function parseMoney(value: unknown): { amount: string; currency?: string } {
  const [amount = '', currency] = String(value ?? '').split('|')
  return { amount: amount.trim(), currency: currency?.trim() || undefined }
}

export function joinMoney(amount: string, currency: string | undefined): string {
  const trimmed = amount.trim()
  if (trimmed === '') return ''
  return currency ? `${trimmed}|${currency}` : trimmed
}

const TRUE_TEXTS = new Set(['y', '1', 'true'])

export function isOn(value: unknown): boolean {
  return value === true || value === 1 || TRUE_TEXTS.has(String(value ?? '').toLowerCase())
}

/** Yes or no in the field's own form: Y/N for standard fields, 1/0 for boolean userfields. */
export const booleanValue = (on: boolean, field: LeadFieldInfo) =>
  field.type === 'char' ? (on ? 'Y' : 'N') : on ? '1' : '0'

/** A date without a time, `2026-03-05`, as that calendar day (not midnight UTC). */
export function calendarDay(value: unknown): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value))
  if (!match) return undefined
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(day.getTime()) ? undefined : day
}

const ENTITY_PREFIXES: Readonly<Record<string, CrmEntityType>> = {
  L: 'LEAD',
  C: 'CONTACT',
  CO: 'COMPANY',
  D: 'DEAL'
}

/** A bound record: `C_12` names its type; a bare ID is of the field's (first) entity type. */
export function parseBinding(value: unknown, field: LeadFieldInfo): { type: CrmEntityType; id: string } | undefined {
  const match = /^(?:([A-Z]+)_)?([1-9]\d*)$/i.exec(String(value).trim())
  if (!match) return undefined
  const type = match[1] ? ENTITY_PREFIXES[match[1].toUpperCase()] : (field.entityTypes?.[0] ?? 'LEAD')
  return type ? { type, id: match[2]! } : undefined
}

const pad = (number: number) => String(number).padStart(2, '0')

/** A date-time as a `datetime-local` input shows it: the local time, `2026-03-05T10:30`. */
export function localDateTimeInput(value: unknown): string {
  if (isBlank(value)) return ''
  const time = new Date(String(value))
  if (Number.isNaN(time.getTime())) return ''
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`
}

/** What a `datetime-local` input gave, with this computer's offset: `2026-03-05T10:30:00+03:00`. */
export function dateTimeFromInput(input: string): string {
  const time = new Date(input)
  if (input === '' || Number.isNaN(time.getTime())) return ''
  const offset = -time.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const hours = pad(Math.floor(Math.abs(offset) / 60))
  return `${input.slice(0, 16)}:00${sign}${hours}:${pad(Math.abs(offset) % 60)}`
}
