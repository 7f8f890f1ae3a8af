/**
 * The local lead store under the grid's load: 100,000 leads from the emulator's data generator,
 * loaded with the sync path (upsertServerLeads, 2,500 per call), then timed queries.
 *
 *   npm run bench:grid -- [--leads 100000] [--seed 1]
 *
 * The queries run in a child process that only opens the store, so its RSS is the store's and
 * not the generator's. Prints a table and one `BENCH {...}` line per figure: store-load, grid-page
 * (filter + sort + page of 50 + total), search (full-text + page + total), facets, rss; and
 * grid-page-json (filters and sorts on fields without a column: userfields, phones), after
 * field-index-first-use (the first query on each of those fields, which makes its index).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openLeadStore, type LeadStore } from '../../electron/core/store/lead-store'
import { storeMetadata } from '../support/metadata'
import type { GridCondition, GridQuery } from '../../electron/core/store/types'
import type { ServerLead } from '../../electron/core/domain/lead-types'
import { percentile, printBench } from './report'
import { seededRandom } from '../../electron/emulator/seed/random'

const { values } = parseArgs({
  options: {
    leads: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    // Child mode: query the store at this path with this vocabulary.
    query: { type: 'string' },
    vocabulary: { type: 'string' }
  }
})

const PAGE = 50
const GRID_PAGES = 200
const SEARCHES = 200
const FACET_COUNTS = 50
const JSON_PAGES = 50

/** Values seen in the data, for queries that find something. */
interface Vocabulary {
  stages: string[]
  sources: string[]
  users: number[]
  dateModify: [number, number]
  titleParts: string[]
  searches: string[]
  total: number
}

interface Figure {
  name: string
  p50Ms: number
  p95Ms: number
  runs: number
}

if (values.query && values.vocabulary) runQueries(values.query, values.vocabulary)
else await main()

