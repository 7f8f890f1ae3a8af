import type { MultifieldChange, MultifieldType } from '../portal/methods/crm-values'
import type { FieldPatch } from './lead-types'
import { sameFieldValue } from './field-equality'
import { defaultValueType, isMultifield, type LeadSchema } from './field-shapes'
import {
  applyItemChanges,
  canonicalChanges,
  changeItems,
  entryHolds,
  readEntries,
  readItemChange,
  type MultifieldEntry
} from './multifield-changes'

/**
 * The algebra of unsent edits in the outbox (docs/architecture.md §5): a new edit folds into the lead's
 * unsent one, an edit back to the base value disappears, a sent edit is undone by a compensating
 * update, and updates of an unsent create fold into it.
 */

/** An update's changed fields and the server values they were made against (three-way merge base). */
export interface PendingEdit {
  patch: FieldPatch
  /** Per patched field: the server's value when it was first edited; a field left out is "not known". */
  base: FieldPatch
}

const has = (patch: object, field: string) => Object.hasOwn(patch, field)

/**
 * The edit without the fields it no longer changes: a field set back to its base value goes; a
 * multifield keeps the shortest list of item changes with the same effect (an added-then-removed
 * phone is gone). A field whose base is not known is kept as it is.
 */
export function withoutNoopFields(edit: PendingEdit, schema?: LeadSchema): PendingEdit {
  const patch: FieldPatch = {}
  const base: FieldPatch = {}
  for (const [field, value] of Object.entries(edit.patch)) {
    const baseKnown = has(edit.base, field)
    let kept: unknown = value
    if (isMultifield(field)) {
      const changes = canonicalChanges(field, baseKnown ? edit.base[field] : undefined, value)
      if (!changes.length) continue
      kept = changes
    } else if (baseKnown && sameFieldValue(field, value, edit.base[field], schema)) {
      continue
    }
    patch[field] = kept
    if (baseKnown) base[field] = edit.base[field]
  }
  return { patch, base }
}

/**
 * A later edit folded into an earlier unsent one of the same lead: the later value wins, each
 * field keeps its earliest base (the server value the first unsent change was made against), and
 * multifield changes apply in order.
 */
export function combineEdits(earlier: PendingEdit, later: PendingEdit, schema?: LeadSchema): PendingEdit {
  const base: FieldPatch = { ...earlier.base }
  for (const field of Object.keys(later.patch)) {
    if (!has(base, field) && has(later.base, field)) base[field] = later.base[field]
  }
  return withoutNoopFields({ patch: mergePatches(earlier.patch, later.patch), base }, schema)
}

/** Two patches as one: the later value wins, and multifield item changes apply in order. */
export function mergePatches(earlier: FieldPatch, later: FieldPatch): FieldPatch {
  const patch: FieldPatch = { ...earlier }
  for (const [field, value] of Object.entries(later)) {
    patch[field] =
      isMultifield(field) && has(earlier, field) ? [...changeItems(earlier[field]), ...changeItems(value)] : value
  }
  return patch
}

export interface Compensation {
  /** The update that sets every field back; null when nothing can or needs to be set back. */
  edit: PendingEdit | null
  /** Fields that cannot be set back: their value before the edit is not known. */
  irreversible: string[]
}

function compensateItems(field: MultifieldType, sent: PendingEdit, current: Record<string, unknown> | undefined) {
  const before = readEntries(field, sent.base[field])
  // Items the edit added got their IDs on the portal: find them in the lead as it is now.
  const unclaimed = current ? readEntries(field, current[field]) : undefined
  const items: MultifieldChange[] = []
  const after: MultifieldEntry[] = []
  let complete = true
  for (const raw of changeItems(sent.patch[field])) {
    const change = readItemChange(raw)
    if (change.kind === 'add') {
      if (!unclaimed) {
        complete = false
        continue
      }
      const wanted = { value: change.value, valueType: change.valueType ?? defaultValueType(field) }
      const index = unclaimed.findIndex((entry) => entry.ID && entryHolds(entry, wanted))
      if (index < 0) continue // someone removed it already
      const [added] = unclaimed.splice(index, 1) as [MultifieldEntry]
      items.push({ ID: added.ID, DELETE: 'Y' })
      after.push(added)
      continue
    }
    if (change.kind !== 'change' && change.kind !== 'delete') continue
    const previous = before.find((entry) => entry.ID === change.id)
    if (!previous) complete = false
    else if (change.kind === 'delete') items.push({ VALUE: previous.VALUE, VALUE_TYPE: previous.VALUE_TYPE })
    else {
      items.push({ ID: change.id, VALUE: previous.VALUE, VALUE_TYPE: previous.VALUE_TYPE })
      after.push({ ID: change.id, VALUE: change.value, VALUE_TYPE: change.valueType ?? previous.VALUE_TYPE })
    }
  }
  return { items, after, complete }
}

/**
 * Undo of an edit that was already sent: an update setting each field back to its value before
 * the edit. Its base is what the edit set, so a change made on the portal since then is a
 * conflict, never silently overwritten. `current` (the lead now) finds the IDs of added items.
 */
export function compensatingUpdate(sent: PendingEdit, current?: Record<string, unknown>): Compensation {
  const patch: FieldPatch = {}
  const base: FieldPatch = {}
  const irreversible: string[] = []
  for (const [field, value] of Object.entries(sent.patch)) {
    if (!has(sent.base, field)) {
      irreversible.push(field)
      continue
    }
    if (!isMultifield(field)) {
      patch[field] = sent.base[field]
      base[field] = value
      continue
    }
    const { items, after, complete } = compensateItems(field, sent, current)
    if (!complete) irreversible.push(field)
    if (items.length) {
      patch[field] = items
      base[field] = after
    }
  }
  return { edit: Object.keys(patch).length ? { patch, base } : null, irreversible }
}

/** Written by the create and the key that finds it again after a lost answer: an update must not change them. */
const CREATE_KEY_FIELDS = new Set(['ORIGIN_ID', 'ORIGINATOR_ID'])

/** An update of a lead whose create is still unsent, folded into the create's fields. */
export function foldUpdateIntoCreate(createFields: FieldPatch, update: FieldPatch): FieldPatch {
  const fields: FieldPatch = { ...createFields }
  for (const [field, value] of Object.entries(update)) {
    if (CREATE_KEY_FIELDS.has(field)) continue
    if (!isMultifield(field)) {
      fields[field] = value
      continue
    }
    const items = applyItemChanges(field, readEntries(field, createFields[field]), value)
    if (items.length) fields[field] = items.map(({ VALUE, VALUE_TYPE }) => ({ VALUE, VALUE_TYPE }))
    else delete fields[field]
  }
  return fields
}

/** The lead as the user sees it: the server copy with the pending patch applied. */
export function applyPatch(lead: Record<string, unknown>, patch: FieldPatch): Record<string, unknown> {
  const view: Record<string, unknown> = { ...lead }
  for (const [field, value] of Object.entries(patch)) {
    if (!isMultifield(field)) {
      view[field] = value
      continue
    }
    const items = applyItemChanges(field, readEntries(field, lead[field]), value)
    // As the portal prints it: no key when the lead has no items of the type.
    if (items.length) view[field] = items.map((item) => ({ ...item, TYPE_ID: field }))
    else delete view[field]
  }
  return view
}
