/**
 * Downloading every lead: our chained keyset reader against the official JS SDK's whole-list
 * helper (`@bitrix24/b24jssdk`, `actions.v2.fetchList`, one keyset page per request).
 *
 *   npm run bench:download -- [--leads 100000] [--speed 20] [--shards 1] [--clients ours,b24jssdk]
 *
 * The emulated portal runs in this process, over HTTPS (the SDK accepts https webhooks only) with
 * the standard plan's limits (bucket of 50, 2 per second; operating budget 480 s) and server time
 * modelled at `--speed` times the cloud's. Each client runs in a child process of its own, so its
 * CPU time and peak RSS are its own and not the emulator's; both read the same fields, and before
 * each the portal's counters, bucket and operating budget start afresh.
 *
 * Prints a table and one `BENCH {...}` line per client.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { WebhookAuth } from '../../electron/core/auth/webhook-auth'
import { readKeysetPages } from '../../electron/core/portal/keyset-reader'
import { PortalClient } from '../../electron/core/portal/portal-client'
import { readShardedPages } from '../../electron/core/portal/sharded-reader'
import { Emulator } from '../../electron/emulator/emulator'
import { printBench } from './report'

const SELECT = ['ID', 'TITLE', 'STATUS_ID', 'OPPORTUNITY', 'DATE_MODIFY', 'ASSIGNED_BY_ID']
const CLIENTS = ['ours', 'b24jssdk'] as const
type ClientName = (typeof CLIENTS)[number]

const { values } = parseArgs({
  options: {
    leads: { type: 'string', default: '100000' },
    speed: { type: 'string', default: '20' },
    shards: { type: 'string', default: '1' },
    clients: { type: 'string', default: CLIENTS.join(',') },
    // Child mode: download from this webhook and report.
    client: { type: 'string' },
    webhook: { type: 'string' }
  }
})

/** What a child measured about itself. */
interface Download {
  ms: number
  cpuMs: number
  /** Peak RSS of the child (Node, tsx and the client); and its RSS before the download. */
  rssMb: number
  rssAtStartMb: number
  rows: number
  uniqueIds: number
}

interface Row {
  client: ClientName
  requests: number
  subcalls: number
  /** Requests the portal refused or failed (503, 429, ...). */
  refused: number
  download: Download
}

if (values.client) await runChild(values.client as ClientName, values.webhook!)
else await runParent()

