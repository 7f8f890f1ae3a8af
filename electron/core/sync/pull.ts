import { JOB_KIND, type JobKind } from '../../contract/job-kinds'
import { callCommand, LEAD_LIST_METHOD, leadCommands, MULTIFIELD_TYPES, type LeadField } from '../portal/methods'
import { readAllIds } from '../portal/id-sweep'
import { readLazyKeysetPages, type LazyPage } from '../portal/keyset-reader'
import type { PortalClient } from '../portal/portal-client'
import type { ReadProgress } from '../portal/read-progress'
import type { LeadStore } from '../store/lead-store'
import type { ServerLead } from '../domain/lead-types'
import { ServerRowCheck } from './server-rows'

/** The grid's columns: downloaded first, so the grid fills fast. */
export const GRID_SELECT = [
  'ID',
  'TITLE',
  'NAME',
  'SECOND_NAME',
  'LAST_NAME',
  'COMPANY_TITLE',
  'STATUS_ID',
  'SOURCE_ID',
  'OPPORTUNITY',
  'CURRENCY_ID',
  'ASSIGNED_BY_ID',
  'DATE_CREATE',
  'DATE_MODIFY',
  'PHONE',
  'EMAIL'
]
/** Everything a lead has: standard fields, user fields, multifields. */
export const FULL_SELECT: Array<LeadField | '*'> = ['*', 'UF_*', ...MULTIFIELD_TYPES]

/** Sync cursors, kept in the store so a sync resumes after a crash or quit. */
export const CURSORS = {
  /** Where a pass of the first download stands (a PassCursor). */
  gridAfter: 'initial.grid.after',
  gridDone: 'initial.grid.done',
  detailsAfter: 'initial.details.after',
  detailsDone: 'initial.details.done',
  /** DATE_MODIFY (ISO text) from which the next delta reads. */
  deltaSince: 'delta.since',
  lastSweepAt: 'sweep.at',
  /** When the last sync finished (ISO), for the status line. */
  lastSyncAt: 'last.sync.at'
} as const

/** Rows that fill the grid's first screens and more: the grid hears as soon as that many are stored. */
export const FIRST_SCREEN_ROWS = 2_500

/** The delta reads again this much before its mark (DATE_MODIFY has one-second granularity). */
export const DELTA_OVERLAP_MS = 2_000

type PullPhase = 'grid' | 'details' | 'delta' | 'sweep'

/** Progress of one phase of a pull; `rows` counts from `resumedRows`, done by an earlier run. */
export type PullProgress = ReadProgress & { phase: PullPhase; totalRows?: number; resumedRows?: number }

export interface PullContext {
  client: PortalClient
  store: LeadStore
  signal: AbortSignal
  /** The local clock (ms): a delta is timed with it. */
  now(): number
  onProgress(progress: PullProgress): void
  /**
   * Leads of the first download went to the store (committed, so the grid can read them): `rows`
   * of the pass so far, `passEnded` when the whole pass has.
   */
  onLeadsStored(stored: { rows: number; passEnded: boolean }): void
}

/** Where a pass of the first download stands: the last ID stored, and how many rows that made. */
interface PassCursor {
  afterId: number
  rows: number
}

interface Pass {
  phase: 'grid' | 'details'
  jobKind: JobKind
  select: string[]
  /** Rows carry every field (not only the grid's columns). */
  full: boolean
  cursor: string
  done: string
}

const GRID_PASS: Pass = {
  phase: 'grid',
  jobKind: JOB_KIND.initialGrid,
  select: GRID_SELECT,
  full: false,
  cursor: CURSORS.gridAfter,
  done: CURSORS.gridDone
}
const DETAILS_PASS: Pass = {
  phase: 'details',
  jobKind: JOB_KIND.initialDetails,
  select: FULL_SELECT,
  full: true,
  cursor: CURSORS.detailsAfter,
  done: CURSORS.detailsDone
}

/** The later of two portal datetimes (ISO text, any offset); either may be missing. */
function later(current: string | undefined, candidate: string | undefined): string | undefined {
  if (candidate === undefined) return current
  return current === undefined || Date.parse(candidate) > Date.parse(current) ? candidate : current
}

const dateModify = (row: ServerLead) => (typeof row.DATE_MODIFY === 'string' ? row.DATE_MODIFY : undefined)

const newestDateModify = (rows: readonly ServerLead[]) =>
  rows.reduce<string | undefined>((newest, row) => later(newest, dateModify(row)), undefined)

const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()

/**
 * Writes a page to the store a row at a time as it is parsed and checked (one transaction), and
 * says what the page held: its last ID (the reader's cursor) and its newest DATE_MODIFY.
 */
