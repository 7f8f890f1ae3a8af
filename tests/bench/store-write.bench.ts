/**
 * Client CPU of writing downloaded leads into the local store, as the initial sync does it:
 * the grid columns of every lead, then every field of every lead, each in pages of 50 (one
 * upsertServerLeads call, so one transaction, per page). A third pass writes the full copies
 * again unchanged, as a delta that re-reads known leads does.
 *
 *   npm run bench:store -- [--leads 100000] [--seed 1] [--lang en|ru]
 *
 * The leads are the emulator's generated data, printed as crm.lead.list prints them. Only the
 * store calls are timed. Prints one `BENCH {...}` line per pass: CPU ms (user + system) and wall ms.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { GRID_SELECT } from '../../electron/core/sync/pull'
import { openLeadStore, type LeadStore } from '../../electron/core/store/lead-store'
import { storeMetadata } from '../support/metadata'
import type { ServerLead } from '../../electron/core/domain/lead-types'
import { Emulator } from '../../electron/emulator/emulator'
import {
  fullSelection,
  leadToJson,
  parseSelect,
  type LeadSelection
} from '../../electron/emulator/methods/leads/lead-view'
import type { PortalState } from '../../electron/emulator/state/portal'
import { printBench } from './report'

const { values } = parseArgs({
  // `npx tsx <script> -- --leads N` passes the `--` on; `npm run` does not.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    leads: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    lang: { type: 'string', default: 'en' }
  }
})

const PAGE = 50

const leadCount = Number(values.leads)
const lang = values.lang === 'ru' ? 'ru' : 'en'
process.stdout.write(`Generating ${leadCount} leads (seed ${values.seed}, ${lang})...\n`)
const { portal } = new Emulator({ leads: leadCount, seed: Number(values.seed), lang })

const dir = mkdtempSync(join(tmpdir(), 'store-write-bench-'))
const store = openLeadStore(join(dir, 'leads.sqlite'))
try {
  storeMetadata(
    store,
    'statuses',
    portal.statuses.map((status) => ({
      ENTITY_ID: status.entityId,
      STATUS_ID: status.statusId,
      NAME: status.name,
      SORT: String(status.sort)
    }))
  )
  const fullCopies = printed(portal, fullSelection(portal))
  timePass('store-write-grid', store, printed(portal, parseSelect(portal, GRID_SELECT)), false)
  timePass('store-write-full', store, fullCopies, true)
  timePass('store-write-unchanged', store, fullCopies, true)
} finally {
  store.close()
  rmSync(dir, { recursive: true, force: true })
}

/** Every lead as a crm.lead.list page would carry it (JSON round trip: fresh objects, no undefined). */
function printed(portal: PortalState, selection: LeadSelection): ServerLead[] {
  return [...portal.leads.all()].map((lead) => JSON.parse(JSON.stringify(leadToJson(lead, selection))) as ServerLead)
}

function timePass(name: string, store: LeadStore, leads: readonly ServerLead[], full: boolean): void {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  for (let index = 0; index < leads.length; index += PAGE) {
    store.upsertServerLeads(leads.slice(index, index + PAGE), { full })
  }
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  printBench({
    name,
    leads: leads.length,
    pages: Math.ceil(leads.length / PAGE),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    userMs: Math.round(cpu.user / 1000),
    wallMs: Math.round(wallMs)
  })
}
