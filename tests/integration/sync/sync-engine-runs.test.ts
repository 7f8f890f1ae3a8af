import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../../electron/contract'
import { openLeadStore, type LeadStore } from '../../../electron/core/store/lead-store'
import { CURSORS } from '../../../electron/core/sync/pull'
import { SyncEngine } from '../../../electron/core/sync/sync-engine'
import { makeTempDir } from '../../support/core'
import { result } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/**
 * The sync engine run by hand against the emulated portal, each test with a store of its own:
 * a first download that is cancelled or cut off and then resumed, what it reports while it runs,
 * changes the portal makes while a scan is under way, and the timer that sends due retries.
 * 2,600 leads: every pass takes two batches, so a test can step in between them.
 */
const LEADS = 2_600
let h: SyncHarness
let temp: Awaited<ReturnType<typeof makeTempDir>>
const engines: SyncEngine[] = []

beforeAll(async () => {
  h = await startSyncHarness({ leads: LEADS, seed: 12, fast: true })
  temp = await makeTempDir('lead-admin-engine-')
})
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop()
  h.portal.rest.faults.clear()
})
afterAll(async () => {
  await h.close()
  await temp.cleanup()
})

interface Run {
  engine: SyncEngine
  store: LeadStore
  statuses: SyncStatus[]
  /** What the store held each time the grid was told that leads changed. */
  leadsChanged: Array<{ leads: number; gridDone: boolean; detailsDone: boolean }>
}

/** Every reading is a second after the last: no status is held back by the engine's throttle. */
function tickingClock(): () => number {
  let now = Date.now()
  return () => (now += 1_000)
}

async function openEngine(options: { path?: string; now?: () => number } = {}): Promise<Run> {
  const store = openLeadStore(options.path ?? ':memory:')
  const statuses: SyncStatus[] = []
  const leadsChanged: Run['leadsChanged'] = []
  const engine = new SyncEngine({
    portalId: h.portalId,
    store,
    client: await h.services.portals.client(h.portalId),
    onStatus: (status) => statuses.push(status),
    onLeadsChanged: () =>
      leadsChanged.push({
        leads: store.serverKeys().length,
        gridDone: Boolean(store.getCursor(CURSORS.gridDone)),
        detailsDone: Boolean(store.getCursor(CURSORS.detailsDone))
      }),
    retry: { baseDelayMs: 20, maxDelayMs: 200, minDelayMs: 10 },
    now: options.now
  })
  engines.push(engine)
  return { engine, store, statuses, leadsChanged }
}

type BatchKind = 'grid' | 'details' | 'delta' | 'write'

/** Which of the engine's batches a request is (the commands are PHP query strings). */
function batchKind(params: unknown): BatchKind | undefined {
  const text = decodeURIComponent(JSON.stringify(params))
  if (text.includes('crm.lead.update')) return 'write'
  if (text.includes('COMPANY_TITLE')) return 'grid'
  if (text.includes('>=DATE_MODIFY')) return 'delta'
  if (text.includes('UF_*') && text.includes('>ID')) return 'details'
  return undefined
}

/**
 * Runs `act` in the portal as the `nth` batch of `kind` arrives, before it is answered; `edit`
 * changes a lead there and then, as another user would. Undone after the test.
 */
function onBatch(kind: BatchKind, nth: number, act: (edit: (id: number, title: string) => void) => void): void {
  const rest = h.portal.rest
  const handle = rest.handle.bind(rest)
  let seen = 0
  rest.handle = (request) => {
    if (request.method === 'batch' && batchKind(request.params) === kind && ++seen === nth) {
      rest.handle = handle
      act(
        (id, title) => void handle({ ...request, method: 'crm.lead.update', params: { id, fields: { TITLE: title } } })
      )
    }
    return handle(request)
  }
}

const localTitle = (store: LeadStore, key: number) => store.getLead(key)?.server?.TITLE
const portalTitle = async (key: number) =>
  (await result<Record<string, unknown>>(h.portal, 'crm.lead.get', { id: key })).TITLE