function storePage(
  store: LeadStore,
  page: LazyPage<ServerLead>,
  full: boolean,
  check: ServerRowCheck
): { lastId: number; newest: string | undefined } {
  const seen = { lastId: 0, newest: undefined as string | undefined }
  function* noted(rows: Iterable<ServerLead>): Iterable<ServerLead> {
    for (const row of rows) {
      seen.lastId = Number(row.ID)
      const lead = check.lead(row)
      if (!lead) continue
      seen.newest = later(seen.newest, dateModify(lead))
      yield lead
    }
  }
  store.upsertServerLeads(noted(page.rows()), { full })
  return seen
}

/** The job log's details of a read: its progress, and what the row checks did when they did anything. */
function readDetails(progress: ReadProgress | undefined, check: ServerRowCheck): unknown {
  const { skippedRows, emptiedValues } = check.counts
  return skippedRows || emptiedValues ? { ...progress, skippedRows, emptiedValues } : progress
}

/**
 * The mark of a download that starts now: the portal's clock when it answered a one-row call
 * (cheap, no count, no sort but by ID), or failing that its newest DATE_MODIFY. Either is no later
 * than the first row the download reads.
 */
async function takeMark(client: PortalClient, signal: AbortSignal): Promise<string | undefined> {
  const highestId = leadCommands.list({ select: ['ID'], order: { ID: 'DESC' }, start: -1 })
  const answer = await callCommand(client, highestId, { signal })
  if (answer.time?.date_start) return answer.time.date_start
  const newestChange = leadCommands.list({ select: ['ID', 'DATE_MODIFY'], order: { DATE_MODIFY: 'DESC' }, start: -1 })
  return newestDateModify((await callCommand(client, newestChange, { signal })).value)
}

/**
 * How many leads the portal has, for progress and time left. Counting is what a big portal is
 * slow at, so the download never waits for it: it is asked for once the grid's first screenful
 * is stored (before, the portal's time goes to those rows), and shows up when known — or never,
 * as a failed count only costs the total.
 */
class LeadCount {
  value: number | undefined
  private asked = false

  constructor(
    private readonly client: PortalClient,
    private readonly signal: AbortSignal
  ) {}

  /** `rows` of the first download are stored: enough to ask for the count? */
  rowsStored(rows: number): void {
    if (rows >= FIRST_SCREEN_ROWS) this.ask()
  }

  ask(): void {
    if (this.asked) return
    this.asked = true
    const counted = leadCommands.list({ select: ['ID'], order: { ID: 'DESC' }, start: 0 })
    callCommand(this.client, counted, { signal: this.signal }).then(
      (answer) => (this.value = answer.total),
      () => undefined
    )
  }
}

function passCursor(store: LeadStore, key: string): PassCursor {
  const saved = store.getCursor<PassCursor | number>(key)
  // Stores from before the row count kept only the ID.
  if (typeof saved === 'number') return { afterId: saved, rows: 0 }
  return saved ?? { afterId: 0, rows: 0 }
}

/**
 * One keyset pass over every lead, resuming after the saved cursor: each page goes to the store
 * at once, and the cursor (last ID, rows so far) moves with it.
 */
async function keysetPass(context: PullContext, pass: Pass, count: LeadCount): Promise<void> {
  const { store, client, signal } = context
  if (store.getCursor<boolean>(pass.done)) return
  const resumed = passCursor(store, pass.cursor)
  const cursor = { ...resumed }
  const check = ServerRowCheck.forStore(store, `the first download (${pass.phase})`)
  let last: ReadProgress | undefined
  const job = store.appendJob({
    kind: pass.jobKind,
    startedAt: context.now(),
    status: 'running',
    details: { afterId: resumed.afterId }
  })
  try {
    for await (const page of readLazyKeysetPages<ServerLead>(client, {
      method: LEAD_LIST_METHOD,
      select: pass.select,
      afterId: resumed.afterId,
      signal,
      onProgress: (progress) => {
        last = progress
        // Rows stored before a cancel or crash are done: progress and ETA go on from them.
        context.onProgress({
          ...progress,
          rows: resumed.rows + progress.rows,
          resumedRows: resumed.rows,
          phase: pass.phase,
          totalRows: count.value
        })
      }
    })) {
      if (!page.count) continue
      cursor.afterId = storePage(store, page, pass.full, check).lastId
      cursor.rows += page.count
      store.setCursor(pass.cursor, cursor)
      context.onLeadsStored({ rows: cursor.rows, passEnded: false })
      count.rowsStored(cursor.rows)
    }
  } catch (error) {
    const status = signal.aborted ? 'cancelled' : 'failed'
    store.finishJob(job, { status, finishedAt: context.now(), details: readDetails(last, check) })
    throw error
  }
  store.setCursor(pass.done, true)
  // The job log keeps what each pass cost (this run's part of it): rows, requests, time.
  store.finishJob(job, { status: 'done', finishedAt: context.now(), details: readDetails(last, check) })
  context.onLeadsStored({ rows: cursor.rows, passEnded: true })
}

