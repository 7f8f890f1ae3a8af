import type { Statements } from './database'
import type { FieldCatalogue } from './field-catalogue'
import { gridOrder, type Order } from './grid-order'
import { FACET_INDEX, gridWhere, invalidQuery, type Where, type WhereOptions } from './grid-where'
import type { Facets, GridPage, GridQuery, GridRow } from './types'
import type { LeadKey, SyncState } from '../domain/lead-types'

const MAX_LIMIT = 1000

/**
 * Reading a row through an index costs about this many rows of a sequential scan of the narrow
 * leads table (measured on 100,000 leads).
 */
const SCAN_BREAK_EVEN = 8

/** A filter no index can serve is scanned once; up to this many matches are kept from that scan. */
const SCAN_KEEP = 2000

/** Counts of the filters last asked for, kept until the next write. */
const MAX_CACHED_COUNTS = 50

type KeyRow = { key: LeadKey; sync_state: SyncState }

/**
 * The grid's reads: a window of rows with the total, and stage/source counts. SQLite's planner
 * does not know how many leads a filter selects; the exact count, which the grid needs anyway,
 * does — so each page picks its plan from it.
 */
export class GridQueries {
  private cachedLeadCount: number | undefined
  private cachedDeletesQueued: boolean | undefined
  private readonly cachedCounts = new Map<string, number>()

  constructor(
    private readonly statements: Statements,
    private readonly catalogue: () => FieldCatalogue
  ) {}

  page(query: GridQuery): GridPage {
    if (!query || typeof query !== 'object') throw invalidQuery('the query must be an object')
    const offset = windowNumber(query.offset, 'offset', 0, Number.MAX_SAFE_INTEGER)
    const limit = windowNumber(query.limit, 'limit', 1, MAX_LIMIT)
    const where = this.where(query)
    const order = gridOrder(query.sort, this.catalogue())
    // Counting needs the documents only when the filter reads them; sorting may need them too.
    const filterFrom = fromClause(where.needsDoc)
    const from = fromClause(where.needsDoc || order.needsDoc)

    if (where.narrows && !where.seeks) {
      const matches = this.keysOfScan(filterFrom, where)
      if (matches) return { rows: this.rowsOf(this.pageOfKeys(matches, order, offset, limit)), total: matches.length }
    }
    const total = this.total(query, where)
    if (total === 0 || offset >= total) return { rows: [], total }
    // Walking the sort index until the window is full reads about (offset + limit) · N / total
    // rows; taking every match and sorting reads about `total`.
    const walkSortIndex = order.indexed && ((offset + limit) * this.leadCount()) / total < total
    const pageWhere = walkSortIndex ? this.where(query, { hideIndexes: true }) : where
    const keys = this.statements.all<KeyRow>(
      `SELECT l.key, l.sync_state ${walkSortIndex && order.indexOnDocs ? DOCS_FIRST : from} WHERE ${pageWhere.sql}
       ORDER BY ${walkSortIndex || !order.indexed ? order.sql : order.unindexedSql} LIMIT ? OFFSET ?`,
      ...pageWhere.params,
      limit,
      offset
    )
    return { rows: this.rowsOf(keys), total }
  }

  facets(query: Pick<GridQuery, 'filter' | 'search'>): Facets {
    if (!query || typeof query !== 'object') throw invalidQuery('the query must be an object')
    const where = this.where(query)
    const source = this.facetSource(where)
    // One pass counts both: the leads of each (stage, source) pair, summed per stage and per source.
    const pairs = this.statements.all<{ status: string | null; source: string | null; n: number }>(
      `SELECT l.status_id AS status, l.source_id AS source, count(*) AS n ${source.from} WHERE ${where.sql}
       GROUP BY ${source.groupPrefix}l.status_id, ${source.groupPrefix}l.source_id`,
      ...where.params
    )
    const facets: Facets = { STATUS_ID: {}, SOURCE_ID: {} }
    for (const pair of pairs) {
      addTo(facets.STATUS_ID, pair.status ?? '', pair.n)
      addTo(facets.SOURCE_ID, pair.source ?? '', pair.n)
    }
    return facets
  }

  /** Forgets cached figures; called after every write. */
  invalidate(): void {
    this.cachedLeadCount = undefined
    this.cachedDeletesQueued = undefined
    this.cachedCounts.clear()
  }

  private where(
    query: Pick<GridQuery, 'filter' | 'search'>,
    options: Pick<WhereOptions, 'hideIndexes' | 'docsOnly'> = {}
  ): Where {
    return gridWhere(query, { catalogue: this.catalogue(), hideDeleting: this.deletesQueued(), ...options })
  }

