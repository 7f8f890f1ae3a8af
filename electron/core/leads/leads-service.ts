import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type {
  ConflictInfo,
  JobInfo,
  LeadFieldInfo,
  LeadRow,
  OutboxEntry,
  PortalSummary,
  SyncStatus
} from '../../contract'
import { AppError } from '../errors'
import { log } from '../log'
import type { EventBus } from '../events'
import type { PortalService } from '../portals/portal-service'
import { openLeadStore, type LeadStore } from '../store/lead-store'
import { META_KEYS } from '../store/meta'
import { assertNotSending, mayHaveReachedPortal } from '../store/outbox'
import type { GridQuery, GridRow } from '../store/types'
import type { FieldPatch, OutboxOp } from '../domain/lead-types'
import type { UserFieldDefinition } from '../domain/field-shapes'
import { combineEdits, compensatingUpdate, foldUpdateIntoCreate, type PendingEdit } from '../domain/patch-ops'
import type { RetryOptions } from '../domain/retry-policy'
import { lastSentKey } from '../sync/push'
import { SyncEngine } from '../sync/sync-engine'
import type { ConflictChoice } from '../domain/three-way-merge'
import { validateLeadFields, type ValidationContext } from '../domain/validate-lead-fields'
import type { StatusItem } from '../domain/validate-user-field'
import { decideConflict } from './conflict-resolution'
import { fieldInfos } from './field-infos'
import { toJobInfo } from './job-infos'
import { outboxEntries } from './outbox-entries'

/** A change waits this long before it is pushed, so quick successive edits go together. */
const PUSH_DELAY_MS = 1_500

interface PortalLeads {
  store: LeadStore
  engine: SyncEngine
  pushTimer?: NodeJS.Timeout
}

export interface LeadsServiceOptions {
  /** Backoff of failed outbox ops (tests make it short); the retry policy's defaults otherwise. */
  retry?: Partial<RetryOptions>
}

const toRow = (row: GridRow): LeadRow => ({ key: row.key, values: row.values, syncState: row.syncState })

/**
 * Leads of every connected portal: one local database and one sync engine per portal, opened on
 * first use. Reads answer from the local copy; edits are checked, kept locally with their outbox
 * op in one transaction, and pushed shortly after (or later, when the portal can be reached).
 */
export class LeadsService {
  private readonly portals = new Map<string, PortalLeads>()

  constructor(
    private readonly dataDir: string,
    private readonly portalService: PortalService,
    private readonly events: EventBus,
    private readonly options: LeadsServiceOptions = {}
  ) {
    events.on('portals.changed', (portals) => void this.renewClients(portals))
  }

  /**
   * A portal's record was saved (a new sign-in among other things), which gives it a new client:
   * each open portal's sync takes its portal's current one.
   */
  private async renewClients(portals: readonly PortalSummary[]): Promise<void> {
    for (const { id, status } of portals) {
      const open = this.portals.get(id)
      if (!open || status !== 'connected') continue
      try {
        open.engine.useClient(await this.portalService.client(id))
      } catch (error) {
        // The next sync of that portal reports what is wrong with its connection.
        log.warn(`Could not renew the connection of portal ${id}`, error)
      }
    }
  }

  private async open(portalId: string): Promise<PortalLeads> {
    const existing = this.portals.get(portalId)
    if (existing) return existing
    await this.portalService.record(portalId)
    const dir = join(this.dataDir, 'portals', portalId.replace(/[^a-z0-9-]/gi, '_'))
    mkdirSync(dir, { recursive: true })
    const store = openLeadStore(join(dir, 'leads.db'))
    const client = await this.portalService.client(portalId)
    const engine = new SyncEngine({
      portalId,
      store,
      client,
      retry: this.options.retry,
      onStatus: (status) => this.events.emit('sync.status', status),
      onLeadsChanged: () => this.events.emit('leads.changed', { portalId })
    })
    const opened = { store, engine }
    this.portals.set(portalId, opened)
    return opened
  }

  private validation(store: LeadStore, mode: ValidationContext['mode']): ValidationContext {
    return {
      mode,
      statuses: store.getMeta<StatusItem[]>(META_KEYS.statuses),
      userFields: store.getMeta<UserFieldDefinition[]>(META_KEYS.userfields)
    }
  }

  private check(store: LeadStore, fields: FieldPatch, mode: ValidationContext['mode']): FieldPatch {
    const result = validateLeadFields(fields, this.validation(store, mode))
    if (!result.ok) {
      throw new AppError('INVALID_VALUE', result.errors.map((error) => `${error.field}: ${error.message}`).join('; '), {
        errors: result.errors
      })
    }
    return result.normalised
  }

  private row(store: LeadStore, key: number): LeadRow {
    const page = store.queryGrid({ filter: [{ field: 'ID', op: '=', value: key }], offset: 0, limit: 1 })
    const found = page.rows[0]
    if (!found) throw new AppError('NOT_FOUND', `There is no lead ${key} in the local copy.`)
    return toRow(found)
  }

