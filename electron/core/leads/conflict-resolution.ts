import { randomUUID } from 'node:crypto'
import type { LeadStore } from '../store/lead-store'
import { assertNotSending } from '../store/outbox'
import { isLeadRelationOp, type Conflict, type FieldPatch, type LeadKey } from '../domain/lead-types'
import { isMultifield, type LeadSchema } from '../domain/field-shapes'
import { leadSchemaOf } from '../metadata/lead-schema'
import { readEntries } from '../domain/multifield-changes'
import type { PendingEdit } from '../domain/patch-ops'
import { resolveConflict, settleConflict, type ConflictChoice } from '../domain/three-way-merge'

/**
 * The user's decision on a conflict, carried out in one transaction. A field conflict settles only
 * its own field (or item) inside the op that holds it: the op's other unsent fields stay queued.
 * A lead deleted on the portal goes with all its work ("theirs"), or is made again from what the
 * user has, with its queued product rows and contacts ("mine").
 */
export interface ConflictDecision {
  store: LeadStore
  /** Checks a value as any edit is checked (throws INVALID_VALUE), in the form to send. */
  validate(patch: FieldPatch): FieldPatch
  /** The lead as the user sees it now. */
  values(key: LeadKey): Record<string, unknown>
}

export function decideConflict(decision: ConflictDecision, conflict: Conflict, choice: ConflictChoice): void {
  if (conflict.kind === 'field' && conflict.field) {
    settleFieldConflict(decision, { ...conflict, field: conflict.field }, choice)
  } else if (choice.kind === 'theirs') {
    decision.store.atomically(() => dropLead(decision.store, conflict.leadKey))
  } else {
    recreateLead(decision, conflict.leadKey)
  }
}

function settleFieldConflict(
  { store, validate }: ConflictDecision,
  conflict: Conflict & { field: string },
  choice: ConflictChoice
): void {
  const resolution = checkedResolution(conflict, choice, validate, leadSchemaOf(store.metadata()))
  store.atomically(() => {
    const op = store.getOp(conflict.opId)
    if (op) assertNotSending(op)
    store.removeConflict(conflict.id)
    if (!op) {
      // An older conflict whose op is gone: the choice is queued as an edit of its own.
      if (resolution) store.applyLocalEdit(conflict.leadKey, resolution.patch, resolution.base)
      return
    }
    const edit = settleConflict(op, conflict, resolution)
    if (!edit) {
      store.removeOp(op.opId)
      return
    }
    // An op parked only for its conflicts goes again once the last of them is decided.
    const decided = !op.lastError && !store.listConflicts(op.leadKey).some((other) => other.opId === op.opId)
    const resume = decided && op.state === 'needs-attention' ? { state: 'pending' as const, nextAttemptAt: 0 } : {}
    store.markOp(op.opId, { ...edit, ...resume })
  })
}

/** The update that carries out the choice; an edited value is checked like any edit first. */
function checkedResolution(
  conflict: Conflict & { field: string },
  choice: ConflictChoice,
  validate: ConflictDecision['validate'],
  schema: LeadSchema
): PendingEdit | null {
  const { field, base, mine, theirs } = conflict
  const resolution = resolveConflict({ field, base, mine, theirs }, choice, schema)
  if (!resolution || choice.kind !== 'edit') return resolution
  return { patch: validate(resolution.patch), base: resolution.base }
}

/** The lead and all its work leave the local copy (the portal deleted it, and the user agrees). */
function dropLead(store: LeadStore, key: LeadKey): void {
  for (const conflict of store.listConflicts(key)) store.removeConflict(conflict.id)
  for (const op of store.listOps(key)) store.removeOp(op.opId)
  store.deleteServerLeads([key])
}

/** The lead deleted on the portal is made again from what the user has; its product rows and contacts follow. */
function recreateLead({ store, values }: ConflictDecision, key: LeadKey): void {
  const fields = fieldsToRecreate(values(key))
  store.atomically(() => {
    const follow = store.listOps(key).filter(isLeadRelationOp)
    dropLead(store, key)
    const created = store.createLocalLead(fields, randomUUID())
    for (const op of follow) store.queueLeadOp(created.key, op.kind, op.patch)
  })
}

/**
 * The fields of a new lead with these values. Phones, e-mails, ... go as new items: their IDs
 * named the deleted lead's items, and the portal skips an item whose ID is not the lead's own.
 */
function fieldsToRecreate(values: Record<string, unknown>): FieldPatch {
  const { ID: _id, ...fields } = values
  for (const field of Object.keys(fields))
    if (isMultifield(field))
      fields[field] = readEntries(field, fields[field]).map(({ VALUE, VALUE_TYPE }) => ({ VALUE, VALUE_TYPE }))
  return fields
}
