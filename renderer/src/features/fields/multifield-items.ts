/**
 * Phones, e-mails and the like as the editor keeps them: the lead's items, each with its kind.
 * The list it gives back is the change the portal reads: items with an ID are kept or changed,
 * removed ones are marked `DELETE: 'Y'`, new ones have no ID.
 */
export interface MultifieldItem {
  ID?: string
  VALUE: string
  VALUE_TYPE: string
  DELETE?: 'Y'
}

export function multifieldItems(value: unknown): MultifieldItem[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => {
      const entry: MultifieldItem = { VALUE: String(item.VALUE ?? ''), VALUE_TYPE: String(item.VALUE_TYPE ?? '') }
      if (item.ID !== undefined && item.ID !== null && item.ID !== '') entry.ID = String(item.ID)
      if (String(item.DELETE ?? '').toUpperCase() === 'Y') entry.DELETE = 'Y'
      return entry
    })
}

/** The list with one item removed: an item the portal has is marked for deletion, a new one goes. */
export function withoutItem(items: MultifieldItem[], index: number): MultifieldItem[] {
  const item = items[index]
  if (!item) return items
  if (!item.ID) return items.filter((_, position) => position !== index)
  return items.map((candidate, position) =>
    position === index
      ? { ID: candidate.ID, VALUE: candidate.VALUE, VALUE_TYPE: candidate.VALUE_TYPE, DELETE: 'Y' as const }
      : candidate
  )
}
