import { randomUUID } from 'node:crypto'
import type {
  BulkResult,
  BulkStatus,
  BulkTarget,
  BulkUndoResult,
  ConflictInfo,
  LeadFieldInfo,
  LeadRow,
  OutboxEntry
} from '../../contract'
import {
  relationItems,
  type FieldPatch,
  type LeadRelationKind,
  type OutboxOp,
  type OutboxPayloads
} from '../domain/lead-types'
import { fieldChanges } from '../domain/field-changes'
import { combineEdits, foldUpdateIntoCreate, type PendingEdit } from '../domain/patch-ops'
import type { ConflictChoice } from '../domain/three-way-merge'
import type { FieldError } from '../domain/field-errors'
import { validateLeadFields, validateRelationItems, type ValidationContext } from '../domain/validate-lead-fields'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import type { LeadStore } from '../store/lead-store'
import { assertNotSending, mayHaveReachedPortal } from '../store/outbox'
import type { GridQuery, GridRow } from '../store/types'
import type { PortalWorkspace } from '../workspaces/portal-workspace'
import type { PortalWorkspaces } from '../workspaces/portal-workspaces'
import { bulkDelete, bulkEdit, bulkStatus, targetKeys, undoBulk } from './bulk-changes'
import { decideConflict } from './conflict-resolution'
import { fieldInfos } from './field-infos'
import { leadRow, refusedFieldOp, shownLeadRow } from './lead-row'
import { readLeadRelation } from './lead-relations'
import { outboxEntries } from './outbox-entries'
import { undoLastChange } from './undo'

const toRow = (row: GridRow): LeadRow => ({ key: row.key, values: row.values, syncState: row.syncState })

/** Values the lead's validation refused, each with its field. */
const invalidValue = (errors: FieldError[]) =>
  new AppError('INVALID_VALUE', errors.map((error) => `${error.field}: ${error.message}`).join('; '), { errors })

/**
 * Lead work on every connected portal, over its workspace's local copy: reads answer from the
 * local copy; edits are checked, kept locally with their outbox op in one transaction, and pushed
 * shortly after (or later, when the portal can be reached).
 */
export class LeadsService {
  constructor(
    private readonly workspaces: PortalWorkspaces,
    private readonly events: EventBus
  ) {}

  private open(portalId: string): Promise<PortalWorkspace> {
    return this.workspaces.open(portalId)
  }

  private validation(store: LeadStore, mode: ValidationContext['mode']): ValidationContext {
    const { statuses, userFields, users } = store.metadata()
    const userIds = users ? new Set(users.map((user) => user.ID)) : undefined
    return { mode, statuses, userFields, userIds }
  }

  private check(store: LeadStore, fields: FieldPatch, mode: ValidationContext['mode']): FieldPatch {
    const result = validateLeadFields(fields, this.validation(store, mode))
    if (!result.ok) throw invalidValue(result.errors)
    return result.normalised
  }

  private row(store: LeadStore, key: number): LeadRow {
    return leadRow(store, key)
  }

  private changed(workspace: PortalWorkspace): void {
    workspace.outboxChanged()
  }

  async fields(portalId: string): Promise<LeadFieldInfo[]> {
    const { store } = await this.open(portalId)
    const metadata = store.metadata()
    return fieldInfos(metadata, { en: metadata.userFields ?? [], ru: metadata.userFieldsRu ?? [] })
  }

  async query(portalId: string, query: GridQuery) {
    const { store } = await this.open(portalId)
    const page = store.queryGrid(query)
    return { rows: page.rows.map(toRow), total: page.total }
  }

  async facets(portalId: string, query: Pick<GridQuery, 'filter' | 'search'>) {
    const { store } = await this.open(portalId)
    return store.facets(query)
  }

  async edit(portalId: string, key: number, patch: FieldPatch): Promise<LeadRow> {
    const portal = await this.open(portalId)
    const { store } = portal
    const lead = store.getLead(key)
    if (!lead) throw new AppError('NOT_FOUND', `There is no lead ${key} in the local copy.`)
    const normalised = this.check(store, patch, lead.server ? 'update' : 'create')
    // The base of a three-way merge: the portal's values of these fields as the user saw them.
    const base = Object.fromEntries(Object.keys(normalised).map((field) => [field, lead.server?.[field] ?? null]))
    const refused = refusedFieldOp(store, key)
    // A lead whose delete is queued is hidden from the grid's reads; the edit itself refuses it.
    const before = shownLeadRow(store, key)?.values ?? {}
    const after = store.atomically(() => {
      if (refused) this.fixRefusedOp(store, refused, { patch: normalised, base })
      else store.applyLocalEdit(key, normalised, base)
      const row = this.row(store, key)
      store.recordHistory(key, 'edit', fieldChanges(before, row.values, Object.keys(normalised)))
      return row
    })
    this.changed(portal)
    return after
  }

  /**
   * The user is fixing a change the portal refused: a new op queued behind it would wait for it
   * forever, so the correction goes into it, and it is sent again. Its tries are kept when one
   * may have run (a create is then looked up before it is sent again, never made twice).
   */
  private fixRefusedOp(store: LeadStore, refused: OutboxOp, edit: PendingEdit): void {
    const fixed =
      refused.kind === 'create'
        ? { patch: foldUpdateIntoCreate(refused.patch, edit.patch), base: {} }
        : combineEdits({ patch: refused.patch, base: refused.base }, edit)
    if (Object.keys(fixed.patch).length === 0) {
      store.withdrawOp(refused.opId)
      return
    }
    store.markOp(refused.opId, {
      ...fixed,
      state: 'pending',
      nextAttemptAt: 0,
      lastError: null,
      ...(mayHaveReachedPortal(refused) ? {} : { attempts: 0 })
    })
  }