/**
 * The first download: grid columns of every lead, then every field (docs/architecture.md §5).
 *
 * The scan goes by ID, so a lead changed while it runs, behind the ID it has passed, is not in
 * it; and rows further on may carry later changes still, so nothing seen during the scan is a
 * safe mark for the delta. The mark is taken before the first row is read (and kept when the
 * download resumes after a cancel or crash): the delta then reads again all that changed since
 * the download began.
 */
export async function pullInitial(context: PullContext): Promise<void> {
  const { store, client, signal } = context
  if (!store.getCursor(CURSORS.deltaSince)) {
    const mark = await takeMark(client, signal)
    if (mark) store.setCursor(CURSORS.deltaSince, mark)
  }
  const count = new LeadCount(client, signal)
  await keysetPass(context, GRID_PASS, count)
  // The grid pass was done before (a resumed download): the count is due at once.
  count.ask()
  await keysetPass(context, DETAILS_PASS, count)
  // Everything was just downloaded: no deletion sweep is due until the usual interval has passed.
  store.setCursor(CURSORS.lastSweepAt, context.now())
  store.optimize()
}

export function initialSyncDone(store: LeadStore): boolean {
  return Boolean(store.getCursor(CURSORS.gridDone) && store.getCursor(CURSORS.detailsDone))
}

/**
 * Makes the next sync download everything again ('full'), with a mark of its own. The mark goes
 * last: a crash half-way leaves an older mark, which only makes the delta read more.
 */
export function restartInitialSync(store: LeadStore): void {
  for (const key of [
    CURSORS.gridDone,
    CURSORS.detailsDone,
    CURSORS.gridAfter,
    CURSORS.detailsAfter,
    CURSORS.deltaSince
  ])
    store.setCursor(key, undefined)
}

/**
 * Where the delta after this one starts. As with the first download, a lead changed behind the
 * scan is missed while later rows carry newer changes, so the newest DATE_MODIFY seen is no safe
 * mark. But every row seen was changed before the scan ended: the newest of them, less the time
 * the scan took, is no later than its start, and every change it may have missed is after that.
 */
function nextDeltaSince(since: string | undefined, newest: string | undefined, scanMs: number): string | undefined {
  return later(since, newest === undefined ? undefined : shifted(newest, -scanMs))
}

/**
 * Changes since the last sync: every lead with DATE_MODIFY at or after the mark (less an overlap,
 * so a change in the same second is not missed); the store de-duplicates by ID.
 */
export async function pullDelta(context: PullContext): Promise<number> {
  const { store, client, signal } = context
  const since = store.getCursor<string>(CURSORS.deltaSince)
  const from = since ? shifted(since, -DELTA_OVERLAP_MS) : undefined
  const startedAt = context.now()
  const check = ServerRowCheck.forStore(store, 'the delta')
  let newest: string | undefined
  let rows = 0
  for await (const page of readLazyKeysetPages<ServerLead>(client, {
    method: LEAD_LIST_METHOD,
    select: FULL_SELECT,
    filter: from ? { '>=DATE_MODIFY': from } : {},
    signal,
    onProgress: (progress) => context.onProgress({ ...progress, phase: 'delta' })
  })) {
    newest = later(newest, storePage(store, page, true, check).newest)
    rows += page.count
  }
  const next = nextDeltaSince(since, newest, context.now() - startedAt)
  if (next) store.setCursor(CURSORS.deltaSince, next)
  return rows
}

/**
 * The deletion sweep: every ID the portal still has (an ID-only chained scan); local copies of
 * the others are removed, except leads the user still has work on. Returns how many went.
 */
export async function sweepDeleted(context: PullContext): Promise<number> {
  const { store, client, signal } = context
  const startedAt = context.now()
  let requests = 0
  const remote = new Set(
    await readAllIds(client, {
      method: LEAD_LIST_METHOD,
      signal,
      onProgress: (progress) => {
        requests = progress.requests
        context.onProgress({ ...progress, phase: 'sweep' })
      }
    })
  )
  const gone = store.serverKeys().filter((key) => !remote.has(key))
  const { deleted, kept } = gone.length ? store.deleteServerLeads(gone) : { deleted: [], kept: [] }
  store.setCursor(CURSORS.lastSweepAt, startedAt)
  // The job log says what the sweep found: how many leads went, and how many were kept for the user.
  store.appendJob({
    kind: JOB_KIND.sweep,
    startedAt,
    finishedAt: context.now(),
    status: 'done',
    details: { portalLeads: remote.size, removed: deleted.length, kept: kept.length, requests }
  })
  return deleted.length
}