  /**
   * The matches of the query's filter. One that reads only the documents (userfields, lists) is
   * counted from their indexes alone: joining every match to its leads row cost ~20× more.
   */
  private total(query: Pick<GridQuery, 'filter' | 'search'>, where: Where): number {
    if (where.needsDoc && !where.readsLeads)
      return this.count('FROM lead_docs d', this.where(query, { docsOnly: true }))
    return this.count(fromClause(where.needsDoc), where)
  }

  /** Matches of a filter; the page and the facets of one filter share it until the next write. */
  private count(from: string, where: Where): number {
    const sql = `SELECT count(*) AS n ${from} WHERE ${where.sql}`
    const cacheKey = JSON.stringify([sql, where.params])
    let count = this.cachedCounts.get(cacheKey)
    if (count === undefined) {
      count = this.statements.one<{ n: number }>(sql, ...where.params)!.n
      if (this.cachedCounts.size >= MAX_CACHED_COUNTS) this.cachedCounts.clear()
      this.cachedCounts.set(cacheKey, count)
    }
    return count
  }

  /** The keys of every match when there are at most SCAN_KEEP, read in one scan; else undefined. */
  private keysOfScan(from: string, where: Where): LeadKey[] | undefined {
    const rows = this.statements.all<{ key: LeadKey }>(
      `SELECT l.key ${from} WHERE ${where.sql} LIMIT ?`,
      ...where.params,
      SCAN_KEEP + 1
    )
    return rows.length > SCAN_KEEP ? undefined : rows.map((row) => row.key)
  }

  private pageOfKeys(keys: LeadKey[], order: Order, offset: number, limit: number): KeyRow[] {
    if (offset >= keys.length) return []
    return this.statements.all<KeyRow>(
      `SELECT l.key, l.sync_state ${fromClause(order.needsDoc)}
       WHERE l.key IN (SELECT value FROM json_each(?)) ORDER BY ${order.unindexedSql} LIMIT ? OFFSET ?`,
      JSON.stringify(keys),
      limit,
      offset
    )
  }

  /**
   * Where facet counts read from. Unfiltered, or filtered on its columns only, the facets index
   * alone gives the groups in order. Filtered otherwise, SQLite would still walk that index and
   * look up every row to test the filter — slow; instead the groups are sorted, from the filter's
   * index when it selects few leads and from a plain scan of the leads table when it selects many
   * (and reads no documents).
   */
  private facetSource(where: Where): { from: string; groupPrefix: string } {
    if (where.inFacetIndex) return { from: `FROM leads l INDEXED BY ${FACET_INDEX.name}`, groupPrefix: '' }
    // A filter on the documents is never scanned for: every lead's documents would be read. One
    // that no index serves is scanned for without counting first (the count would scan too).
    const scan =
      !where.needsDoc && (!where.seeks || this.count(fromClause(false), where) * SCAN_BREAK_EVEN > this.leadCount())
    return { from: fromClause(where.needsDoc, scan), groupPrefix: '+' }
  }

  private rowsOf(keys: KeyRow[]): GridRow[] {
    if (keys.length === 0) return []
    const docs = this.statements.all<{ key: LeadKey; doc: string }>(
      `SELECT key, json(coalesce(effective, server)) AS doc FROM lead_docs
       WHERE key IN (SELECT value FROM json_each(?))`,
      JSON.stringify(keys.map((row) => row.key))
    )
    const byKey = new Map(docs.map((row) => [row.key, row.doc]))
    return keys.map((row) => ({
      key: row.key,
      values: JSON.parse(byKey.get(row.key) ?? '{}') as Record<string, unknown>,
      syncState: row.sync_state
    }))
  }

  private deletesQueued(): boolean {
    this.cachedDeletesQueued ??=
      this.statements.one(`SELECT 1 FROM outbox WHERE kind = 'delete' AND state <> 'needs-attention' LIMIT 1`) !==
      undefined
    return this.cachedDeletesQueued
  }

  private leadCount(): number {
    this.cachedLeadCount ??= this.statements.one<{ n: number }>('SELECT count(*) AS n FROM leads')!.n
    return this.cachedLeadCount
  }
}

function addTo(counts: Record<string, number>, value: string, n: number): void {
  counts[value] = (counts[value] ?? 0) + n
}

/**
 * Both tables, the documents read first (CROSS JOIN keeps SQLite's join order): otherwise the
 * planner reads leads first and sorts every match instead of walking the documents' sort index.
 */
const DOCS_FIRST = 'FROM lead_docs d CROSS JOIN leads l ON l.key = d.key'

function fromClause(needsDoc: boolean, scanLeads = false): string {
  const leads = scanLeads ? 'leads l NOT INDEXED' : 'leads l'
  return needsDoc ? `FROM ${leads} JOIN lead_docs d ON d.key = l.key` : `FROM ${leads}`
}

function windowNumber(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidQuery(`${name} must be a whole number from ${min} to ${max}`)
  }
  return value
}
