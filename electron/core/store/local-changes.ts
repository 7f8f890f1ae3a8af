import { AppError } from '../errors'
import type { Statements } from './database'
import type { Conflicts } from './conflicts'
import { assertPatch } from './field-code'
import type { LeadRecords, StoredRecord } from './lead-records'
import type { OpChanges, Outbox } from './outbox'
import { refreshSyncState } from './sync-state'
import { applyPatch } from '../sync/patch-ops'
import type { FieldPatch, LeadKey, OutboxOp, ServerLead } from './types'

/**
 * Everything that queues, changes or retires outbox ops. The invariant kept here: a lead's local
 * patch is the merge, in seq order, of the patches of its create/update ops that are not done,
 * and its sync state follows from its ops and conflicts. Callers run each method in one
 * transaction (LeadStore does).
 */
export class LocalChanges {
  constructor(
    private readonly statements: Statements,
    private readonly records: LeadRecords,
    private readonly outbox: Outbox,
    private readonly conflicts: Conflicts,
    private readonly now: () => number
  ) {}

  applyEdit(key: LeadKey, patch: FieldPatch, base: FieldPatch): OutboxOp {
    assertPatch(patch, 'Lead edit')
    if (Object.keys(patch).length === 0) throw new AppError('INVALID_ARGUMENT', 'Lead edit: nothing to change.')
    this.requireLead(key)
    const op = this.outbox.insert({ kind: 'update', leadKey: key, patch, base }, this.now())
    this.refreshLead(key)
    return op
  }

  create(fields: FieldPatch, clientKey: string): { key: LeadKey; op: OutboxOp } {
    assertPatch(fields, 'New lead')
    if (typeof clientKey !== 'string' || clientKey === '') {
      throw new AppError('INVALID_ARGUMENT', 'New lead: a client key is needed (it is written to ORIGIN_ID).')
    }
    const key = -this.nextLocalNumber()
    // Nothing of it is on the portal yet; after the push the full copy is still to be read.
    this.records.write({ key, server: null, local: fields, hasFull: false }, undefined)
    const op = this.outbox.insert({ kind: 'create', leadKey: key, patch: fields, base: {}, clientKey }, this.now())
    this.refreshLead(key)
    return { key, op }
  }

  /**
   * A lead the portal never saw (its create not sent yet) simply disappears. Otherwise a delete
   * op is queued (returned); the grid hides the lead until the delete is done or parked.
   */
  delete(key: LeadKey): OutboxOp | undefined {
    const lead = this.requireLead(key)
    const ops = this.outbox.list(key)
    const neverSent = ops.every((op) => op.state === 'pending' || op.state === 'needs-attention')
    if (lead.serverJson === null && neverSent) {
      this.records.remove(key)
      return undefined
    }
    const queued = ops.find((op) => op.kind === 'delete' && op.state !== 'done')
    if (queued) return queued
    const op = this.outbox.insert({ kind: 'delete', leadKey: key, patch: {}, base: {} }, this.now())
    refreshSyncState(this.statements, key)
    return op
  }

  /** Product rows ({ rows }) or contact bindings ({ items }): pushed in order, not shown in the grid. */
  queue(key: LeadKey, kind: 'productrows' | 'contacts', payload: FieldPatch): OutboxOp {
    this.requireLead(key)
    const op = this.outbox.insert({ kind, leadKey: key, patch: payload, base: {} }, this.now())
    refreshSyncState(this.statements, key)
    return op
  }

  /**
   * After a create was pushed: the lead, its ops and its conflicts move to the portal's ID. If
   * a pull already brought that lead, its server copy stays and the local work joins it.
   */
  replaceKey(tempKey: LeadKey, serverId: LeadKey): void {
    if (!Number.isInteger(tempKey) || tempKey >= 0) {
      throw new AppError('INVALID_ARGUMENT', `Not a temporary lead key: ${tempKey}`)
    }
    if (!Number.isInteger(serverId) || serverId <= 0) {
      throw new AppError('INVALID_ARGUMENT', `Not a portal lead ID: ${serverId}`)
    }
    this.requireLead(tempKey)
    if (this.records.exists(serverId)) {
      this.outbox.moveToLead(tempKey, serverId)
      this.conflicts.moveToLead(tempKey, serverId)
      this.records.remove(tempKey)
      this.refreshLead(serverId)
    } else {
      this.records.rekey(tempKey, serverId)
    }
  }

