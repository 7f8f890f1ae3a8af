import { AppError } from '../errors'
import { applyPatch, compensatingUpdate, foldUpdateIntoCreate, mergePatches } from '../domain/patch-ops'
import { conflictedPart, createLeftovers, withoutConflicts } from '../domain/three-way-merge'
import type { LeadSchema } from '../domain/field-shapes'
import type { Statements } from './database'
import type { Conflicts } from './conflicts'
import { assertPatch } from './field-code'
import type { LeadRecords, StoredRecord } from './lead-records'
import { assertNotSending, mayHaveReachedPortal, type NewOp, type OpChanges, type Outbox } from './outbox'
import type { LeadRelations } from './lead-relations'
import { refreshSyncState } from './sync-state'
import { isLeadRelationOp, relationItems } from '../domain/lead-types'
import type {
  Conflict,
  FieldPatch,
  LeadKey,
  LeadRelationKind,
  OutboxOp,
  OutboxPayloads,
  ServerLead
} from '../domain/lead-types'

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
    private readonly relations: LeadRelations,
    private readonly now: () => number,
    /** The portal's field types, so values compare by type ("5" and 5 in an integer userfield). */
    private readonly schema: () => LeadSchema
  ) {}

  applyEdit(key: LeadKey, patch: FieldPatch, base: FieldPatch): OutboxOp {
    assertPatch(patch, 'Lead edit')
    if (Object.keys(patch).length === 0) throw new AppError('INVALID_ARGUMENT', 'Lead edit: nothing to change.')
    this.requireChangeable(key)
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
   * A lead the portal never saw (its create never tried) simply disappears. One whose create may
   * have reached the portal is looked up there and deleted (see `findAndDelete`); otherwise a
   * delete op is queued (returned). The grid hides the lead until the delete is done or parked.
   */
  delete(key: LeadKey): OutboxOp | undefined {
    const lead = this.requireLead(key)
    const ops = this.outbox.list(key)
    const queued = ops.find((op) => op.kind === 'delete' && op.state !== 'done')
    if (queued) return queued
    if (lead.serverJson === null) return this.deleteOfflineLead(key, ops)
    return this.queueDelete(key)
  }

  private deleteOfflineLead(key: LeadKey, ops: readonly OutboxOp[]): OutboxOp | undefined {
    const create = ops.find((op) => op.kind === 'create')
    // Never tried, the portal never saw it (and without a client key it could not be found).
    if (!create?.clientKey || !mayHaveReachedPortal(create)) {
      this.records.remove(key)
      return undefined
    }
    // On its way: the delete follows it (and moves to the portal's ID with it).
    if (create.state === 'sending') return this.queueDelete(key, create.clientKey)
    return this.findAndDelete(create)
  }

  private queueDelete(key: LeadKey, clientKey?: string): OutboxOp {
    const op = this.outbox.insert({ kind: 'delete', leadKey: key, patch: {}, base: {}, clientKey }, this.now())
    refreshSyncState(this.statements, key)
    return op
  }

  /** A whole-set change of product rows or contact bindings: pushed in order, not shown in the grid. */
  queue<K extends LeadRelationKind>(key: LeadKey, kind: K, payload: OutboxPayloads[K]): OutboxOp {
    this.requireChangeable(key)
    const op = this.outbox.insert({ kind, leadKey: key, patch: payload, base: {} } as NewOp, this.now())
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
    if (op.kind === 'create' || op.kind === 'update') this.takeIntoServerCopy(op, serverCopy)
    // The portal now holds what was sent (it may have computed more: the next read brings that).
    if (isLeadRelationOp(op)) this.relations.set(op.leadKey, op.kind, relationItems(op.kind, op.patch))
    this.dropOp(opId)
    this.refreshLead(op.leadKey)
    return true
  }

  /**
   * The op's values (or `serverCopy`, the lead as the caller read it) join the server copy, and
   * the lead's later edits are rebased on them.
   */
  private takeIntoServerCopy(op: OutboxOp, serverCopy: ServerLead | undefined): void {
    if (op.leadKey < 0) {
      throw new AppError('INVALID_ARGUMENT', 'Replace the temporary key with the portal ID before completing the op.')
    }
    if (serverCopy && String(serverCopy.ID) !== String(op.leadKey)) {
      throw new AppError('INVALID_ARGUMENT', `The server copy is of lead ${serverCopy.ID}, not ${op.leadKey}.`)
    }
    const stored = this.requireLead(op.leadKey)
    const lead = stored.toLead()
    // Multifield patches are item changes, not lists: applied to the items, never copied over them
    // (and a type whose last item went has no key, as the portal prints it).
    const written = serverCopy ? { ...lead.server, ...serverCopy } : applyPatch(lead.server ?? {}, op.patch)
    const server: ServerLead = { ...written, ID: String(op.leadKey) }
    this.records.write({ ...lead, server }, stored)
    this.rebaseLaterEdits(op, server, serverCopy !== undefined)
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
   * A create that may have run before was found on the portal (`found`, by its ORIGIN_ID): the lead
   * takes its ID and values, and what the create holds that the lead lacks (a fix the user made
   * since) stays queued, in the create's place, as an update.
   */
  adoptFoundCreate(opId: string, found: ServerLead): boolean {
    const op = this.outbox.get(opId)
    if (!op || op.kind !== 'create') return false
    const serverId = Number(found.ID)
    const leftovers = createLeftovers(op.patch, found, this.schema())
    if (!leftovers) return this.completeCreate(opId, serverId, found)
    this.replaceKey(op.leadKey, serverId)
    this.takeIntoServerCopy({ ...op, leadKey: serverId }, found)
    this.outbox.rewrite(opId, { kind: 'update', ...leftovers, attempts: 0 }, this.now())
    this.refreshLead(serverId)
    return true
  }

  /**
   * An update met conflicts: the portal now holds its values except the conflicted ones (sent,
   * or there already: `heldFields`), and `serverCopy` is the lead as it then is. The op keeps only
   * its conflicted part, which waits for the user; the merge held that part back, so nothing of
   * what is left was ever sent and its tries start over.
   */
  keepConflictedPart(opId: string, serverCopy: ServerLead, heldFields: readonly string[]): boolean {
    const op = this.outbox.get(opId)
    if (!op) return false
    const conflicts = this.fieldConflictsOf(opId)
    if (!conflicts.length) return this.complete(opId, serverCopy)
    if (op.kind !== 'update')
      throw new AppError('INVALID_ARGUMENT', `Only an update can keep a conflicted part (op ${opId} is a ${op.kind}).`)
    this.takeIntoServerCopy({ ...op, patch: onlyFields(op.patch, new Set(heldFields)) }, serverCopy)
    const kept = conflictedPart(op, conflicts)
    this.outbox.update(opId, { ...kept, state: 'needs-attention', attempts: 0, lastError: null })
    this.refreshLead(op.leadKey)
    return true
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

  /**
   * Drops an op as it is, with its conflicts. Dropping the create of a lead the portal never saw
   * drops the lead. (Taking back a change the user made is `withdraw`.)
   */
  remove(opId: string): boolean {
    const op = this.outbox.get(opId)
    if (!op) return false
    const lead = this.records.read(op.leadKey)
    if (op.kind === 'create' && lead?.server === null) {
      this.records.remove(op.leadKey)
      return true
    }
    this.dropOp(opId)
    this.refreshLead(op.leadKey)
    return true
  }

  /**
   * Takes back a change (undo, discard). One that never reached the portal is dropped; one that may
   * have is undone there: a create by deleting what it made, an update by a compensating update
   * of the fields it may have set. A conflicted part never went (the merge held it back), and
   * nothing is left to undo on a lead the portal deleted. A withdrawn delete of an offline lead
   * brings its create back.
   */
  withdraw(opId: string): boolean {
    const op = this.outbox.get(opId)
    if (!op) return false
    assertNotSending(op)
    if (this.isFindAndDelete(op)) return this.restoreCreate(op)
    const leadGone = this.conflicts.forOp(opId).some((conflict) => conflict.kind === 'deleted')
    if (!mayHaveReachedPortal(op) || leadGone) return this.remove(opId)
    if (op.kind === 'create') this.findAndDelete(op)
    else if (op.kind === 'update') this.compensate(op)
    else this.remove(opId)
    return true
  }

  mark(opId: string, changes: OpChanges): boolean {
    if (changes.patch !== undefined) assertPatch(changes.patch, 'Op patch')
    const op = this.outbox.get(opId)
    if (!op || !this.outbox.update(opId, changes)) return false
    // The local patch follows only from the ops' patches and whether they are done: a change of
    // state, tries or error (push marks every op it sends) moves the sync state alone.
    const patchMayChange = changes.patch !== undefined || changes.state === 'done' || op.state === 'done'
    if (patchMayChange) this.refreshLead(op.leadKey)
    else refreshSyncState(this.statements, op.leadKey)
    return true
  }

  /** Recomputes the local patch (and so the indexed columns) and the sync state from the ops. */
  refreshLead(key: LeadKey): void {
    const stored = this.records.readStored(key)
    if (!stored) return
    this.records.write({ ...stored.toLead(), local: localPatchOf(this.outbox.list(key)) }, stored)
    refreshSyncState(this.statements, key)
  }

  /** An op leaves the outbox, and its conflicts with it. */
  private dropOp(opId: string): void {
    this.outbox.remove(opId)
    this.conflicts.removeForOp(opId)
  }

  private fieldConflictsOf(opId: string): Array<Conflict & { field: string }> {
    return this.conflicts
      .forOp(opId)
      .filter((conflict): conflict is Conflict & { field: string } => conflict.kind === 'field' && !!conflict.field)
  }

  /**
   * An offline lead whose create may have reached the portal goes: its ops give way to one delete
   * that first looks the lead up by the create's ORIGIN_ID (push deletes what it finds, or just
   * drops the lead). It keeps the lead's fields and the create's tries, so withdrawing it brings
   * the create back as it was.
   */
  private findAndDelete(create: OutboxOp): OutboxOp {
    const ops = this.outbox.list(create.leadKey)
    const fields = ops.reduce(
      (folded, op) => (op.kind === 'update' ? foldUpdateIntoCreate(folded, op.patch) : folded),
      create.patch
    )
    for (const op of ops) this.dropOp(op.opId)
    const { leadKey, clientKey, attempts } = create
    const op = this.outbox.insert({ kind: 'delete', leadKey, patch: fields, base: {}, clientKey, attempts }, this.now())
    this.refreshLead(leadKey)
    return op
  }

  /** A delete of a lead made offline whose create it replaced (`findAndDelete`). */
  private isFindAndDelete(op: OutboxOp): boolean {
    return (
      op.kind === 'delete' && op.leadKey < 0 && !this.outbox.list(op.leadKey).some((other) => other.kind === 'create')
    )
  }

  private restoreCreate(op: OutboxOp): boolean {
    this.outbox.rewrite(op.opId, { kind: 'create', patch: op.patch, base: {}, attempts: op.attempts }, this.now())
    this.refreshLead(op.leadKey)
    return true
  }

  /**
   * An update that may have reached the portal is taken back by a compensating one: each field it
   * may have set goes back to its value before, unless a later edit of the lead sets it anyway.
   */
  private compensate(op: OutboxOp): void {
    const mayHaveSent = withoutConflicts(op, this.fieldConflictsOf(op.opId))
    const later = new Set(
      this.outbox
        .list(op.leadKey)
        .filter((other) => other.seq > op.seq && (other.kind === 'update' || other.kind === 'create'))
        .flatMap((other) => Object.keys(other.patch))
    )
    const undone = { patch: withoutFields(mayHaveSent.patch, later), base: withoutFields(mayHaveSent.base, later) }
    const server = this.records.read(op.leadKey)?.server ?? undefined
    const compensation = compensatingUpdate(undone, server).edit
    this.dropOp(op.opId)
    if (compensation) this.outbox.insert({ kind: 'update', leadKey: op.leadKey, ...compensation }, this.now())
    this.refreshLead(op.leadKey)
  }

  /** The lead, unless its delete is queued: a lead on its way out takes no more changes. */
  private requireChangeable(key: LeadKey): StoredRecord {
    const lead = this.requireLead(key)
    if (this.outbox.list(key).some((op) => op.kind === 'delete' && op.state !== 'done')) {
      throw new AppError(
        'INVALID_ARGUMENT',
        `Lead ${key} is being deleted, so it cannot be changed. Undo the delete (or discard it) to change the lead again.`
      )
    }
    return lead
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

const onlyFields = (patch: FieldPatch, fields: ReadonlySet<string>): FieldPatch =>
  Object.fromEntries(Object.entries(patch).filter(([field]) => fields.has(field)))

const withoutFields = (patch: FieldPatch, fields: ReadonlySet<string>): FieldPatch =>
  Object.fromEntries(Object.entries(patch).filter(([field]) => !fields.has(field)))

function localPatchOf(ops: readonly OutboxOp[]): FieldPatch | null {
  const edits = ops.filter((op) => (op.kind === 'create' || op.kind === 'update') && op.state !== 'done')
  return edits.length === 0 ? null : edits.map((op) => op.patch).reduce(mergePatches, {})
}
