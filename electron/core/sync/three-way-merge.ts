import type { MultifieldChange, MultifieldType } from '../portal/methods/crm-values'
import type { FieldPatch } from '../store/types'
import { sameFieldValue } from './field-equality'
import { ADDRESS_FIELDS, defaultValueType, isMultifield, type LeadSchema } from './lead-field-shapes'
import {
  changeItems,
  entryHolds,
  readEntries,
  readItemChange,
  sameEntry,
  writeItemChange,
  type MultifieldEntry
} from './multifield-changes'
import type { PendingEdit } from './patch-ops'

/**
 * The three-way merge run before an update is pushed (architecture §5). Per field of the local
 * patch ("mine"), with the server's values when the edit was made ("base") and now ("theirs"):
 *
 * | base vs mine | theirs vs mine | theirs vs base | outcome                                   |
 * |--------------|----------------|----------------|-------------------------------------------|
 * | same         | any            | any            | not an edit: nothing sent                 |
 * | differ       | same           | any            | already applied: nothing sent             |
 * | differ       | differ         | same           | send mine                                 |
 * | differ       | differ         | differ         | conflict                                  |
 * | base unknown | same           | –              | already applied                           |
 * | base unknown | differ         | –              | conflict (the server may have changed it) |
 *
 * Fields the patch does not name are never sent, so changes to different fields merge by
 * themselves. Multifields merge per item (§6.3): additions on both sides are both kept.
 */

/** The same field (or multifield item) changed on both sides to different values. */
export interface MergeConflict {
  field: string
  /** The server's value when the edit was made; undefined when not known. For items: the item, null if none. */
  base: unknown
  /** The local value; for items the change item (`{ID, VALUE, VALUE_TYPE}` or `{ID, DELETE: 'Y'}`). */
  mine: unknown
  /** The server's value now; for items the item now, null when the server removed it. */
  theirs: unknown
}

export interface UpdateMerge {
  /** What to push now (empty when nothing is left to send). */
  send: FieldPatch
  /** Waiting for the user: mine / theirs / edit (`resolveConflict`). */
  conflicts: MergeConflict[]
  /** Fields the server already holds as the patch sets them (both sides made the same change). */
  alreadyApplied: string[]
  /** The lead is gone from the portal: nothing is sent, the user decides. */
  deletedOnServer: boolean
}

export interface MergeInput {
  base: FieldPatch
  mine: FieldPatch
  /** The lead as the portal has it now; null when it was deleted there. */
  theirs: Record<string, unknown> | null
  schema?: LeadSchema
}

interface FieldMerge {
  send?: unknown
  conflicts: MergeConflict[]
  applied: boolean
}

const has = (patch: object, field: string) => Object.hasOwn(patch, field)

function mergeScalar(field: string, input: MergeInput, theirs: Record<string, unknown>): FieldMerge {
  const same = (a: unknown, b: unknown) => sameFieldValue(field, a, b, input.schema)
  const mine = input.mine[field]
  const baseKnown = has(input.base, field)
  const base = input.base[field]
  const current = theirs[field]
  if (baseKnown && same(mine, base)) return { conflicts: [], applied: false }
  if (same(mine, current)) return { conflicts: [], applied: true }
  if (baseKnown && same(base, current)) return { send: mine, conflicts: [], applied: false }
  return { conflicts: [{ field, base, mine, theirs: current }], applied: false }
}

/** Per item (§6.3): items are named by ID, additions by value; items nobody touched stay as they are. */
function mergeMultifield(field: MultifieldType, input: MergeInput, theirs: Record<string, unknown>): FieldMerge {
  const baseEntries = has(input.base, field) ? readEntries(field, input.base[field]) : []
  const theirsEntries = readEntries(field, theirs[field])
  const send: MultifieldChange[] = []
  const conflicts: MergeConflict[] = []
  let applied = false
  for (const raw of changeItems(input.mine[field])) {
    const change = readItemChange(raw)
    // Empty items and withdrawals of unsent additions are local only: nothing to push.
    if (change.kind === 'none' || change.kind === 'withdraw') continue
    const item = writeItemChange(change)
    if (change.kind === 'add') {
      const wanted = { value: change.value, valueType: change.valueType ?? defaultValueType(field) }
      if (theirsEntries.some((entry) => entryHolds(entry, wanted))) applied = true
      else send.push(item)
      continue
    }
    const baseEntry = baseEntries.find((entry) => entry.ID === change.id)
    const theirsEntry = theirsEntries.find((entry) => entry.ID === change.id)
    if (change.kind === 'change' && baseEntry && entryHolds(baseEntry, change)) continue
    const done = change.kind === 'delete' ? !theirsEntry : theirsEntry !== undefined && entryHolds(theirsEntry, change)
    if (done) applied = true
    else if (baseEntry && theirsEntry && sameEntry(baseEntry, theirsEntry)) send.push(item)
    else conflicts.push({ field, base: baseEntry ?? null, mine: item, theirs: theirsEntry ?? null })
  }
  return { send: send.length ? send : undefined, conflicts, applied: applied && !send.length && !conflicts.length }
}