  /**
   * The portal accepted the op. Its values become part of the server copy (or `serverCopy`, if
   * the caller read one, is merged in), so the grid keeps showing them until the next pull.
   * A done delete removes the lead.
   */
  complete(opId: string, serverCopy?: ServerLead): boolean {
    const op = this.outbox.get(opId)
    if (!op) return false
    if (op.kind === 'delete') {
      this.records.remove(op.leadKey)
      return true
    }
    if (op.kind === 'create' || op.kind === 'update') {
      if (op.leadKey < 0) {
        throw new AppError('INVALID_ARGUMENT', 'Replace the temporary key with the portal ID before completing the op.')
      }
      if (serverCopy && String(serverCopy.ID) !== String(op.leadKey)) {
        throw new AppError('INVALID_ARGUMENT', `The server copy is of lead ${serverCopy.ID}, not ${op.leadKey}.`)
      }
      const stored = this.requireLead(op.leadKey)
      const lead = stored.toLead()
      // Multifield patches are item changes, not lists: applied to the items, never copied over them.
      const written = serverCopy ?? applyPatch(lead.server ?? {}, op.patch)
      const server: ServerLead = { ...lead.server, ...written, ID: String(op.leadKey) }
      this.records.write({ ...lead, server }, stored)
      this.rebaseLaterEdits(op, server, serverCopy !== undefined)
    }
    this.outbox.remove(opId)
    this.refreshLead(op.leadKey)
    return true
  }

  /**
   * A create pushed: the temporary key becomes the portal's ID and the op is done, in one step
   * (the caller's transaction), so a crash never leaves a re-keyed lead with its create unfinished.
   */
  completeCreate(opId: string, serverId: LeadKey, serverCopy?: ServerLead): boolean {
    const op = this.outbox.get(opId)
    if (!op || op.kind !== 'create') return false
    this.replaceKey(op.leadKey, serverId)
    return this.complete(opId, serverCopy)
  }

  /**
   * The lead's later unsent updates were made on top of the op just done (the user saw its values):
   * their base for the fields it wrote becomes what the portal holds now, so the three-way merge
   * does not take our own earlier change for someone else's. With `fullCopy` (the lead as the
   * portal printed it) every base field is taken from it: after a create, fields the create did
   * not set hold the portal's defaults, which are no one's change either.
   */
  private rebaseLaterEdits(done: OutboxOp, server: ServerLead, fullCopy: boolean): void {
    for (const later of this.outbox.list(done.leadKey)) {
      if (later.seq <= done.seq || later.kind !== 'update' || later.state === 'done') continue
      const fields = Object.keys(later.base).filter(
        (field) => Object.hasOwn(done.patch, field) || (fullCopy && done.kind === 'create')
      )
      if (!fields.length) continue
      const base = { ...later.base }
      for (const field of fields) base[field] = server[field] ?? null
      this.outbox.update(later.opId, { base })
    }
  }

  /** Drops an op unsent (undo, discard). Dropping the create of a lead the portal never saw drops the lead. */
  remove(opId: string): boolean {
    const op = this.outbox.get(opId)
    if (!op) return false
    const lead = this.records.read(op.leadKey)
    if (op.kind === 'create' && lead?.server === null) {
      this.records.remove(op.leadKey)
      return true
    }
    this.outbox.remove(opId)
    this.refreshLead(op.leadKey)
    return true
  }

  mark(opId: string, changes: OpChanges): boolean {
    if (changes.patch !== undefined) assertPatch(changes.patch, 'Op patch')
    const op = this.outbox.get(opId)
    if (!op || !this.outbox.update(opId, changes)) return false
    this.refreshLead(op.leadKey)
    return true
  }

  /** Recomputes the local patch (and so the indexed columns) and the sync state from the ops. */
  refreshLead(key: LeadKey): void {
    const stored = this.records.readStored(key)
    if (!stored) return
    this.records.write({ ...stored.toLead(), local: localPatchOf(this.outbox.list(key)) }, stored)
    refreshSyncState(this.statements, key)
  }

  private requireLead(key: LeadKey): StoredRecord {
    const lead = this.records.readStored(key)
    if (!lead) throw new AppError('NOT_FOUND', `There is no lead ${key} in the local store.`)
    return lead
  }

  private nextLocalNumber(): number {
    // A counter rather than min(key) - 1, so a key is never reused after its lead moved away.
    return this.statements.one<{ value: number }>(
      `INSERT INTO counters (name, value) VALUES ('local-lead-key', 1)
       ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`
    )!.value
  }
}

function localPatchOf(ops: readonly OutboxOp[]): FieldPatch | null {
  const edits = ops.filter((op) => (op.kind === 'create' || op.kind === 'update') && op.state !== 'done')
  return edits.length === 0 ? null : Object.assign({}, ...edits.map((op) => op.patch))
}