async function main(): Promise<void> {
  const leadCount = Number(values.leads)
  const dir = mkdtempSync(join(tmpdir(), 'grid-bench-'))
  try {
    const path = join(dir, 'leads.sqlite')
    const vocabularyPath = join(dir, 'vocabulary.json')
    process.stdout.write(`Generating ${leadCount} leads (seed ${values.seed})...\n`)
    const { leads, statuses, userfields } = await generate(leadCount, Number(values.seed))
    writeFileSync(vocabularyPath, JSON.stringify(vocabularyOf(leads, Number(values.seed))))

    const store = openLeadStore(path)
    storeMetadata(store, 'statuses', statuses)
    storeMetadata(store, 'userFields', userfields)
    const started = performance.now()
    for (let index = 0; index < leads.length; index += 2500) {
      store.upsertServerLeads(leads.slice(index, index + 2500), { full: true })
    }
    const loadMs = performance.now() - started
    const optimizeStarted = performance.now()
    store.optimize()
    const optimizeMs = performance.now() - optimizeStarted
    store.close()

    const figures = await runInChild(path, vocabularyPath)
    printTable(loadMs, leads.length, figures)
    printBench({ name: 'store-load', rows: leads.length, ms: round(loadMs), optimizeMs: round(optimizeMs) })
    for (const figure of figures.timings) printBench({ ...figure })
    printBench({ name: 'field-index-first-use', ms: figures.firstUseMs })
    printBench({ name: 'rss', rssMb: figures.rssMb })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function generate(
  count: number,
  seed: number
): Promise<{ leads: ServerLead[]; statuses: unknown[]; userfields: unknown[] }> {
  // Loaded here only: the query process must not carry the generator (faker's locales) in its RSS.
  const { Emulator } = await import('../../electron/emulator/emulator')
  const { fullSelection, leadToJson } = await import('../../electron/emulator/methods/leads/lead-view')
  const emulator = new Emulator({ leads: count, seed })
  const portal = emulator.portal
  const selection = fullSelection(portal)
  const leads = [...portal.leads.all()].map((lead) => leadToJson(lead, selection) as ServerLead)
  // What crm.status.list and crm.lead.userfield.list would have answered.
  const statuses = portal.statuses.map((status) => ({
    ENTITY_ID: status.entityId,
    STATUS_ID: status.statusId,
    NAME: status.name,
    SORT: String(status.sort)
  }))
  const userfields = portal.userFields.map((field) => ({
    ID: String(field.id),
    FIELD_NAME: field.fieldName,
    USER_TYPE_ID: field.userTypeId,
    MULTIPLE: field.multiple ? 'Y' : 'N'
  }))
  return { leads, statuses, userfields }
}

function vocabularyOf(leads: ServerLead[], seed: number): Vocabulary {
  const random = seededRandom(seed)
  const distinct = (field: string): string[] =>
    [...new Set(leads.map((lead) => lead[field]).filter((value): value is string => typeof value === 'string'))].sort()
  const modified = leads.map((lead) => Date.parse(String(lead.DATE_MODIFY))).filter(Number.isFinite)
  const sample = (): ServerLead => leads[Math.floor(random() * leads.length)]!
  const titleParts = Array.from({ length: 100 }, () => {
    const title = String(sample().TITLE ?? 'lead')
    const start = Math.floor(random() * Math.max(1, title.length - 3))
    return title.slice(start, start + 3)
  })
  const searches = Array.from({ length: SEARCHES }, () => searchFor(sample(), random))
  return {
    stages: distinct('STATUS_ID'),
    sources: distinct('SOURCE_ID'),
    users: distinct('ASSIGNED_BY_ID').map(Number),
    dateModify: [Math.min(...modified), Math.max(...modified)],
    titleParts,
    searches,
    total: leads.length
  }
}

/** What a user types to find a lead: the start of a name, an e-mail, a phone, or two words. */
function searchFor(lead: ServerLead, random: () => number): string {
  const prefix = (text: unknown, min = 3): string => {
    const word =
      String(text ?? '')
        .split(/[^\p{L}\p{N}]+/u)
        .find(Boolean) ?? 'lead'
    return word.slice(0, min + Math.floor(random() * 3))
  }
  const first = (items: unknown): string => (Array.isArray(items) ? String(items[0]?.VALUE ?? '') : '')
  switch (Math.floor(random() * 5)) {
    case 0:
      return prefix(lead.NAME)
    case 1:
      return prefix(lead.LAST_NAME ?? lead.TITLE)
    case 2:
      return `${prefix(lead.NAME, 2)} ${prefix(lead.LAST_NAME ?? lead.TITLE, 2)}`
    case 3:
      return prefix(first(lead.EMAIL) || lead.TITLE, 4)
    default:
      return first(lead.PHONE).replace(/\D/g, '').slice(0, 6) || prefix(lead.TITLE)
  }
}

// ---------------------------------------------------------------------------------------------
// Child: the queries
// ---------------------------------------------------------------------------------------------

interface ChildResult {
  timings: Figure[]
  /** The first query on each userfield and list of the JSON queries: it makes the field's index. */
  firstUseMs: number
  rssMb: number
  rssAtStartMb: number
}

function runQueries(path: string, vocabularyPath: string): void {
  const vocabulary = JSON.parse(readFileSync(vocabularyPath, 'utf8')) as Vocabulary
  const rssAtStartMb = rssMb()
  const store = openLeadStore(path)
  const random = seededRandom(7)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const timings: Figure[] = []

  timings.push(time('grid-page', GRID_PAGES, store, () => gridPageQuery(vocabulary, random, pick)))
  const searches = [...vocabulary.searches]
  timings.push(
    time('search', SEARCHES, store, () => ({
      search: searches.pop() ?? 'a',
      sort: [{ field: 'DATE_MODIFY', direction: 'desc' }],
      offset: 0,
      limit: PAGE
    }))
  )
  timings.push(
    time(
      'facets',
      FACET_COUNTS,
      store,
      () => {
        const query = gridPageQuery(vocabulary, random, pick)
        return random() < 0.3 ? { ...query, search: pick(vocabulary.searches) } : query
      },
      true
    )
  )
  // The first filter (or sort) on a userfield or list makes its index, once per database: timed apart.
  const firstUseStarted = performance.now()
  for (const query of jsonFieldQueries(random, pick)) store.queryGrid(query())
  const firstUseMs = round(performance.now() - firstUseStarted)
  timings.push(time('grid-page-json', JSON_PAGES, store, () => jsonFieldQuery(random, pick)))
  store.close()
  const result: ChildResult = { timings, firstUseMs, rssMb: peakRssMb(), rssAtStartMb }
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
}

/** Filters and sorts on columns, as people use the grid; now and then a jump deep into the list. */
function gridPageQuery(vocabulary: Vocabulary, random: () => number, pick: <T>(items: readonly T[]) => T): GridQuery {
  const [from, to] = vocabulary.dateModify
  const shallow = Math.floor(random() * 20) * PAGE
  const templates: Array<() => GridQuery> = [
    () => page([{ field: 'STATUS_ID', op: '=', value: pick(vocabulary.stages) }], 'DATE_MODIFY', 'desc', shallow),
    () =>
      page(
        [{ field: 'ASSIGNED_BY_ID', op: '@', value: [pick(vocabulary.users), pick(vocabulary.users)] }],
        'OPPORTUNITY',
        'desc',
        shallow
      ),
    () => page([{ field: 'OPPORTUNITY', op: '>=', value: Math.floor(random() * 500_000) }], 'TITLE', 'asc', shallow),
    () =>
      page(
        [{ field: 'DATE_MODIFY', op: '>=', value: new Date(from + random() * (to - from)).toISOString() }],
        'DATE_MODIFY',
        'desc',
        shallow
      ),
    () => page([{ field: 'TITLE', op: '%', value: pick(vocabulary.titleParts) }], 'ID', 'desc', 0),
    () =>
      page(
        [
          { field: 'SOURCE_ID', op: '=', value: pick(vocabulary.sources) },
          { field: 'STATUS_ID', op: '!', value: 'JUNK' }
        ],
        'STATUS_ID',
        'asc',
        shallow
      ),
    () =>
      page(
        [],
        pick(['TITLE', 'DATE_CREATE', 'OPPORTUNITY', 'STATUS_ID', 'LAST_NAME', 'ID']),
        pick(['asc', 'desc'] as const),
        Math.floor((random() * (vocabulary.total - PAGE)) / PAGE) * PAGE
      )
  ]
  return pick(templates)()
}

/** Fields without a column of their own: userfields and lists. */
function jsonFieldQuery(random: () => number, pick: <T>(items: readonly T[]) => T): GridQuery {
  return pick(jsonFieldQueries(random, pick))()
}

function jsonFieldQueries(random: () => number, pick: <T>(items: readonly T[]) => T): Array<() => GridQuery> {
  return [
    () => page([{ field: 'UF_CRM_VISITS', op: '>', value: Math.floor(random() * 40) }], 'DATE_MODIFY', 'desc', 0),
    () => page([{ field: 'UF_CRM_INTERESTS', op: '=', value: 'delivery' }], 'ID', 'desc', 0),
    () => page([{ field: 'PHONE', op: '%', value: String(100 + Math.floor(random() * 900)) }], 'ID', 'desc', 0),
    () => page([{ field: 'STATUS_ID', op: '=', value: 'NEW' }], 'UF_CRM_VISITS', pick(['asc', 'desc'] as const), 0)
  ]
}

function page(filter: GridCondition[], field: string, direction: 'asc' | 'desc', offset: number): GridQuery {
  return { filter, sort: [{ field, direction }], offset, limit: PAGE }
}

function time(name: string, runs: number, store: LeadStore, next: () => GridQuery, facets = false): Figure {
  // One untimed run warms the statement cache and the page cache, as the app's first page does.
  const run = (query: GridQuery): unknown => (facets ? store.facets(query) : store.queryGrid(query))
  run(next())
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const query = next()
    const started = performance.now()
    run(query)
    samples.push(performance.now() - started)
  }
  return { name, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), runs }
}

