import type { MultifieldChange, MultifieldType } from '../portal/methods/crm-values'
import { asList, isObject } from '../portal/methods/normalise'
import { defaultValueType } from './field-shapes'

/**
 * Phones, e-mails, websites, messengers and links (docs/bitrix24-protocol.md §6.3). A patch holds a list
 * of item changes, not the whole list: an item without ID is added, an item with an ID is changed,
 * or removed with `DELETE: 'Y'` (or an empty VALUE); items not mentioned are kept.
 *
 * One local-only form exists: `{ VALUE, VALUE_TYPE, DELETE: 'Y' }` without an ID withdraws an
 * unsent addition (it has no ID to name it by). It is folded away before anything is pushed.
 */

/** An item of a lead's list: printed by the portal (with ID) or added locally and unsent (no ID). */
export interface MultifieldEntry {
  ID?: string
  VALUE_TYPE: string
  VALUE: string
}

export type ItemChange =
  | { kind: 'add'; valueType: string | undefined; value: string }
  | { kind: 'change'; id: string; valueType: string | undefined; value: string }
  | { kind: 'delete'; id: string }
  | { kind: 'withdraw'; valueType: string | undefined; value: string }
  /** No ID and no value: the portal skips it. */
  | { kind: 'none' }

/** The portal casts IDs with (int): "12", 12 and "12abc" name item 12; 0 and "" name none. */
function itemId(value: unknown): string | undefined {
  const id = Number.parseInt(String(value ?? ''), 10)
  return id > 0 ? String(id) : undefined
}

function valueTypeOf(item: Record<string, unknown>): string | undefined {
  const text = String(item.VALUE_TYPE ?? '')
    .trim()
    .toUpperCase()
  return text === '' ? undefined : text
}

/** The changes of a patch value: a list, or a PHP map of items. */
export function changeItems(value: unknown): unknown[] {
  return asList(value)
}

export function readItemChange(raw: unknown): ItemChange {
  if (!isObject(raw)) return { kind: 'none' }
  const id = itemId(raw.ID)
  const value = raw.VALUE === null || raw.VALUE === undefined ? '' : String(raw.VALUE).trim()
  const valueType = valueTypeOf(raw)
  const deleting = String(raw.DELETE ?? '').toUpperCase() === 'Y'
  if (id) return deleting || value === '' ? { kind: 'delete', id } : { kind: 'change', id, valueType, value }
  if (value === '') return { kind: 'none' }
  return deleting ? { kind: 'withdraw', valueType, value } : { kind: 'add', valueType, value }
}

/** The change item to send (or keep in a patch) for a read change. */
export function writeItemChange(change: Exclude<ItemChange, { kind: 'none' }>): MultifieldChange
export function writeItemChange(change: ItemChange): MultifieldChange | undefined
export function writeItemChange(change: ItemChange): MultifieldChange | undefined {
  const typed = (valueType: string | undefined) => (valueType ? { VALUE_TYPE: valueType } : {})
  switch (change.kind) {
    case 'add':
      return { VALUE: change.value, ...typed(change.valueType) }
    case 'change':
      return { ID: change.id, VALUE: change.value, ...typed(change.valueType) }
    case 'delete':
      return { ID: change.id, DELETE: 'Y' }
    case 'withdraw':
      return { VALUE: change.value, ...typed(change.valueType), DELETE: 'Y' }
    case 'none':
      return undefined
  }
}

/** A lead's items of one type, from what the portal printed (or a create's list); empty values dropped. */
export function readEntries(type: MultifieldType, value: unknown): MultifieldEntry[] {
  const entries: MultifieldEntry[] = []
  for (const item of asList(value)) {
    if (!isObject(item) || String(item.DELETE ?? '').toUpperCase() === 'Y') continue
    const text = item.VALUE === null || item.VALUE === undefined ? '' : String(item.VALUE).trim()
    if (text === '') continue
    const id = itemId(item.ID)
    entries.push({ ...(id ? { ID: id } : {}), VALUE_TYPE: valueTypeOf(item) ?? defaultValueType(type), VALUE: text })
  }
  return entries
}

/** The same phone (e-mail, ...): same VALUE_TYPE and VALUE; IDs do not matter. */
export function sameEntry(a: Omit<MultifieldEntry, 'ID'>, b: Omit<MultifieldEntry, 'ID'>): boolean {
  return a.VALUE === b.VALUE && a.VALUE_TYPE === b.VALUE_TYPE
}

