/**
 * Sync figures against the emulated portal with standard limits:
 *   first rows after connect (from connecting the portal to the first 2,500 leads the grid can
 *   read, as the app starts the first download by itself),
 *   initial sync of N leads (requests, wall, client CPU; the grid pass and the full pass; counted
 *   from the connect, whose check costs a few requests),
 *   delta sync of 100 changes, deletion sweep, flush of 1,000 edits (requests), and the core
 *   process's peak memory. The portal runs in its own process, so memory is the core's own.
 *
 *   npm run bench -- [--leads 100000] [--speed 50]
 *
 * Prints a table and one `BENCH {...}` JSON line per figure (tests/bench/report.ts).
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { getHeapSpaceStatistics } from 'node:v8'
import type { PortalSummary } from '../../electron/contract'
import { MemorySecretStore } from '../../electron/core/auth/secret-store'
import { runBatch } from '../../electron/core/portal/batch'
import { createServices } from '../../electron/core/services'
import { printBench } from './report'

const { values } = parseArgs({
  options: { leads: { type: 'string', default: '100000' }, speed: { type: 'string', default: '50' } }
})
const leads = Number(values.leads)
const root = join(import.meta.dirname, '..', '..')

/** Starts `npm run portal` in its own process and reads the lines it prints. */
async function startPortal(): Promise<{ url: string; webhook: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/emulator/cli.ts',
      '--port',
      '0',
      '--leads',
      String(leads),
      '--limits',
      'standard',
      '--speed',
      values.speed
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  let text = ''
  const lines = await new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const found = text.split('\n').filter((line) => line.includes('='))
      if (found.length >= 4)
        resolve(Object.fromEntries(found.map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string])))
    })
    child.on('exit', () => reject(new Error('The portal stopped')))
  })
  return { url: lines.PORTAL_URL!, webhook: lines.WEBHOOK_URL!, stop: () => child.kill('SIGTERM') }
}