  async create(portalId: string, fields: FieldPatch): Promise<LeadRow> {
    const portal = await this.open(portalId)
    const normalised = this.check(portal.store, fields, 'create')
    const { key } = portal.store.createLocalLead(normalised, randomUUID())
    this.changed(portal)
    return this.row(portal.store, key)
  }

  /** Queues a whole-set change of a lead's product rows or bound contacts. */
  async queue<K extends LeadRelationKind>(
    portalId: string,
    key: number,
    kind: K,
    payload: OutboxPayloads[K]
  ): Promise<void> {
    const portal = await this.open(portalId)
    if (!portal.store.getLead(key)) throw new AppError('NOT_FOUND', `There is no lead ${key} in the local copy.`)
    const errors = validateRelationItems(relationItems(kind, payload))
    if (errors.length) throw invalidValue(errors)
    portal.store.queueLeadOp(key, kind, payload)
    this.changed(portal)
  }

  /** The lead's product rows or contacts (see lead-relations.ts). */
  async relation<K extends LeadRelationKind>(portalId: string, key: number, kind: K, refresh: boolean) {
    return readLeadRelation(await this.open(portalId), key, kind, refresh)
  }

  async delete(portalId: string, key: number): Promise<void> {
    const portal = await this.open(portalId)
    portal.store.deleteLocalLead(key)
    this.changed(portal)
    this.events.emit('leads.changed', { portalId })
  }

  /** Sets the same fields on many leads, as one step (see bulk-changes.ts). */
  async bulkEdit(portalId: string, target: BulkTarget, patch: FieldPatch): Promise<BulkResult> {
    const portal = await this.open(portalId)
    const { store } = portal
    const result = bulkEdit(store, targetKeys(store, target), patch, (fields, mode) => this.check(store, fields, mode))
    this.bulkChanged(portal)
    return result
  }

  async bulkDelete(portalId: string, target: BulkTarget): Promise<BulkResult> {
    const portal = await this.open(portalId)
    const result = bulkDelete(portal.store, targetKeys(portal.store, target))
    this.bulkChanged(portal)
    return result
  }

  async bulkUndo(portalId: string, bulkId: string): Promise<BulkUndoResult> {
    const portal = await this.open(portalId)
    const result = undoBulk(portal.store, bulkId)
    this.bulkChanged(portal)
    return result
  }

  async bulkStatus(portalId: string, bulkId: string): Promise<BulkStatus> {
    return bulkStatus((await this.open(portalId)).store, bulkId)
  }

  private bulkChanged(portal: PortalWorkspace): void {
    this.changed(portal)
    this.events.emit('leads.changed', { portalId: portal.portalId })
  }

  /** Takes back the last change of a lead (see undo.ts); null when the lead is gone with it. */
  async undo(portalId: string, key: number): Promise<LeadRow | null> {
    const portal = await this.open(portalId)
    const { store } = portal
    const before = store.getLead(key) ? this.row(store, key).values : undefined
    const after = store.atomically(() => {
      undoLastChange(store, key)
      if (!store.getLead(key)) return null
      const row = this.row(store, key)
      if (before) store.recordHistory(key, 'undo', fieldChanges(before, row.values))
      return row
    })
    this.changed(portal)
    return after
  }

  async conflicts(portalId: string): Promise<ConflictInfo[]> {
    const { store } = await this.open(portalId)
    return store
      .listConflicts()
      .map(({ id, leadKey, kind, field, base, mine, theirs }) => ({ id, leadKey, kind, field, base, mine, theirs }))
  }

  async resolve(portalId: string, id: number, choice: ConflictChoice): Promise<void> {
    const portal = await this.open(portalId)
    const { store } = portal
    const conflict = store.listConflicts().find((candidate) => candidate.id === id)
    if (!conflict) throw new AppError('NOT_FOUND', 'This conflict was resolved already.')
    decideConflict(
      {
        store,
        validate: (patch) => this.check(store, patch, 'update'),
        values: (key) => this.row(store, key).values
      },
      conflict,
      choice
    )
    this.changed(portal)
    this.events.emit('leads.changed', { portalId })
  }

  async outbox(portalId: string): Promise<OutboxEntry[]> {
    const { store } = await this.open(portalId)
    return outboxEntries(store.listOps(), store.listConflicts())
  }

  async retry(portalId: string, opId: string): Promise<void> {
    const portal = await this.open(portalId)
    const op = portal.store.getOp(opId)
    if (!op) throw new AppError('NOT_FOUND', 'This change was sent or discarded already.')
    // One on its way already has a try under way: its outcome decides what comes next.
    assertNotSending(op)
    portal.store.markOp(opId, { state: 'pending', nextAttemptAt: 0 })
    this.changed(portal)
  }

  async discard(portalId: string, opId: string): Promise<void> {
    const portal = await this.open(portalId)
    if (!portal.store.withdrawOp(opId)) throw new AppError('NOT_FOUND', 'This change was sent or discarded already.')
    this.changed(portal)
    this.events.emit('leads.changed', { portalId })
  }
}
