import type { LeadFieldInfo } from '@contract'

/**
 * How a lead value is shown in a grid cell (or, `forEditing`, put into the edit box): dates in
 * the user's language, amounts with digits grouped, list values by their label, multifields as
 * their values joined.
 */
export function formatCell(value: unknown, field: LeadFieldInfo, locale: string, forEditing = false): string {
  if (value === null || value === undefined || value === '') return ''
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        item && typeof item === 'object' && 'VALUE' in item ? String((item as { VALUE: unknown }).VALUE) : String(item)
      )
      .join(', ')
  }
  if (field.items) {
    const item = field.items.find((candidate) => candidate.value === String(value))
    if (item && !forEditing) return item.label
  }
  if (forEditing) return String(value)
  if (field.type === 'datetime' || field.type === 'date') {
    const time = Date.parse(String(value))
    if (Number.isNaN(time)) return String(value)
    const options: Intl.DateTimeFormatOptions =
      field.type === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }
    return new Intl.DateTimeFormat(locale, options).format(time)
  }
  if (field.type === 'double' || field.type === 'money') {
    const number = Number(String(value).split('|')[0])
    return Number.isFinite(number)
      ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(number)
      : String(value)
  }
  if (typeof value === 'boolean') return value ? '✓' : ''
  return String(value)
}
