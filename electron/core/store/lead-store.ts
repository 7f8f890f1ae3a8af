import type { DatabaseSync } from 'node:sqlite'
import type { JobKind, JobState } from '../../contract/job-kinds'
import { Conflicts, type ConflictFinding, type NewConflict } from './conflicts'
import { inDurableTransaction, inTransaction, openDatabase, Statements } from './database'
import type { StageOrder } from './effective-lead'
import { FieldIndexes } from './field-indexes'
import { fieldCatalogue, type FieldCatalogue } from './field-catalogue'
import { GridQueries } from './grid-query'
import { JobLog, type JobChanges, type JobLogEntry, type NewJobLogEntry } from './job-log'
import { LeadRecords, type StoredLead } from './lead-records'
import { LeadRelations, type RelationItems, type StoredRelation } from './lead-relations'
import { LeadHistory } from './lead-history'
import type { LeadHistoryEntry, LeadHistorySource } from '../../contract'
import type { FieldChange } from '../domain/field-changes'
import { LocalChanges } from './local-changes'
import { JsonKeyValues, StoredMetadata } from './meta'
import { leadSchemaOf } from '../metadata/lead-schema'
import type { MetadataPart, PortalMetadata } from '../metadata/portal-metadata'
import { migrate, schemaVersion } from './migrations'
import { Outbox, type OpChanges } from './outbox'
import { deleteServerCopies, upsertServerCopies, type ServerDeletion } from './server-copies'
import { stageOrderFrom, writeStageOrder } from './stage-order'
import { refreshSyncState } from './sync-state'
import type { Facets, GridPage, GridQuery } from './types'
import {
  relationItems,
  type Conflict,
  type FieldPatch,
  type LeadKey,
  type LeadRelationKind,
  type OutboxOp,
  type OutboxPayloads,
  type OutboxState,
  type ServerLead
} from '../domain/lead-types'

/** A lead's related items as the user sees them. */
export interface LocalRelation<K extends LeadRelationKind> extends Partial<Pick<StoredRelation<K>, 'readAt'>> {
  items: RelationItems<K>
  /** The items are an unsent change. */
  pending: boolean
}

export type {
  ConflictFinding,
  JobChanges,
  JobLogEntry,
  NewConflict,
  NewJobLogEntry,
  OpChanges,
  ServerDeletion,
  StoredLead
}

/**
 * One portal's local lead database (docs/architecture.md §5). The rest of the app uses only this
 * interface; every method that changes a lead changes its outbox ops in the same transaction.
 */
export interface LeadStore {
  /** Server copies from sync. `full: false` = grid columns only: merged, never wiping fields. */
  /** One transaction; `leads` may be a lazy iterable, read inside it one lead at a time. */
  upsertServerLeads(leads: Iterable<ServerLead>, options: { full: boolean }): void
  /** Leads deleted on the portal. Those with unsent work or a conflict are kept (listed in `kept`). */
  deleteServerLeads(ids: readonly LeadKey[]): ServerDeletion
  getLead(key: LeadKey): StoredLead | undefined
  /** Adds to the lead's history (sync writes its own entries as it stores server copies). */
  recordHistory(key: LeadKey, source: LeadHistorySource, changes: readonly FieldChange[]): void
  /** The lead's history, newest first (the last entries only: older ones are dropped). */
  leadHistory(key: LeadKey): LeadHistoryEntry[]
  /** Every portal ID held locally (keys > 0), ascending: for the deletion sweep. */
  serverKeys(): LeadKey[]

