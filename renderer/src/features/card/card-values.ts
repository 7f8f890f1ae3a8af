/** Whether a field has nothing to show: no value, empty text, or an empty list (a multifield without items). */
export function isEmptyFieldValue(value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.every(isEmptyFieldValue)
  return false
}
