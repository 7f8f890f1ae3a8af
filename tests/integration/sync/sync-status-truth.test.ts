import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PortalSummary, SyncStatus } from '../../../electron/contract'
import { RateLimiter } from '../../../electron/core/portal/rate-limiter'
import type { Emulator } from '../../../electron/emulator/emulator'
import { makeServices, makeTempDir } from '../../support/core'
import { startTestEmulator } from '../../support/emulator'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'
import { ShortBlockTracker } from '../../support/webhook-client'

/**
 * The sync status says what is true within seconds: a portal that drops connections is
 * "offline" with the time of the next try while the client is still retrying, a wait for one of
 * the portal's limits is told with its end, and the portal answering again puts it back online.
 */
// Runs that wait for retries and limits take seconds on a loaded machine.
vi.setConfig({ testTimeout: 60_000 })

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function harness(options: Parameters<typeof startSyncHarness>[0]): Promise<SyncHarness> {
  const h = await startSyncHarness(options)
  cleanups.push(() => h.close())
  return h
}

/** Every sync status the core sends from now on, with when it came (ms since the start). */
function recordStatuses(h: SyncHarness) {
  const started = Date.now()
  const seen: Array<{ at: number; status: SyncStatus }> = []
  const stop = h.services.events.on('sync.status', (status) => seen.push({ at: Date.now() - started, status }))
  cleanups.push(async () => stop())
  return {
    seen,
    /** Waits (polling) for the first status that matches; fails after `timeoutMs`. */
    async first(match: (status: SyncStatus) => boolean, timeoutMs = 10_000) {
      await expect.poll(() => seen.some(({ status }) => match(status)), { timeout: timeoutMs, interval: 20 }).toBe(true)
      return seen.find(({ status }) => match(status))!
    }
  }
}

describe('a portal that drops every connection', () => {
  it('is "offline" within seconds, says when the next try goes, and is online again once it answers', async () => {
    const h = await harness({
      leads: 120,
      seed: 21,
      // Real backoff between the tries of a call; a failed run is tried again after 1.5 s.
      clientOptions: { backoff: { baseMs: 500, capMs: 2_000 } },
      workspace: { offlineRetryMs: [1_500] },
      fast: true
    })
    await h.syncNow(h.portalId)
    const statuses = recordStatuses(h)
    h.portal.rest.faults.add({ kind: 'drop', method: '*', count: 1_000_000 })
    const workspace = await h.services.workspaces.open(h.portalId)
    workspace.startSync('delta')

    const offline = await statuses.first((status) => status.link.state === 'offline')
    expect(offline.at).toBeLessThan(3_000)
    // Still in the run (the client retries), and the status says when the next try goes.
    expect(offline.status).toMatchObject({ state: 'syncing', link: { state: 'offline', code: 'NETWORK' } })
    const link = offline.status.link as Extract<SyncStatus['link'], { state: 'offline' }>
    expect(link.retryAt).toBeGreaterThan(Date.now() - 3_000)

    // The run gives up: "offline", and the next run is planned 1.5 s later.
    const ended = await statuses.first((status) => status.state === 'offline', 30_000)
    expect(ended.status.link).toMatchObject({ state: 'offline', code: 'NETWORK' })
    const planned = await statuses.first(
      (status) => status.state === 'offline' && status.link.state === 'offline' && status.link.retryAt !== undefined
    )
    const retryAt = (planned.status.link as { retryAt: number }).retryAt
    expect(retryAt - Date.now()).toBeLessThanOrEqual(1_500)

    h.portal.rest.faults.clear()
    const back = await statuses.first((status) => status.state === 'idle' && status.link.state === 'online', 10_000)
    expect(back.at).toBeGreaterThan(ended.at)
    expect(workspace.engine.status()).toMatchObject({ state: 'idle', link: { state: 'online' } })
  })
})

describe("a portal's limits", () => {
  it('QUERY_LIMIT_EXCEEDED: the status says the work waits for the request limit, and until when', async () => {
    // A bucket of 10 that drains 2 a second: after the portal's refusal the next request waits 1.5 s.
    const h = await harness({ leads: 60, seed: 22, fast: true, clientOptions: { limiter: new RateLimiter(10, 2) } })
    await h.syncNow(h.portalId)
    const statuses = recordStatuses(h)
    h.portal.rest.faults.add({ kind: '503', method: '*', count: 1 })
    const before = Date.now()
    const done = h.syncNow(h.portalId, 'delta')
    const limited = await statuses.first((status) => status.link.state === 'limited', 5_000)
    expect(limited.status.link).toMatchObject({ state: 'limited', code: 'QUERY_LIMIT_EXCEEDED' })
    const until = (limited.status.link as { until: number }).until
    expect(until - before).toBeGreaterThanOrEqual(1_000)
    expect(until - before).toBeLessThan(3_000)
    expect(await done).toMatchObject({ state: 'idle', link: { state: 'online' } })
  })

  it('OPERATION_TIME_LIMIT: the status says the work waits for the operating-time limit, and until when', async () => {
    // A method the portal blocks with 429 is paused 2.5 s (the portal's window, shortened).
    const h = await harness({
      leads: 60,
      seed: 23,
      fast: true,
      clientOptions: { operating: new ShortBlockTracker(2_500) }
    })
    await h.syncNow(h.portalId)
    const statuses = recordStatuses(h)
    h.portal.rest.faults.add({ kind: '429', method: '*', count: 1 })
    const before = Date.now()
    const done = h.syncNow(h.portalId, 'delta')
    const limited = await statuses.first((status) => status.link.state === 'limited', 5_000)
    expect(limited.status.link).toMatchObject({ state: 'limited', code: 'OPERATION_TIME_LIMIT' })
    const until = (limited.status.link as { until: number }).until
    expect(until - before).toBeGreaterThanOrEqual(2_000)
    expect(await done).toMatchObject({ state: 'idle', link: { state: 'online' } })
  })
})

describe('connecting a portal', () => {
  let portal: Emulator
  it('starts the first download by itself, and the grid hears of the first page and the first screenful early', async () => {
    portal = await startTestEmulator({ leads: 6_000, seed: 24 })
    cleanups.push(() => portal.close())
    const temp = await makeTempDir('lead-admin-connect-')
    const services = makeServices(temp.dir, undefined, { sync: { syncOnConnect: true } })
    cleanups.push(async () => {
      await services.dispose()
      await temp.cleanup()
    })
    /** What the grid could read each time it was told leads changed. */
    const told: number[] = []
    services.events.on('leads.changed', ({ portalId }) => {
      void services.leads.query(portalId, { offset: 0, limit: 100 }).then((page) => told.push(page.total))
    })
    const connected = await services.dispatch('portals.connectWebhook', { url: portal.webhookUrl })
    if (!connected.ok) throw new Error(JSON.stringify(connected.error))
    const portalId = (connected.value as PortalSummary).id

    // Nobody asks for a sync: it runs to its end by itself.
    const workspace = await services.workspaces.open(portalId)
    await expect
      .poll(() => workspace.engine.status(), { timeout: 30_000, interval: 50 })
      .toMatchObject({ state: 'idle', link: { state: 'online' } })
    expect((await services.leads.query(portalId, { offset: 0, limit: 1 })).total).toBe(6_000)
    expect(workspace.engine.status().lastSyncAt).toBeDefined()
    // The grid was told while the download ran: after its first page, and once a screenful was in.
    expect(told[0]).toBeGreaterThan(0)
    expect(told[0]).toBeLessThan(2_500)
    expect(told.some((total) => total >= 2_500 && total < 6_000)).toBe(true)
  })
})