describe('the first download', () => {
  it('reports rows, requests, rate and ETA as it goes', async () => {
    const run = await openEngine({ now: tickingClock() })
    await run.engine.start()
    const passes = run.statuses.filter((status) => status.phase === 'grid' || status.phase === 'details')
    expect(passes.length).toBeGreaterThan(0)
    for (const status of passes) {
      expect(status.state).toBe('syncing')
      expect(status.rows).toBeGreaterThan(0)
      expect(status.requests).toBeGreaterThan(0)
      expect(status.rowsPerSecond).toBeGreaterThan(0)
      // The count comes after the first screenful (the download does not wait for it); from
      // then on the total is the portal's and the time left follows from the rate.
      if (status.totalRows !== undefined) {
        expect(status.totalRows).toBe(LEADS)
        expect(status.etaMs).toBeGreaterThanOrEqual(0)
      }
    }
    const details = passes.filter((status) => status.phase === 'details')
    expect(details.at(-1)).toMatchObject({ rows: LEADS, totalRows: LEADS, etaMs: 0 })
  })

  it('the grid hears of leads early: during the grid pass, and as soon as it is done', async () => {
    const run = await openEngine()
    await run.engine.start()
    expect(run.leadsChanged[0]).toMatchObject({ gridDone: false })
    expect(run.leadsChanged).toContainEqual({ leads: LEADS, gridDone: true, detailsDone: false })
    expect(run.leadsChanged.at(-1)).toMatchObject({ leads: LEADS, detailsDone: true })
    // Not for every page (about a hundred): at most every few seconds.
    expect(run.leadsChanged.length).toBeLessThan(10)
  })

  it('cancelled half-way, goes on where it stopped: nothing downloaded twice, progress counts what was done', async () => {
    const run = await openEngine({ now: tickingClock() })
    onBatch('grid', 2, () => run.engine.cancel())
    await run.engine.start()
    expect(run.engine.status().state).toBe('idle')
    const stored = run.store.serverKeys().length
    expect(stored).toBeGreaterThan(0)
    expect(stored).toBeLessThan(LEADS)
    expect(run.store.getCursor(CURSORS.gridAfter)).toEqual({
      afterId: Math.max(...run.store.serverKeys()),
      rows: stored
    })
    expect(run.store.listJobs({ kind: 'initial-grid' })[0]).toMatchObject({ status: 'cancelled' })

    run.statuses.length = 0
    await run.engine.start()
    expect(run.store.serverKeys()).toHaveLength(LEADS)
    expect(run.store.getLead(LEADS)?.hasFull).toBe(true)
    const [resumed] = run.store.listJobs({ kind: 'initial-grid' })
    expect(resumed).toMatchObject({ status: 'done', details: { rows: LEADS - stored } })
    // Progress goes on from the rows already stored, not from 0.
    const grid = run.statuses.filter((status) => status.phase === 'grid')
    expect(grid[0]!.rows).toBeGreaterThan(stored)
    expect(grid.at(-1)!.rows).toBe(LEADS)
  })

  it('resumes after a crash half-way: the cursor and the mark are kept', async () => {
    const path = join(temp.dir, 'crash.db')
    const first = await openEngine({ path })
    onBatch('details', 2, () => h.portal.rest.faults.add({ kind: 'drop', method: 'batch', count: 100 }))
    await first.engine.start()
    expect(first.engine.status().state).toBe('offline')
    const cursor = first.store.getCursor<{ afterId: number; rows: number }>(CURSORS.detailsAfter)!
    expect(cursor.rows).toBeGreaterThan(0)
    expect(cursor.rows).toBeLessThan(LEADS)
    // The process dies; meanwhile the portal changes a lead the full pass has already read.
    await first.engine.stop()
    first.store.close()
    h.portal.rest.faults.clear()
    await result(h.portal, 'crm.lead.update', { id: 3, fields: { TITLE: 'Changed while the app was down' } })
    h.portal.portal.clock.advance(10_000)

    const second = await openEngine({ path })
    await second.engine.start()
    expect(second.engine.status().state).toBe('idle')
    const [resumed] = second.store.listJobs({ kind: 'initial-details' })
    expect(resumed).toMatchObject({ status: 'done', details: { rows: LEADS - cursor.rows } })
    expect(second.store.serverKeys()).toHaveLength(LEADS)
    // The delta reads from the mark taken before the first row, not from the restart.
    expect(localTitle(second.store, 3)).toBe('Changed while the app was down')
  })
})

