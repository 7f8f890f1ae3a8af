import { sameFieldValue } from './field-equality'

/** One field of a lead that changed: its value before and after (null for none). */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** Bookkeeping the portal updates with every save: it tells when, not what, so it is no change of its own. */
const BOOKKEEPING = new Set(['DATE_MODIFY', 'MODIFY_BY_ID'])

/**
 * The fields whose values differ between two versions of a lead (equal as the field's type sees
 * them: "5" and 5, phones in another order). `fields`: only these (default: every field of either).
 */
export function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: Iterable<string> = new Set([...Object.keys(before), ...Object.keys(after)])
): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of fields) {
    if (BOOKKEEPING.has(field) || field === 'ID') continue
    const old = before[field] ?? null
    const now = after[field] ?? null
    // Most fields did not change at all: only those that differ as they are spelt are compared by type.
    if (old === now || (typeof old === 'object' && JSON.stringify(old) === JSON.stringify(now))) continue
    if (!sameFieldValue(field, old, now)) changes.push({ field, before: old, after: now })
  }
  return changes
}