  /** Records the edit on the lead (merged with earlier unsent ones) and queues an update op. */
  applyLocalEdit(key: LeadKey, patch: FieldPatch, base: FieldPatch): OutboxOp
  /** A lead made offline: a negative key and a create op carrying `clientKey` (for ORIGIN_ID). */
  createLocalLead(fields: FieldPatch, clientKey: string): { key: LeadKey; op: OutboxOp }
  /** Queues a delete (returned), or drops a lead the portal never saw (undefined). */
  deleteLocalLead(key: LeadKey): OutboxOp | undefined
  /**
   * The lead's product rows or contacts as the user sees them: an unsent change's items, else the
   * portal's copy last read (or sent), else none.
   */
  relation<K extends LeadRelationKind>(key: LeadKey, kind: K): LocalRelation<K>
  /** Keeps the portal's copy of a lead's product rows or contacts, read at `readAt`. */
  keepRelation<K extends LeadRelationKind>(key: LeadKey, kind: K, items: RelationItems<K>, readAt: number): void
  /** Queues a whole-set change of the lead's product rows or contacts. */
  queueLeadOp<K extends LeadRelationKind>(key: LeadKey, kind: K, payload: OutboxPayloads[K]): OutboxOp
  /** After a create was pushed: the lead, its ops and conflicts move to the portal's ID. */
  replaceLocalKey(tempKey: LeadKey, serverId: LeadKey): void
  /** The portal made the lead: its key becomes `serverId` and the create is done, in one transaction. */
  completeCreate(opId: string, serverId: LeadKey, serverCopy?: ServerLead): boolean
  /** A create found on the portal (a lost answer): the lead takes it; what it lacks stays queued as an update. */
  adoptFoundCreate(opId: string, found: ServerLead): boolean

  /** Pending ops due at `now`, in seq order; per lead only while no earlier op is sending, parked or backing off. */
  nextOps(now: number, limit: number): OutboxOp[]
  getOp(opId: string): OutboxOp | undefined
  listOps(leadKey?: LeadKey): OutboxOp[]
  /** State, attempts, error, backoff, or a corrected patch/base. false when the op is gone. */
  markOp(opId: string, changes: OpChanges): boolean
  /** The portal accepted the op: its values join the server copy (or `serverCopy` is merged in). */
  completeOp(opId: string, serverCopy?: ServerLead): boolean
  /** Drops an op as it is, with its conflicts; its values leave the local patch. */
  removeOp(opId: string): boolean
  /**
   * Takes back a change (undo / discard): dropped when it never reached the portal, else undone
   * there (a create deleted, an update compensated). Refused while the op is being sent.
   */
  withdrawOp(opId: string): boolean
  /** An update met conflicts: the rest of it is on the portal (`heldFields`); the op keeps only the conflicted part. */
  keepConflictedPart(opId: string, serverCopy: ServerLead, heldFields: readonly string[]): boolean
  outboxCounts(): Record<OutboxState, number>
  /** Parked ops that wait for the user for a reason other than a conflict (those count as conflicts). */
  refusedCount(): number
  /** Unsent ops that wait behind a parked op (refused, or in conflict) of their lead. */
  waitingBehindCount(): number
  /** Ops not done yet, parked ones included (SyncStatus.pending counts only those still to go). */
  unsentCount(): number

  /** Adds a conflict; the same one of the op again (same field, or item) is updated, not added twice. */
  addConflict(conflict: NewConflict): Conflict
  /** The op's conflicts as the last merge found them: those found again keep their id, the others go. */
  recordConflicts(op: Pick<OutboxOp, 'opId' | 'leadKey'>, found: readonly ConflictFinding[]): void
  listConflicts(leadKey?: LeadKey): Conflict[]
  removeConflict(id: number): boolean
  conflictCount(): number

  /** The portal's metadata (fields, userfields, statuses, users, card layouts), checked. */
  metadata(): PortalMetadata
  /** Replaces one part of the metadata (already checked). New statuses re-sort the stages. */
  setMetadata<P extends MetadataPart>(part: P, value: PortalMetadata[P]): void
  getCursor<T>(key: string): T | undefined
  /** `undefined` removes the cursor. */
  setCursor(key: string, value: unknown): void