function runInChild(path: string, vocabularyPath: string): Promise<ChildResult> {
  const script = fileURLToPath(import.meta.url)
  const child = spawn(
    process.execPath,
    [...process.execArgv, script, '--query', path, '--vocabulary', vocabularyPath],
    {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'inherit']
    }
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      const line = output.split('\n').find((text) => text.startsWith('RESULT '))
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as ChildResult)
      else reject(new Error(`the query process failed (exit ${code}):\n${output}`))
    })
  })
}

function printTable(loadMs: number, rows: number, result: ChildResult): void {
  const lines = [
    ['figure', 'p50 ms', 'p95 ms', 'runs / note'],
    ['store-load', '', '', `${rows} leads in ${round(loadMs)} ms (${round(rows / (loadMs / 1000))} leads/s)`],
    ...result.timings.map((figure) => [figure.name, String(figure.p50Ms), String(figure.p95Ms), String(figure.runs)]),
    ['rss', '', '', `peak ${result.rssMb} MB (Node + tsx alone: ${result.rssAtStartMb} MB)`]
  ]
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)))
  for (const line of lines) {
    process.stdout.write(
      `${line.map((cell, column) => (column === 3 ? cell : cell.padEnd(widths[column]!))).join('  ')}\n`
    )
  }
}

function rssMb(): number {
  return round(process.memoryUsage().rss / 1024 / 1024)
}

function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return round(process.resourceUsage().maxRSS / 1024)
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