async function runChild(client: ClientName, webhook: string): Promise<void> {
  const ids = new Set<number>()
  let rows = 0
  const count = (page: Array<Record<string, unknown>>) => {
    rows += page.length
    for (const row of page) ids.add(Number(row.ID))
  }
  // Modules loaded and the client made before the clock starts, for both alike.
  const pages = client === 'ours' ? ourPages(webhook) : await sdkPages(webhook)
  const rssAtStartMb = Math.round(process.memoryUsage().rss / 2 ** 20)
  const cpu = process.cpuUsage()
  const started = performance.now()
  for await (const page of pages) count(page)
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  const download: Download = {
    ms: Math.round(ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssAtStartMb,
    rows,
    uniqueIds: ids.size
  }
  process.stdout.write(`RESULT ${JSON.stringify(download)}\n`)
}

function webhookParts(webhook: string): { origin: string; userId: number; code: string } {
  const url = new URL(webhook)
  const [, userId, code] = /^\/rest\/(\d+)\/([^/]+)\/?$/.exec(url.pathname)!
  return { origin: url.origin, userId: Number(userId), code: code! }
}

function ourPages(webhook: string): AsyncIterable<Array<Record<string, unknown>>> {
  const { origin, userId, code } = webhookParts(webhook)
  const client = new PortalClient({ auth: new WebhookAuth(origin, userId, code) })
  const shards = Number(values.shards)
  return shards > 1 ? readShardedPages(client, { select: SELECT, shards }) : readKeysetPages(client, { select: SELECT })
}

async function sdkPages(webhook: string): Promise<AsyncIterable<Array<Record<string, unknown>>>> {
  const { B24Hook } = await import('@bitrix24/b24jssdk')
  // The documented way in from a webhook URL (it takes https only, hence the HTTPS emulator).
  const b24 = B24Hook.fromWebhookUrl(webhook.replace(/\/$/, ''))
  b24.offClientSideWarning()
  // The SDK's helper for a whole list: keyset pages (order ID ASC, >ID, start -1), one per request.
  return b24.actions.v2.fetchList.make<Record<string, unknown>>({
    method: 'crm.lead.list',
    params: { select: SELECT },
    idKey: 'ID'
  })
}

async function runParent(): Promise<void> {
  const leads = Number(values.leads)
  const speed = Number(values.speed)
  const clients = values.clients.split(',').filter((name): name is ClientName => CLIENTS.includes(name as ClientName))
  process.stdout.write(
    `download bench: ${leads} leads, select ${SELECT.join(',')}; emulator over HTTPS, limits 'standard' ` +
      `(bucket 50, drain 2/s, operating limit 480 s), speed ${speed} (server time ÷ ${speed}), ` +
      `our shards ${values.shards}\n`
  )
  const emulator = new Emulator({ leads, seed: 1, limits: 'standard', speed, https: true })
  await emulator.listen()
  const rows: Row[] = []
  const skipped: string[] = []
  try {
    for (const client of clients) {
      const problem = client === 'b24jssdk' ? await sdkProblem() : undefined
      if (problem) {
        skipped.push(`b24jssdk skipped: ${problem}`)
        continue
      }
      emulator.rest.stats.reset()
      emulator.rest.setLimits('standard') // a fresh bucket
      emulator.rest.budget.reset()
      const download = await runInChild(client, emulator.webhookUrl)
      rows.push({
        client,
        requests: emulator.rest.stats.requests,
        subcalls: emulator.rest.stats.subCalls,
        refused: Object.values(emulator.rest.stats.errorsByCode).reduce((sum, count) => sum + count, 0),
        download
      })
      if (download.rows !== leads || download.uniqueIds !== leads) {
        skipped.push(`${client}: read ${download.rows} rows, ${download.uniqueIds} distinct, of ${leads}`)
      }
    }
  } finally {
    await emulator.close()
  }
  printTable(rows)
  for (const line of skipped) process.stdout.write(`${line}\n`)
  for (const row of rows) {
    const { ms, cpuMs, rssMb, rows: read } = row.download
    printBench({
      name: 'download',
      leads,
      client: row.client,
      requests: row.requests,
      subcalls: row.subcalls,
      ms,
      cpuMs,
      rssMb,
      rows: read
    })
  }
}

/** Why the SDK cannot run here, if it cannot. */
async function sdkProblem(): Promise<string | undefined> {
  try {
    const sdk = await import('@bitrix24/b24jssdk')
    return typeof sdk.B24Hook === 'function' ? undefined : 'the package has no B24Hook'
  } catch (error) {
    return `cannot load @bitrix24/b24jssdk (${error instanceof Error ? error.message : String(error)})`
  }
}

function runInChild(client: ClientName, webhook: string): Promise<Download> {
  const script = fileURLToPath(import.meta.url)
  const args = [...process.execArgv, script, '--client', client, '--webhook', webhook, '--shards', values.shards]
  // The emulator's certificate is self-signed: trusted by this child only, for 127.0.0.1.
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      const line = output.split('\n').find((text) => text.startsWith('RESULT '))
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as Download)
      else reject(new Error(`${client} failed (exit ${code}):\n${output}`))
    })
  })
}

function printTable(rows: Row[]): void {
  const columns: Array<[string, (row: Row) => number]> = [
    ['HTTP requests', (row) => row.requests],
    ['batch sub-calls', (row) => row.subcalls],
    ['refused by portal', (row) => row.refused],
    ['wall ms', (row) => row.download.ms],
    ['client CPU ms', (row) => row.download.cpuMs],
    ['RSS at start MB', (row) => row.download.rssAtStartMb],
    ['peak RSS MB', (row) => row.download.rssMb],
    ['rows', (row) => row.download.rows]
  ]
  const ours = rows.find((row) => row.client === 'ours')
  const sdk = rows.find((row) => row.client === 'b24jssdk')
  const cells = [
    ['', ...columns.map(([title]) => title)],
    ...rows.map((row) => [row.client, ...columns.map(([, get]) => String(get(row)))]),
    ...(ours && sdk ? [['b24jssdk / ours', ...columns.map(([, get]) => ratio(get(sdk), get(ours)))]] : [])
  ]
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)))
  for (const line of cells) {
    process.stdout.write(
      `${line.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('  ')}\n`
    )
  }
}

function ratio(theirs: number, ours: number): string {
  if (theirs === 0 || ours === 0) return '–'
  return `${(theirs / ours).toFixed(theirs / ours >= 10 ? 0 : 2)}×`
}