const portal = await startPortal()
const admin = async (path: string, body?: unknown) =>
  (
    await fetch(`${portal.url}/_emulator/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
  ).json() as Promise<Record<string, unknown>>
const requests = async () => Number((await admin('stats')).requests)
/** Requests the portal refused or failed since the last reset (e.g. QUERY_LIMIT_EXCEEDED). */
const portalErrors = async () =>
  Object.values((await admin('stats')).errorsByCode as Record<string, number>).reduce((sum, count) => sum + count, 0)

// The portal's operating-time budget (480 s per method per 10 minutes) would pause a full
// download of a big portal for minutes; it is switched off here and what the sync cost of it is
// printed instead (`operatingS`), so the figure shows how close a real portal would come.
await admin('limits', { operatingLimitSeconds: null })
const operatingSeconds = async () =>
  Math.round(
    Object.entries((await admin('stats')).operatingByMethod as Record<string, number>)
      // The outer batch's figure repeats its commands' time; the portal does not charge it.
      .filter(([method]) => method !== 'batch')
      .reduce((sum, [, value]) => sum + value, 0)
  )

const dataDir = await mkdtemp(join(tmpdir(), 'lead-admin-bench-'))
const services = createServices({
  app: { name: 'Lead Admin', version: 'bench', platform: process.platform, host: 'loopback' },
  dataDir,
  secretStore: new MemorySecretStore(),
  oauth: { openBrowser: async () => {}, port: 0 }
})
/** How many leads the grid must be able to read for the first rows to count as on screen. */
const FIRST_ROWS = 2_500

/**
 * When the grid, told by a `leads.changed` event, could first read `rows` leads (performance.now
 * time): it asks through the same channel the window uses.
 */
function firstRowsReadable(rows: number): Promise<number> {
  return new Promise((resolve) => {
    const stop = services.events.on('leads.changed', ({ portalId }) => {
      void services.dispatch('leads.query', { portalId, query: { offset: 0, limit: 100 } }).then((page) => {
        if (!page.ok || (page.value as { total: number }).total < rows) return
        stop()
        resolve(performance.now())
      })
    })
  })
}

const baselineRss = process.memoryUsage().rss
let peakRss = baselineRss
let peakHeap = 0
let peakHeapTotal = 0
/** V8's young generation grows while a sync allocates; it is most of the heap's size. */
let peakYoung = 0
let peakExternal = 0
/** Peak RSS of each phase, so a regression can be traced to the part that caused it. */
const phasePeaks: Record<string, number> = {}
let phase = 'connect'
const sampler = setInterval(() => {
  const usage = process.memoryUsage()
  peakRss = Math.max(peakRss, usage.rss)
  phasePeaks[phase] = Math.max(phasePeaks[phase] ?? 0, Math.round(usage.rss / 1e6))
  peakHeap = Math.max(peakHeap, usage.heapUsed)
  peakHeapTotal = Math.max(peakHeapTotal, usage.heapTotal)
  peakExternal = Math.max(peakExternal, usage.external + usage.arrayBuffers)
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
  peakYoung = Math.max(peakYoung, young?.space_size ?? 0)
}, 50)

try {
  // Connecting starts the first download: grid columns of every lead, then every field.
  await admin('stats/reset', {})
  phase = 'initial'
  const stopPhases = services.events.on('sync.status', (status) => {
    if (status.phase === 'grid' || status.phase === 'details') phase = status.phase
  })
  const cpu = process.cpuUsage()
  const started = performance.now()
  const firstRows = firstRowsReadable(FIRST_ROWS)
  const connected = await services.dispatch('portals.connectWebhook', { url: portal.webhook })
  if (!connected.ok) throw new Error(JSON.stringify(connected.error))
  const portalId = (connected.value as PortalSummary).id
  const service = await services.workspaces.open(portalId)
  printBench({ name: 'first-rows-after-connect', leads, rows: FIRST_ROWS, ms: Math.round((await firstRows) - started) })
  await service.syncNow()
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000
  const initialRequests = await requests()
  stopPhases()
  const jobLog = (await import('../../electron/core/store/lead-store')).openLeadStore(
    join(dataDir, 'portals', portalId, 'leads.db')
  )
  /** What the newest job of a kind recorded (rows, requests). */
  const pass = (kind: string) =>
    (jobLog.listJobs().find((job) => job.kind === kind)?.details as
      { requests?: number; rows?: number; sent?: number } | undefined) ?? {}
  printBench({
    name: 'initial-sync',
    leads,
    requests: pass('initial-grid').requests ?? 0,
    rows: pass('initial-grid').rows ?? 0
  })
  printBench({
    name: 'initial-sync-full',
    leads,
    requests: initialRequests,
    detailRequests: pass('initial-details').requests ?? 0,
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round(cpuMs),
    operatingS: await operatingSeconds(),
    speed: Number(values.speed)
  })

  // Delta: 100 leads changed on the portal, in two batches. They are sent through the app's own
  // client, so its rate limiter knows of them: requests it did not see would leave the portal's
  // bucket fuller than it thinks, and a refusal would blur the figures that follow.
  const client = await services.portals.client(portalId)
  for (const start of [1, 51]) {
    const commands = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [
        `u${i}`,
        {
          method: 'crm.lead.update',
          params: { id: (start + i) * 7, fields: { COMMENTS: `bench change ${start + i}` } }
        }
      ])
    )
    await runBatch(client, commands)
  }
  await admin('stats/reset', {})
  phase = 'delta'
  await service.syncNow('delta')
  printBench({ name: 'delta-sync', leads, changes: 100, requests: await requests() })

  // Deletion sweep of the whole portal (no leads deleted, the full ID scan runs).
  await admin('stats/reset', {})
  phase = 'sweep'
  const sweepJobStart = performance.now()
  const { readAllIds } = await import('../../electron/core/portal/id-sweep')
  const ids = await readAllIds(await services.portals.client(portalId))
  printBench({
    name: 'deletion-sweep',
    leads,
    requests: await requests(),
    rows: ids.length,
    ms: Math.round(performance.now() - sweepJobStart),
    portalErrors: await portalErrors()
  })

  // Flush of 1,000 offline edits on different leads.
  phase = 'flush'
  // Spread over the portal (every 11th lead at 100,000), so the flush touches leads of every page.
  const edits = Math.min(1000, leads)
  const spacing = Math.max(1, Math.floor(leads / edits / 9))
  for (let n = 1; n <= edits; n++) await services.leads.edit(portalId, n * spacing, { TITLE: `Bench edit ${n}` })
  await admin('stats/reset', {})
  const flushStart = performance.now()
  await service.syncNow('delta')
  const flushAndPull = await requests()
  printBench({
    name: 'flush',
    edits,
    sent: pass('push').sent ?? 0,
    requests: pass('push').requests ?? 0,
    withMetadataAndDelta: flushAndPull,
    portalErrors: await portalErrors(),
    ms: Math.round(performance.now() - flushStart)
  })

  printBench({
    name: 'rss',
    rssMb: Math.round(peakRss / 1e6),
    baselineMb: Math.round(baselineRss / 1e6),
    heapMb: Math.round(peakHeap / 1e6),
    heapTotalMb: Math.round(peakHeapTotal / 1e6),
    youngMb: Math.round(peakYoung / 1e6),
    ...Object.fromEntries(Object.entries(phasePeaks).map(([name, mb]) => [`${name}Mb`, mb])),
    externalMb: Math.round(peakExternal / 1e6),
    leads
  })
} finally {
  clearInterval(sampler)
  await services.dispose()
  portal.stop()
  await rm(dataDir, { recursive: true, force: true })
}