  appendJob(entry: NewJobLogEntry): number
  finishJob(id: number, result: { status: JobState; finishedAt: number; details?: unknown }): boolean
  /** Sets what `changes` holds (the rest stays); false when there is no such entry. */
  updateJob(id: number, changes: JobChanges): boolean
  getJob(id: number): JobLogEntry | undefined
  listJobs(options?: { kind?: JobKind; limit?: number }): JobLogEntry[]

  queryGrid(query: GridQuery): GridPage
  facets(query: Pick<GridQuery, 'filter' | 'search'>): Facets

  /** Runs several of these changes as one durable transaction: all of them, or none. */
  atomically<T>(work: () => T): T

  schemaVersion(): number
  /** Refreshes the query planner's statistics (after a large sync). */
  optimize(): void
  close(): void
}

export interface LeadStoreOptions {
  /** Clock for op, conflict and job times (tests). */
  now?: () => number
}

/**
 * Opens (creating and migrating as needed) the lead database at `path` (':memory:' for tests).
 * Jobs a previous process left running are marked interrupted: nothing runs them any more.
 */
export function openLeadStore(path: string, options: LeadStoreOptions = {}): LeadStore {
  const db = openDatabase(path)
  const now = options.now ?? Date.now
  try {
    migrate(db)
    new JobLog(new Statements(db)).interruptLeftOver(now())
  } catch (error) {
    db.close()
    throw error
  }
  return new SqliteLeadStore(db, now)
}

class SqliteLeadStore implements LeadStore {
  private readonly statements: Statements
  private readonly records: LeadRecords
  private readonly fieldIndexes: FieldIndexes
  private readonly outbox: Outbox
  private readonly conflicts: Conflicts
  private readonly changes: LocalChanges
  private readonly relations: LeadRelations
  private readonly history: LeadHistory
  private readonly meta: StoredMetadata
  private readonly cursors: JsonKeyValues
  private readonly jobs: JobLog
  private readonly grid: GridQueries
  private stages: StageOrder | undefined
  private catalogue: FieldCatalogue | undefined
  private closed = false

  constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number
  ) {
    this.statements = new Statements(db)
    this.meta = new StoredMetadata(new JsonKeyValues(this.statements, 'meta'))
    this.cursors = new JsonKeyValues(this.statements, 'sync_state')
    this.fieldIndexes = new FieldIndexes(db, this.statements, () => this.fieldCatalogue())
    this.records = new LeadRecords(this.statements, () => this.stageOrder(), this.fieldIndexes.lists)
    this.outbox = new Outbox(this.statements)
    this.conflicts = new Conflicts(this.statements)
    this.relations = new LeadRelations(this.statements)
    this.history = new LeadHistory(this.statements)
    this.changes = new LocalChanges(
      this.statements,
      this.records,
      this.outbox,
      this.conflicts,
      this.relations,
      now,
      () => leadSchemaOf(this.meta.read())
    )
    this.jobs = new JobLog(this.statements)
    this.grid = new GridQueries(this.statements, () => this.fieldCatalogue())
  }

  upsertServerLeads(leads: Iterable<ServerLead>, options: { full: boolean }): void {
    this.write(() => upsertServerCopies(this.records, leads, options.full, { log: this.history, at: this.now() }))
  }

  deleteServerLeads(ids: readonly LeadKey[]): ServerDeletion {
    return this.write(() => deleteServerCopies(this.statements, this.records, ids))
  }

  getLead(key: LeadKey): StoredLead | undefined {
    return this.records.read(key)
  }

  recordHistory(key: LeadKey, source: LeadHistorySource, changes: readonly FieldChange[]): void {
    this.write(() => {
      if (this.records.exists(key)) this.history.record(key, source, this.now(), changes)
    })
  }

  leadHistory(key: LeadKey): LeadHistoryEntry[] {
    return this.history.list(key)
  }

  serverKeys(): LeadKey[] {
    return this.records.serverKeys()
  }

  applyLocalEdit(key: LeadKey, patch: FieldPatch, base: FieldPatch): OutboxOp {
    return this.durableWrite(() => this.changes.applyEdit(key, patch, base))
  }

  createLocalLead(fields: FieldPatch, clientKey: string): { key: LeadKey; op: OutboxOp } {
    return this.durableWrite(() => this.changes.create(fields, clientKey))
  }

  deleteLocalLead(key: LeadKey): OutboxOp | undefined {
    return this.durableWrite(() => this.changes.delete(key))
  }

  relation<K extends LeadRelationKind>(key: LeadKey, kind: K): LocalRelation<K> {
    const unsent = this.outbox
      .list(key)
      .filter((op) => op.kind === kind && op.state !== 'done')
      .at(-1)
    if (unsent) return { items: relationItems(kind, unsent.patch as OutboxPayloads[K]), pending: true }
    const stored = this.relations.get(key, kind)
    return stored ? { ...stored, pending: false } : { items: [] as RelationItems<K>, pending: false }
  }

  keepRelation<K extends LeadRelationKind>(key: LeadKey, kind: K, items: RelationItems<K>, readAt: number): void {
    this.write(() => {
      // A lead gone from the local copy meanwhile has nothing to keep them for.
      if (this.records.exists(key)) this.relations.set(key, kind, items, readAt)
    })
  }

  queueLeadOp<K extends LeadRelationKind>(key: LeadKey, kind: K, payload: OutboxPayloads[K]): OutboxOp {
    return this.durableWrite(() => this.changes.queue(key, kind, payload))
  }

  replaceLocalKey(tempKey: LeadKey, serverId: LeadKey): void {
    this.write(() => this.changes.replaceKey(tempKey, serverId))
  }

  completeCreate(opId: string, serverId: LeadKey, serverCopy?: ServerLead): boolean {
    return this.write(() => this.changes.completeCreate(opId, serverId, serverCopy))
  }

  adoptFoundCreate(opId: string, found: ServerLead): boolean {
    return this.write(() => this.changes.adoptFoundCreate(opId, found))
  }

  nextOps(now: number, limit: number): OutboxOp[] {
    return this.outbox.next(now, limit)
  }

  getOp(opId: string): OutboxOp | undefined {
    return this.outbox.get(opId)
  }

  listOps(leadKey?: LeadKey): OutboxOp[] {
    return this.outbox.list(leadKey)
  }

  markOp(opId: string, changes: OpChanges): boolean {
    return this.write(() => this.changes.mark(opId, changes))
  }

  completeOp(opId: string, serverCopy?: ServerLead): boolean {
    return this.write(() => this.changes.complete(opId, serverCopy))
  }

  removeOp(opId: string): boolean {
    return this.durableWrite(() => this.changes.remove(opId))
  }

  withdrawOp(opId: string): boolean {
    return this.durableWrite(() => this.changes.withdraw(opId))
  }

  keepConflictedPart(opId: string, serverCopy: ServerLead, heldFields: readonly string[]): boolean {
    return this.write(() => this.changes.keepConflictedPart(opId, serverCopy, heldFields))
  }

  refusedCount(): number {
    return this.outbox.refusedCount()
  }

  waitingBehindCount(): number {
    return this.outbox.waitingBehindCount()
  }

  outboxCounts(): Record<OutboxState, number> {
    return this.outbox.counts()
  }

  unsentCount(): number {
    const counts = this.outbox.counts()
    return counts.pending + counts.sending + counts['needs-attention']
  }

  addConflict(conflict: NewConflict): Conflict {
    return this.write(() => {
      const added = this.conflicts.record(conflict, this.now())
      refreshSyncState(this.statements, added.leadKey)
      return added
    })
  }

  recordConflicts(op: Pick<OutboxOp, 'opId' | 'leadKey'>, found: readonly ConflictFinding[]): void {
    this.write(() => {
      this.conflicts.replaceForOp(op, found, this.now())
      refreshSyncState(this.statements, op.leadKey)
    })
  }

  listConflicts(leadKey?: LeadKey): Conflict[] {
    return this.conflicts.list(leadKey)
  }

  removeConflict(id: number): boolean {
    return this.durableWrite(() => {
      const conflict = this.conflicts.get(id)
      if (!conflict) return false
      this.conflicts.remove(id)
      refreshSyncState(this.statements, conflict.leadKey)
      return true
    })
  }

  conflictCount(): number {
    return this.conflicts.count()
  }

  metadata(): PortalMetadata {
    return this.meta.read()
  }

  setMetadata<P extends MetadataPart>(part: P, value: PortalMetadata[P]): void {
    const stages = part === 'statuses' ? stageOrderFrom((value as PortalMetadata['statuses']) ?? []) : undefined
    const catalogue =
      part === 'fields' || part === 'userFields' ? catalogueOf({ ...this.meta.read(), [part]: value }) : undefined
    this.write(() => {
      this.meta.write(part, value)
      if (stages) writeStageOrder(this.db, stages)
      if (catalogue) this.fieldIndexes.sync(catalogue)
    })
    // Caches change only once the write is committed.
    this.meta.remember(part, value)
    if (stages) this.stages = stages
    if (catalogue) this.catalogue = catalogue
  }

  getCursor<T>(key: string): T | undefined {
    return this.cursors.get<T>(key)
  }

  setCursor(key: string, value: unknown): void {
    this.cursors.set(key, value)
  }

  appendJob(entry: NewJobLogEntry): number {
    return this.jobs.append(entry)
  }

  finishJob(id: number, result: { status: JobState; finishedAt: number; details?: unknown }): boolean {
    return this.jobs.finish(id, result)
  }

  updateJob(id: number, changes: JobChanges): boolean {
    return this.jobs.update(id, changes, this.now())
  }

  getJob(id: number): JobLogEntry | undefined {
    return this.jobs.get(id)
  }

  listJobs(options?: { kind?: JobKind; limit?: number }): JobLogEntry[] {
    return this.jobs.list(options)
  }

  queryGrid(query: GridQuery): GridPage {
    this.indexFields(query)
    return this.grid.page(query)
  }

  facets(query: Pick<GridQuery, 'filter' | 'search'>): Facets {
    this.indexFields(query)
    return this.grid.facets(query)
  }

  atomically<T>(work: () => T): T {
    return this.durableWrite(work)
  }

  schemaVersion(): number {
    return schemaVersion(this.db)
  }

  optimize(): void {
    this.db.exec('PRAGMA optimize')
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.db.exec('PRAGMA optimize')
    this.db.close()
  }

  private write<T>(work: () => T, commit: typeof inTransaction = inTransaction): T {
    try {
      return commit(this.db, work)
    } finally {
      this.grid.invalidate()
    }
  }

  /** A write of the user's own work (edits, undo, a conflict decided): flushed to disk at commit. */
  private durableWrite<T>(work: () => T): T {
    return this.write(work, inDurableTransaction)
  }

  private stageOrder(): StageOrder {
    this.stages ??= stageOrderFrom(this.meta.read().statuses ?? [])
    return this.stages
  }

  /** Makes the indexes of the fields the query is the first to ask about. */
  private indexFields(query: Pick<GridQuery, 'filter' | 'sort'>): void {
    const lacking = this.fieldIndexes.lacking(query)
    if (lacking.length > 0) this.write(() => this.fieldIndexes.make(lacking))
  }

  private fieldCatalogue(): FieldCatalogue {
    this.catalogue ??= catalogueOf(this.meta.read())
    return this.catalogue
  }
}

function catalogueOf({ fields, userFields }: Pick<PortalMetadata, 'fields' | 'userFields'>): FieldCatalogue {
  return fieldCatalogue(fields ?? {}, userFields ?? [])
}