describe('changes on the portal while a scan runs', () => {
  it('a lead changed during the first download, behind the scan, comes with the next delta', async () => {
    const run = await openEngine()
    onBatch('details', 2, (edit) => {
      edit(5, 'Changed during the download')
      h.portal.portal.clock.advance(10_000)
      edit(LEADS - 10, 'Changed later, ahead of the scan')
    })
    await run.engine.start()
    await run.engine.start('delta')
    expect(localTitle(run.store, LEADS - 10)).toBe('Changed later, ahead of the scan')
    expect(localTitle(run.store, 5)).toBe('Changed during the download')
  })

  it('a lead changed during a delta, behind the scan, comes with the next delta', async () => {
    let shift = 0
    const run = await openEngine({ now: () => Date.now() + shift })
    await run.engine.start()
    // Every lead counts as changed: the delta takes two requests.
    run.store.setCursor(CURSORS.deltaSince, '2000-01-01T00:00:00+03:00')
    onBatch('delta', 2, (edit) => {
      edit(6, 'Changed during the delta')
      // Ten seconds pass, on the portal and here.
      h.portal.portal.clock.advance(10_000)
      shift += 10_000
      edit(LEADS - 11, 'Changed later, ahead of the delta')
    })
    await run.engine.start('delta')
    expect(localTitle(run.store, LEADS - 11)).toBe('Changed later, ahead of the delta')
    await run.engine.start('delta')
    expect(localTitle(run.store, 6)).toBe('Changed during the delta')
  })
})

describe('the outbox between runs', () => {
  /** A downloaded store with one local edit of `key` queued. */
  async function withEdit(key: number, title: string): Promise<Run> {
    const run = await openEngine()
    await run.engine.start()
    run.store.applyLocalEdit(key, { TITLE: title }, { TITLE: localTitle(run.store, key) })
    return run
  }

  it('a retry that falls due wakes the engine up on its own', async () => {
    const run = await withEdit(20, 'Sent by the timer')
    onBatch('write', 1, () => h.portal.rest.faults.add({ kind: 'drop', method: 'batch', count: 1 }))
    await run.engine.start('delta')
    expect(run.store.listOps()).toMatchObject([{ state: 'pending', attempts: 1 }])
    for (let waited = 0; waited < 4_000 && run.store.listOps().length; waited += 100) await sleep(100)
    expect(run.store.listOps()).toEqual([])
    expect(await portalTitle(20)).toBe('Sent by the timer')
  })

  it('an op queued behind a conflict does not wake the engine up', async () => {
    const run = await withEdit(21, 'Mine 21')
    await result(h.portal, 'crm.lead.update', { id: 21, fields: { TITLE: 'Theirs 21' } })
    await run.engine.start('delta')
    expect(run.store.listOps()).toMatchObject([{ state: 'needs-attention' }])
    run.store.applyLocalEdit(21, { NAME: 'Also mine' }, { NAME: run.store.getLead(21)?.server?.NAME })
    await run.engine.start('delta')
    await h.resetStats()
    await sleep(2_500)
    expect(await h.requests()).toBe(0)
  })

  it('cancelling the sync while an edit is sent is no failed try of it', async () => {
    const run = await withEdit(22, 'Sent after a cancel')
    onBatch('write', 1, () => run.engine.cancel())
    await run.engine.start('delta')
    const [op] = run.store.listOps()
    expect(op).toMatchObject({ state: 'pending', attempts: 0, lastError: { code: 'CANCELLED' } })
    expect(op!.nextAttemptAt).toBeLessThanOrEqual(Date.now())
    await run.engine.start('delta')
    expect(run.store.listOps()).toEqual([])
    expect(await portalTitle(22)).toBe('Sent after a cancel')
  })
})
