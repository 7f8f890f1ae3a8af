import type { MultifieldChange, MultifieldType } from '../portal/methods/crm-values'
import type { FieldPatch } from './lead-types'
import { sameFieldValue } from './field-equality'
import { ADDRESS_FIELDS, defaultValueType, isMultifield, type LeadSchema } from './field-shapes'
import {
  changeItems,
  diffEntries,
  entryHolds,
  readEntries,
  readItemChange,
  sameEntry,
  writeItemChange,
  type MultifieldEntry
} from './multifield-changes'
import { mergePatches, type PendingEdit } from './patch-ops'

/**
 * The three-way merge run before an update is pushed (docs/architecture.md §5). Per field of the local
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
 * the other parts (docs/bitrix24-protocol.md §6.4), so an update that sends one part sends them all.
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

// ---------------------------------------------------------------------------------------------
// An op's edit and its conflicts
// ---------------------------------------------------------------------------------------------

/** The part of an edit a conflict names: its field, and for a multifield the item change (`mine`). */
export interface ConflictedPart {
  field: string
  mine?: unknown
}

const isEmptyEdit = (edit: PendingEdit) => Object.keys(edit.patch).length === 0

/** Whether a change item of a patch is the one a conflict names (as the merge wrote it). */
function namesItem(raw: unknown, conflict: ConflictedPart): boolean {
  const written = writeItemChange(readItemChange(raw))
  return written !== undefined && JSON.stringify(written) === JSON.stringify(conflict.mine)
}

function withoutPart(edit: PendingEdit, conflict: ConflictedPart): PendingEdit {
  const { field } = conflict
  if (!has(edit.patch, field)) return edit
  const patch = { ...edit.patch }
  const base = { ...edit.base }
  const items = isMultifield(field) ? changeItems(patch[field]) : []
  const index = items.findIndex((raw) => namesItem(raw, conflict))
  if (index >= 0) items.splice(index, 1)
  if (items.length) patch[field] = items
  else {
    delete patch[field]
    delete base[field]
  }
  return { patch, base }
}

/** The edit without the parts its conflicts name: what the merge did not hold back. */
export function withoutConflicts(edit: PendingEdit, conflicts: readonly ConflictedPart[]): PendingEdit {
  return conflicts.reduce(withoutPart, edit)
}

/** Only the parts of the edit its conflicts name (with their bases): what waits for the user. */
export function conflictedPart(edit: PendingEdit, conflicts: readonly ConflictedPart[]): PendingEdit {
  const patch: FieldPatch = {}
  const base: FieldPatch = {}
  for (const conflict of conflicts) {
    const { field } = conflict
    if (!has(edit.patch, field)) continue
    if (isMultifield(field)) {
      const item = changeItems(edit.patch[field]).find((raw) => namesItem(raw, conflict))
      if (item === undefined) continue
      patch[field] = [...changeItems(patch[field]), item]
    } else patch[field] = edit.patch[field]
    if (has(edit.base, field)) base[field] = edit.base[field]
  }
  return { patch, base }
}

/** A multifield base with the items a resolution was made against in place of the ones of the same ID. */
function withBaseItems(field: MultifieldType, base: unknown, resolved: unknown): MultifieldEntry[] {
  const resolvedEntries = readEntries(field, resolved)
  const ids = new Set(resolvedEntries.map((entry) => entry.ID))
  return [...readEntries(field, base).filter((entry) => !ids.has(entry.ID)), ...resolvedEntries]
}

/** The edit with a resolution's change added (a multifield's items after its other item changes). */
function withResolution(edit: PendingEdit, resolution: PendingEdit): PendingEdit {
  const base = { ...edit.base }
  for (const field of Object.keys(resolution.patch)) {
    base[field] =
      isMultifield(field) && has(edit.patch, field)
        ? withBaseItems(field, base[field], resolution.base[field])
        : resolution.base[field]
  }
  return { patch: mergePatches(edit.patch, resolution.patch), base }
}

/**
 * The op's edit once the user decided a conflict: the conflicted field (or item) gives way to the
 * resolution (`resolveConflict`; null when the portal's value stays), the rest of the edit is kept.
 * Null when nothing is left to send.
 */
export function settleConflict(
  edit: PendingEdit,
  conflict: ConflictedPart,
  resolution: PendingEdit | null
): PendingEdit | null {
  const left = withoutPart(edit, conflict)
  const settled = resolution ? withResolution(left, resolution) : left
  return isEmptyEdit(settled) ? null : settled
}

/** The item changes that turn `have` (the lead's items) into `want` (a create's list): same items paired by value. */
function itemChangesTo(have: readonly MultifieldEntry[], want: readonly MultifieldEntry[]) {
  const unpaired = [...have]
  const target = want.map((entry) => {
    const index = unpaired.findIndex((candidate) => candidate.ID && sameEntry(candidate, entry))
    if (index < 0) return { VALUE_TYPE: entry.VALUE_TYPE, VALUE: entry.VALUE }
    const [paired] = unpaired.splice(index, 1) as [MultifieldEntry]
    return paired
  })
  return diffEntries(have, target)
}

/**
 * What a create still has to set when its lead turned out to be on the portal already (a try ran,
 * its answer was lost): the fields the lead does not hold as the create has them — changed since
 * that try, say, by the user fixing the parked create. Null when the lead holds them all.
 */
export function createLeftovers(
  fields: FieldPatch,
  lead: Record<string, unknown>,
  schema?: LeadSchema
): PendingEdit | null {
  const patch: FieldPatch = {}
  const base: FieldPatch = {}
  for (const [field, value] of Object.entries(fields)) {
    const printed = lead[field] ?? null
    if (isMultifield(field)) {
      const changes = itemChangesTo(readEntries(field, printed), readEntries(field, value))
      if (!changes.length) continue
      patch[field] = changes
    } else if (sameFieldValue(field, value, printed, schema)) continue
    else patch[field] = value
    base[field] = printed
  }
  return isEmptyEdit({ patch, base }) ? null : { patch, base }
}