/** Whether an item already holds what a change or addition asks for (no VALUE_TYPE: any type). */
export function entryHolds(entry: MultifieldEntry, wanted: { value: string; valueType: string | undefined }): boolean {
  return entry.VALUE === wanted.value && (wanted.valueType === undefined || wanted.valueType === entry.VALUE_TYPE)
}

/**
 * The items after changes, as the portal applies them; two additions the portal would not tell
 * apart from an existing item (same type and value) are made once.
 */
export function applyItemChanges(
  type: MultifieldType,
  entries: readonly MultifieldEntry[],
  changes: unknown
): MultifieldEntry[] {
  let result = entries.map((entry) => ({ ...entry }))
  for (const raw of changeItems(changes)) {
    const change = readItemChange(raw)
    switch (change.kind) {
      case 'add': {
        const added = { VALUE_TYPE: change.valueType ?? defaultValueType(type), VALUE: change.value }
        if (!result.some((entry) => sameEntry(entry, added))) result.push(added)
        break
      }
      case 'change':
        // An ID the lead does not have is ignored, as the portal ignores other entities' IDs.
        result = result.map((entry) =>
          entry.ID === change.id
            ? { ...entry, VALUE: change.value, VALUE_TYPE: change.valueType ?? entry.VALUE_TYPE }
            : entry
        )
        break
      case 'delete':
        result = result.filter((entry) => entry.ID !== change.id)
        break
      case 'withdraw': {
        const index = result.findIndex((entry) => entry.ID === undefined && entryHolds(entry, change))
        if (index >= 0) result.splice(index, 1)
        break
      }
      case 'none':
        break
    }
  }
  return result
}

/** Pairs equal items of two lists (each used once); returns the unpaired ones of each side. */
function unpaired(left: readonly MultifieldEntry[], right: readonly MultifieldEntry[]) {
  const rest = [...right]
  const leftOnly = left.filter((entry) => {
    const index = rest.findIndex((other) => sameEntry(entry, other))
    if (index < 0) return true
    rest.splice(index, 1)
    return false
  })
  return { leftOnly, rightOnly: rest }
}

/** The change list that turns `from` into `to`; items without an ID are matched by value. */
export function diffEntries(from: readonly MultifieldEntry[], to: readonly MultifieldEntry[]): MultifieldChange[] {
  const fromIds = new Set(from.flatMap((entry) => (entry.ID ? [entry.ID] : [])))
  const toById = new Map(to.flatMap((entry) => (entry.ID ? [[entry.ID, entry] as const] : [])))
  const changes: ItemChange[] = []
  for (const entry of from) {
    if (!entry.ID) continue
    const target = toById.get(entry.ID)
    if (!target) changes.push({ kind: 'delete', id: entry.ID })
    else if (!sameEntry(entry, target))
      changes.push({ kind: 'change', id: entry.ID, value: target.VALUE, valueType: target.VALUE_TYPE || undefined })
  }
  const { leftOnly: withdrawn, rightOnly: added } = unpaired(
    from.filter((entry) => !entry.ID),
    to.filter((entry) => !entry.ID || !fromIds.has(entry.ID))
  )
  for (const entry of withdrawn) changes.push({ kind: 'withdraw', value: entry.VALUE, valueType: entry.VALUE_TYPE })
  for (const entry of added) changes.push({ kind: 'add', value: entry.VALUE, valueType: entry.VALUE_TYPE })
  return changes.flatMap((change) => writeItemChange(change) ?? [])
}

// Stands for an item whose value is not known; no real value can equal it.
const UNKNOWN_VALUE = '\u0000unknown'

/**
 * The shortest change list with the effect of `changeLists` applied in order to `base` (the
 * printed items; undefined when not known). Changes that undo each other vanish; an item named by
 * an ID the base does not show is kept as an item of unknown value, so no change is lost.
 */
export function canonicalChanges(type: MultifieldType, base: unknown, ...changeLists: unknown[]): MultifieldChange[] {
  const known = readEntries(type, base)
  const knownIds = new Set(known.map((entry) => entry.ID))
  const placeholders = new Map<string, MultifieldEntry>()
  for (const raw of changeLists.flatMap(changeItems)) {
    const change = readItemChange(raw)
    if ((change.kind === 'change' || change.kind === 'delete') && !knownIds.has(change.id))
      placeholders.set(change.id, { ID: change.id, VALUE_TYPE: '', VALUE: UNKNOWN_VALUE })
  }
  const start = [...known, ...placeholders.values()]
  const end = changeLists.reduce<MultifieldEntry[]>(
    (entries, changes) => applyItemChanges(type, entries, changes),
    start
  )
  return diffEntries(start, end)
}
