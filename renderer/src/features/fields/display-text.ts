import type { LeadFieldInfo } from '@contract'
import type { LocaleFormat } from '../../format/locale-format'

/**
 * A field value as plain text in the UI language: list values by their label, multifields as
 * their values joined, dates and amounts formatted. Empty values give ''.
 */
export function displayText(value: unknown, field: LeadFieldInfo, format: LocaleFormat): string {
  if (value === null || value === undefined || value === '') return ''
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        displayText(item && typeof item === 'object' && 'VALUE' in item ? item.VALUE : item, field, format)
      )
      .filter(Boolean)
      .join(', ')
  }
  const item = field.items?.find((candidate) => candidate.value === String(value))
  if (item) return item.label
  if (field.type === 'datetime' || field.type === 'date') {
    const time = Date.parse(String(value))
    if (Number.isNaN(time)) return String(value)
    return field.type === 'date' ? format.date(time) : format.dateTime(time)
  }
  if (field.type === 'double' || field.type === 'money') {
    const [amount, currency] = String(value).split('|')
    const number = Number(amount)
    if (!Number.isFinite(number)) return String(value)
    return field.type === 'money' ? format.money(number, currency) : format.number(number)
  }
  if (typeof value === 'boolean') return value ? '✓' : ''
  return String(value)
}
