import { readAllIds } from '../portal/id-sweep'
import { readLazyKeysetPages, type LazyPage } from '../portal/keyset-reader'
import type { PortalClient } from '../portal/portal-client'
import type { ReadProgress } from '../portal/read-progress'
import type { LeadStore } from '../store/lead-store'
import type { ServerLead } from '../store/types'

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
export const FULL_SELECT = ['*', 'UF_*', 'PHONE', 'EMAIL', 'WEB', 'IM', 'LINK']

/** Sync cursors, kept in the store so a sync resumes after a crash or quit. */
export const CURSORS = {
  gridAfter: 'initial.grid.after',
  gridDone: 'initial.grid.done',
  detailsAfter: 'initial.details.after',
  detailsDone: 'initial.details.done',
  /** DATE_MODIFY (portal's ISO text) from which the next delta reads. */
  deltaSince: 'delta.since',
  lastSweepAt: 'sweep.at',
  /** When the last sync finished (ISO), for the status line. */
  lastSyncAt: 'last.sync.at'
} as const

/** The delta reads again this much before the last change it saw (one-second granularity). */
export const DELTA_OVERLAP_MS = 2_000

export interface PullContext {
  client: PortalClient
  store: LeadStore
  signal: AbortSignal
  onProgress(progress: ReadProgress & { phase: 'grid' | 'details' | 'delta' | 'sweep'; totalRows?: number }): void
}

function maxDateModify(rows: readonly ServerLead[], current: string | undefined): string | undefined {
  return rows.reduce((best, row) => laterDateModify(row, best), current)
}

/** The later of `current` and the row's DATE_MODIFY (the portal's ISO text). */
function laterDateModify(row: ServerLead, current: string | undefined): string | undefined {
  const text = row.DATE_MODIFY
  if (typeof text !== 'string') return current
  return current === undefined || Date.parse(text) > Date.parse(current) ? text : current
}

/**
 * Writes a page to the store a row at a time as it is parsed (one transaction), and says what
 * the page held: its last ID and the newest DATE_MODIFY seen so far.
 */
function storePage(
  store: LeadStore,
  page: LazyPage<ServerLead>,
  full: boolean,
  since: string | undefined
): { lastId: number; since: string | undefined } {
  const seen = { lastId: 0, since }
  function* noted(rows: Iterable<ServerLead>): Iterable<ServerLead> {
    for (const row of rows) {
      seen.lastId = Number(row.ID)
      seen.since = laterDateModify(row, seen.since)
      yield row
    }
  }
  store.upsertServerLeads(noted(page.rows()), { full })
  return seen
}

/** How many leads the portal has, for progress and ETA (one cheap counted page). */
async function countLeads(client: PortalClient, signal: AbortSignal): Promise<number | undefined> {
  try {
    return (await client.call('crm.lead.list', { select: ['ID'], start: 0 }, { signal })).total
  } catch {
    return undefined
  }
}

/**
 * One keyset pass over every lead with `select`, resuming after the saved cursor: each page goes
 * to the store at once, and the cursor moves with it.
 */
async function keysetPass(
  context: PullContext,
  phase: 'grid' | 'details',
  select: string[],
  cursors: { after: string; done: string },
  totalRows: number | undefined
): Promise<void> {
  const { store, client, signal } = context
  if (store.getCursor<boolean>(cursors.done)) return
  const after = store.getCursor<number>(cursors.after) ?? 0
  let since = store.getCursor<string>(CURSORS.deltaSince)
  let last: ReadProgress | undefined
  const job = store.appendJob({
    kind: `initial-${phase}`,
    startedAt: Date.now(),
    status: 'running',
    details: { afterId: after }
  })
  try {
    for await (const page of readLazyKeysetPages<ServerLead>(client, {
      select,
      afterId: after,
      signal,
      onProgress: (progress) => {
        last = progress
        context.onProgress({ ...progress, phase, totalRows })
      }
    })) {
      if (!page.count) continue
      const stored = storePage(store, page, phase === 'details', since)
      store.setCursor(cursors.after, stored.lastId)
      since = stored.since
    }
  } catch (error) {
    store.finishJob(job, { status: signal.aborted ? 'cancelled' : 'failed', finishedAt: Date.now(), details: last })
    throw error
  }
  if (since) store.setCursor(CURSORS.deltaSince, since)
  store.setCursor(cursors.done, true)
  // The job log keeps what each pass cost: rows, requests, time.
  store.finishJob(job, { status: 'done', finishedAt: Date.now(), details: last })
}

