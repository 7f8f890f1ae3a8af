/**
 * Emulator figures: how fast a portal with N leads starts, and what one list page costs the
 * emulator itself (not the modelled server time) on a large portal — keyset pages must stay
 * O(page) at a million leads.
 *
 *   npm run bench:emulator -- [--leads 1000000]
 *
 * Prints a table and one `BENCH {...}` JSON line per figure.
 */
import { parseArgs } from 'node:util'
import { Emulator } from '../../electron/emulator/emulator'
import { percentile, printBench } from './report'

const { values } = parseArgs({ options: { leads: { type: 'string', default: '1000000' } } })
const leads = Number(values.leads)

async function listPage(emulator: Emulator, params: Record<string, unknown>): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${emulator.webhookUrl}crm.lead.list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params)
  })
  await response.json()
  return performance.now() - started
}

const rssBefore = process.memoryUsage().rss
const started = performance.now()
const emulator = new Emulator({ leads, seed: 1, limits: 'off', speed: Infinity, operatingLimitSeconds: null })
await emulator.listen()
const startMs = performance.now() - started
printBench({
  name: 'emulator-start',
  leads,
  ms: Math.round(startMs),
  rssMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e6)
})

const keyset: number[] = []
for (let i = 0; i < 200; i++) {
  const after = Math.floor(Math.random() * (leads - 100))
  keyset.push(
    await listPage(emulator, {
      order: { ID: 'ASC' },
      filter: { '>ID': after },
      select: ['ID', 'TITLE', 'STATUS_ID', 'OPPORTUNITY'],
      start: -1
    })
  )
}
printBench({ name: 'keyset-page', leads, rows: 50, p50Ms: percentile(keyset, 50), p95Ms: percentile(keyset, 95) })

const counted: number[] = []
for (let i = 0; i < 5; i++)
  counted.push(await listPage(emulator, { filter: { STATUS_ID: 'NEW' }, select: ['ID'], start: 0 }))
printBench({
  name: 'counted-filter-page',
  leads,
  rows: 50,
  p50Ms: percentile(counted, 50),
  p95Ms: percentile(counted, 95)
})

await emulator.close()