/**
 * The address parts a patch leaves out, taken from the server's lead: a partial address can blank
 * the other parts (bitrix24-rest.md §6.4), so an update that sends one part sends them all.
 */
export function withFullAddress(patch: FieldPatch, lead: Record<string, unknown>): FieldPatch {
  if (!ADDRESS_FIELDS.some((field) => has(patch, field))) return patch
  const completed = { ...patch }
  for (const field of ADDRESS_FIELDS) if (!has(completed, field) && has(lead, field)) completed[field] = lead[field]
  return completed
}

/** What to push for an update, what conflicts, and what the server already has (see the table above). */
export function mergeUpdate(input: MergeInput): UpdateMerge {
  const { theirs } = input
  if (theirs === null) return { send: {}, conflicts: [], alreadyApplied: [], deletedOnServer: true }
  const send: FieldPatch = {}
  const conflicts: MergeConflict[] = []
  const alreadyApplied: string[] = []
  for (const field of Object.keys(input.mine)) {
    const merged = isMultifield(field) ? mergeMultifield(field, input, theirs) : mergeScalar(field, input, theirs)
    if (merged.send !== undefined) send[field] = merged.send
    conflicts.push(...merged.conflicts)
    if (merged.applied) alreadyApplied.push(field)
  }
  return { send: withFullAddress(send, theirs), conflicts, alreadyApplied, deletedOnServer: false }
}

export type ConflictChoice = { kind: 'mine' } | { kind: 'theirs' } | { kind: 'edit'; value: unknown }

/** An item as the user means it: `{ VALUE, VALUE_TYPE }`, or just the text. */
function editedItem(value: unknown): { value: string; valueType: string | undefined } {
  const change = readItemChange(
    typeof value === 'object' && value !== null ? { ...value, ID: undefined } : { VALUE: value }
  )
  return change.kind === 'add' ? change : { value: '', valueType: undefined }
}

function resolveItemConflict(field: MultifieldType, conflict: MergeConflict, choice: ConflictChoice) {
  if (choice.kind === 'theirs') return null
  const [theirsEntry] = readEntries(field, conflict.theirs ? [conflict.theirs] : [])
  const [baseEntry] = readEntries(field, conflict.base ? [conflict.base] : [])
  const mine = readItemChange(conflict.mine)
  const wanted =
    choice.kind === 'edit'
      ? editedItem(choice.value)
      : mine.kind === 'change'
        ? { value: mine.value, valueType: mine.valueType }
        : { value: '', valueType: undefined }
  const valueType = wanted.valueType ?? (mine.kind === 'change' ? mine.valueType : undefined) ?? baseEntry?.VALUE_TYPE
  const item = resolvedItem(theirsEntry, { value: wanted.value, valueType })
  return item ? { patch: { [field]: [item] }, base: { [field]: theirsEntry ? [theirsEntry] : [] } } : null
}

/** The item change that makes the server's item (or its absence) hold `wanted` ('' = no item). */
function resolvedItem(
  theirsEntry: MultifieldEntry | undefined,
  wanted: { value: string; valueType: string | undefined }
): MultifieldChange | undefined {
  const typed = wanted.valueType ? { VALUE_TYPE: wanted.valueType } : {}
  if (!theirsEntry) return wanted.value === '' ? undefined : { VALUE: wanted.value, ...typed }
  if (wanted.value === '') return { ID: theirsEntry.ID, DELETE: 'Y' }
  return entryHolds(theirsEntry, wanted) ? undefined : { ID: theirsEntry.ID, VALUE: wanted.value, ...typed }
}

/**
 * The update that carries out the user's choice for a conflict, or null when the server already
 * holds the chosen value. Its base is the server's value the user saw, so a further change on the
 * portal before it is pushed is a new conflict, not overwritten.
 */
export function resolveConflict(
  conflict: MergeConflict,
  choice: ConflictChoice,
  schema?: LeadSchema
): PendingEdit | null {
  const { field } = conflict
  if (isMultifield(field)) return resolveItemConflict(field, conflict, choice)
  if (choice.kind === 'theirs') return null
  const value = choice.kind === 'mine' ? conflict.mine : choice.value
  if (sameFieldValue(field, value, conflict.theirs, schema)) return null
  return { patch: { [field]: value }, base: { [field]: conflict.theirs } }
}