/**
 * The first download: grid columns of every lead, then every field (architecture §5). Before it
 * starts, the newest change on the portal is noted, so the delta that follows catches what
 * changed while the download ran.
 */
export async function pullInitial(context: PullContext): Promise<void> {
  const { store, client, signal } = context
  if (!store.getCursor(CURSORS.deltaSince)) {
    const newest = await client.call<ServerLead[]>(
      'crm.lead.list',
      { select: ['ID', 'DATE_MODIFY'], order: { DATE_MODIFY: 'DESC' }, start: -1 },
      { signal }
    )
    const since = maxDateModify(newest.result, undefined)
    if (since) store.setCursor(CURSORS.deltaSince, since)
  }
  const totalRows = await countLeads(client, signal)
  await keysetPass(context, 'grid', GRID_SELECT, { after: CURSORS.gridAfter, done: CURSORS.gridDone }, totalRows)
  await keysetPass(
    context,
    'details',
    FULL_SELECT,
    { after: CURSORS.detailsAfter, done: CURSORS.detailsDone },
    totalRows
  )
  // Everything was just downloaded: no deletion sweep is due until the usual interval has passed.
  store.setCursor(CURSORS.lastSweepAt, Date.now())
  store.optimize()
}

export function initialSyncDone(store: LeadStore): boolean {
  return Boolean(store.getCursor(CURSORS.gridDone) && store.getCursor(CURSORS.detailsDone))
}

/**
 * Changes since the last sync: every lead with DATE_MODIFY at or after the last change seen (less
 * an overlap, so a change in the same second is not missed); the store de-duplicates by ID.
 */
export async function pullDelta(context: PullContext): Promise<number> {
  const { store, client, signal } = context
  const since = store.getCursor<string>(CURSORS.deltaSince)
  const from = since ? new Date(Date.parse(since) - DELTA_OVERLAP_MS).toISOString() : undefined
  let newest = since
  let rows = 0
  for await (const page of readLazyKeysetPages<ServerLead>(client, {
    select: FULL_SELECT,
    filter: from ? { '>=DATE_MODIFY': from } : {},
    signal,
    onProgress: (progress) => context.onProgress({ ...progress, phase: 'delta' })
  })) {
    newest = storePage(store, page, true, newest).since
    rows += page.count
  }
  if (newest) store.setCursor(CURSORS.deltaSince, newest)
  return rows
}

/**
 * The deletion sweep: every ID the portal still has (an ID-only chained scan); local copies of
 * the others are removed, except leads the user still has work on. Returns how many went.
 */
export async function sweepDeleted(
  context: PullContext,
  localServerKeys: () => number[],
  now: number
): Promise<number> {
  const { store, client, signal } = context
  const startedAt = Date.now()
  let requests = 0
  const remote = new Set(
    await readAllIds(client, {
      signal,
      onProgress: (progress) => {
        requests = progress.requests
        context.onProgress({ ...progress, phase: 'sweep' })
      }
    })
  )
  const gone = localServerKeys().filter((key) => key > 0 && !remote.has(key))
  const { deleted, kept } = gone.length ? store.deleteServerLeads(gone) : { deleted: [], kept: [] }
  store.setCursor(CURSORS.lastSweepAt, now)
  // The job log says what the sweep found: how many leads went, and how many were kept for the user.
  store.appendJob({
    kind: 'sweep',
    startedAt,
    finishedAt: Date.now(),
    status: 'done',
    details: { portalLeads: remote.size, removed: deleted.length, kept: kept.length, requests }
  })
  return deleted.length
}