  /** Pushes soon: the queue goes out shortly after the last edit. */
  private schedulePush(portal: PortalLeads): void {
    if (portal.pushTimer) clearTimeout(portal.pushTimer)
    portal.pushTimer = setTimeout(() => void portal.engine.start('auto'), PUSH_DELAY_MS)
    portal.pushTimer.unref?.()
  }

  private changed(portal: PortalLeads): void {
    this.events.emit('sync.status', portal.engine.status())
    this.schedulePush(portal)
  }

  async fields(portalId: string): Promise<LeadFieldInfo[]> {
    const { store } = await this.open(portalId)
    return fieldInfos(store)
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
    const refused = this.refusedOp(store, key)
    if (refused) this.fixRefusedOp(store, refused, { patch: normalised, base })
    else store.applyLocalEdit(key, normalised, base)
    this.changed(portal)
    return this.row(store, key)
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

  /** The lead's last unsent change, when the portal refused it (parked; not a conflict). */
  private refusedOp(store: LeadStore, key: number): OutboxOp | undefined {
    const last = store
      .listOps(key)
      .filter((op) => op.state !== 'done')
      .at(-1)
    if (last?.state !== 'needs-attention' || (last.kind !== 'update' && last.kind !== 'create')) return undefined
    return store.listConflicts(key).some((conflict) => conflict.opId === last.opId) ? undefined : last
  }

  async create(portalId: string, fields: FieldPatch): Promise<LeadRow> {
    const portal = await this.open(portalId)
    const normalised = this.check(portal.store, fields, 'create')
    const { key } = portal.store.createLocalLead(normalised, randomUUID())
    this.changed(portal)
    return this.row(portal.store, key)
  }

  /** Queues a whole-set change of a lead's product rows or bound contacts. */
  async queue(portalId: string, key: number, kind: 'productrows' | 'contacts', payload: FieldPatch): Promise<void> {
    const portal = await this.open(portalId)
    if (!portal.store.getLead(key)) throw new AppError('NOT_FOUND', `There is no lead ${key} in the local copy.`)
    portal.store.queueLeadOp(key, kind, payload)
    this.changed(portal)
  }

  async delete(portalId: string, key: number): Promise<void> {
    const portal = await this.open(portalId)
    portal.store.deleteLocalLead(key)
    this.changed(portal)
    this.events.emit('leads.changed', { portalId })
  }

  /**
   * Takes back the last change of a lead: one still queued is withdrawn (dropped if it never
   * reached the portal, else undone there; refused while it is being sent); once every change is
   * sent, the last one is undone by a compensating update (each field back to the value it had
   * before), queued like any edit, so a change made on the portal since then shows up as a conflict.
   */
  async undo(portalId: string, key: number): Promise<LeadRow | null> {
    const portal = await this.open(portalId)
    const { store } = portal
    const last = store
      .listOps(key)
      .filter((op) => op.state !== 'done')
      .at(-1)
    if (last) store.withdrawOp(last.opId)
    else this.undoSent(store, key)
    this.changed(portal)
    return store.getLead(key) ? this.row(store, key) : null
  }

  private undoSent(store: LeadStore, key: number): void {
    const sent = store.getCursor<PendingEdit>(lastSentKey(key))
    const lead = store.getLead(key)
    const compensation = sent && lead ? compensatingUpdate(sent, lead.server ?? undefined).edit : null
    if (!compensation) throw new AppError('NOT_FOUND', 'This lead has no change to undo.')
    store.atomically(() => {
      store.applyLocalEdit(key, compensation.patch, compensation.base)
      store.setCursor(lastSentKey(key), undefined)
    })
  }

  async syncStart(portalId: string, mode: 'auto' | 'full' | 'delta'): Promise<SyncStatus> {
    const { engine } = await this.open(portalId)
    void engine.start(mode)
    return engine.status()
  }

  /** Runs a sync to its end (tests, benchmarks). */
  async syncNow(portalId: string, mode: 'auto' | 'full' | 'delta' = 'auto'): Promise<SyncStatus> {
    const { engine } = await this.open(portalId)
    await engine.start(mode)
    return engine.status()
  }

  async syncCancel(portalId: string): Promise<SyncStatus> {
    const { engine } = await this.open(portalId)
    engine.cancel()
    return engine.status()
  }

  async syncStatus(portalId: string): Promise<SyncStatus> {
    return (await this.open(portalId)).engine.status()
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

  /** The portal's job log, newest first. */
  async jobs(portalId: string, limit: number): Promise<JobInfo[]> {
    const { store } = await this.open(portalId)
    return store.listJobs({ limit }).map(toJobInfo)
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

  /** Closes a portal's database (it was removed). */
  async forget(portalId: string): Promise<void> {
    const portal = this.portals.get(portalId)
    if (!portal) return
    this.portals.delete(portalId)
    if (portal.pushTimer) clearTimeout(portal.pushTimer)
    await portal.engine.stop()
    portal.store.close()
  }

  async dispose(): Promise<void> {
    for (const portalId of [...this.portals.keys()]) await this.forget(portalId)
  }
}
