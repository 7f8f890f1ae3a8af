import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLeadStore, type LeadStore } from '../../../../electron/core/store/lead-store'
import type { GridCondition, GridQuery } from '../../../../electron/core/store/types'
import type { ServerLead } from '../../../../electron/core/domain/lead-types'
import { storeMetadata } from '../../../support/metadata'

/**
 * The grid picks its plan from the filter's selectivity (walk the sort index, filter first, or
 * keep the matches of one scan). Whatever it picks, the rows must be exactly those a plain
 * filter-sort-slice gives.
 */

const STAGES = ['NEW', 'IN_PROCESS', 'PROCESSED', 'CONVERTED', 'JUNK', 'UC_CUSTOM']
const STAGE_SORT: Record<string, number> = { NEW: 10, IN_PROCESS: 20, PROCESSED: 30, CONVERTED: 50, JUNK: 60 }
const SOURCES = ['WEB', 'CALL', 'EMAIL', 'PARTNER', null]
const WORDS = ['Anna', 'Борис', 'ёлка', 'Delta', 'omega', 'Сергей', 'Ann-Marie', 'ZED']

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const next = random(42)
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!

const LEADS: ServerLead[] = Array.from({ length: 3000 }, (_, index) => ({
  ID: String(index + 1),
  TITLE: `${pick(WORDS)} ${pick(WORDS)}`,
  // Rare stages and sources too, so some filters select few leads and some most.
  STATUS_ID: next() < 0.02 ? 'UC_CUSTOM' : pick(STAGES.slice(0, 5)),
  SOURCE_ID: next() < 0.9 ? pick(SOURCES) : 'RARE',
  OPPORTUNITY: next() < 0.1 ? null : (Math.floor(next() * 1000) * 10).toFixed(2),
  ASSIGNED_BY_ID: String(1 + Math.floor(next() * 4)),
  DATE_MODIFY: new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 1000) * 3_600_000).toISOString()
}))

type Value = string | number | null

/** The grid's semantics in plain code, for the indexed fields used here. */
function sortKey(lead: ServerLead, field: string): Value[] {
  switch (field) {
    case 'ID':
      return [Number(lead.ID)]
    case 'TITLE':
      return [String(lead.TITLE).toLowerCase().replaceAll('ё', 'е')]
    case 'STATUS_ID':
      return [STAGE_SORT[String(lead.STATUS_ID)] ?? null, lead.STATUS_ID as string]
    case 'OPPORTUNITY':
      return [lead.OPPORTUNITY === null ? null : Number(lead.OPPORTUNITY)]
    case 'ASSIGNED_BY_ID':
      return [Number(lead.ASSIGNED_BY_ID)]
    case 'DATE_MODIFY':
      return [Date.parse(String(lead.DATE_MODIFY))]
    default:
      return [(lead[field] as Value) ?? null]
  }
}

/** SQLite order: NULL first, then numbers, then text (by code point for these strings). */
function compareValues(a: Value, b: Value): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'number') return -1
  if (typeof b === 'number') return 1
  return a < b ? -1 : 1
}

function filterValue(lead: ServerLead, field: string): Value {
  return field === 'STATUS_ID' || field === 'TITLE' ? ((lead[field] as Value) ?? null) : sortKey(lead, field)[0]!
}

function matches(lead: ServerLead, condition: GridCondition): boolean {
  const value = filterValue(lead, condition.field)
  switch (condition.op) {
    case '=':
      return value === condition.value
    case '!':
      return value !== condition.value
    case '@':
      return (condition.value as Value[]).includes(value)
    case '>=':
      return typeof value === 'number' && value >= (condition.value as number)
    case '<':
      return typeof value === 'number' && value < (condition.value as number)
    case '%':
      return sortKey(lead, condition.field)[0]!.toString().includes(String(condition.value))
    default:
      throw new Error(`not modelled: ${condition.op}`)
  }
}

function expected(query: GridQuery): { keys: number[]; total: number } {
  const sort = query.sort ?? []
  const rows = LEADS.filter((lead) => (query.filter ?? []).every((condition) => matches(lead, condition)))
  const keyDirection = sort[0]?.direction ?? 'desc'
  rows.sort((a, b) => {
    for (const entry of sort) {
      const left = sortKey(a, entry.field)
      const right = sortKey(b, entry.field)
      for (let i = 0; i < left.length; i++) {
        const order = compareValues(left[i]!, right[i]!)
        if (order !== 0) return entry.direction === 'asc' ? order : -order
      }
    }
    const order = Number(a.ID) - Number(b.ID)
    return keyDirection === 'asc' ? order : -order
  })
  return {
    keys: rows.slice(query.offset, query.offset + query.limit).map((lead) => Number(lead.ID)),
    total: rows.length
  }
}

const FILTERS: GridCondition[][] = [
  [],
  [{ field: 'STATUS_ID', op: '=', value: 'NEW' }],
  [{ field: 'STATUS_ID', op: '=', value: 'UC_CUSTOM' }],
  [{ field: 'SOURCE_ID', op: '=', value: 'RARE' }],
  [{ field: 'SOURCE_ID', op: '!', value: 'WEB' }],
  [{ field: 'ASSIGNED_BY_ID', op: '@', value: [1, 2, 3] }],
  [{ field: 'OPPORTUNITY', op: '>=', value: 9900 }],
  [{ field: 'OPPORTUNITY', op: '<', value: 5000 }],
  [{ field: 'TITLE', op: '%', value: 'ann' }],
  [{ field: 'TITLE', op: '%', value: 'ела' }],
  [{ field: 'TITLE', op: '%', value: 'zed om' }],
  [{ field: 'TITLE', op: '=', value: 'Delta ZED' }],
  [{ field: 'TITLE', op: '@', value: ['omega Anna', 'Сергей ёлка'] }],
  [
    { field: 'STATUS_ID', op: '!', value: 'JUNK' },
    { field: 'DATE_MODIFY', op: '>=', value: Date.UTC(2024, 1, 1) }
  ]
]
const SORTS: NonNullable<GridQuery['sort']>[] = [
  [],
  [{ field: 'DATE_MODIFY', direction: 'desc' }],
  [{ field: 'TITLE', direction: 'asc' }],
  [{ field: 'STATUS_ID', direction: 'asc' }],
  [{ field: 'OPPORTUNITY', direction: 'desc' }],
  [
    { field: 'ASSIGNED_BY_ID', direction: 'asc' },
    { field: 'OPPORTUNITY', direction: 'asc' }
  ]
]
const WINDOWS = [
  { offset: 0, limit: 50 },
  { offset: 1450, limit: 100 },
  { offset: 2980, limit: 50 }
]

let store: LeadStore
beforeAll(() => {
  store = openLeadStore(':memory:')
  store.upsertServerLeads(LEADS, { full: true })
  storeMetadata(
    store,
    'statuses',
    Object.entries(STAGE_SORT).map(([id, sort]) => ({
      ENTITY_ID: 'STATUS',
      STATUS_ID: id,
      NAME: id,
      SORT: String(sort)
    }))
  )
  store.optimize()
})
afterAll(() => store.close())

describe('grid plans give the same rows as a plain filter, sort and slice', () => {
  for (const filter of FILTERS) {
    it(`filter ${JSON.stringify(filter)}`, () => {
      for (const sort of SORTS) {
        for (const window of WINDOWS) {
          const query: GridQuery = { filter, sort, ...window }
          const page = store.queryGrid(query)
          expect({ query, keys: page.rows.map((row) => row.key), total: page.total }).toEqual({
            query,
            ...expected(query)
          })
        }
      }
    })
  }

  it('facets count the same leads whichever way they read them', () => {
    for (const filter of FILTERS) {
      const rows = LEADS.filter((lead) => filter.every((condition) => matches(lead, condition)))
      const count = (field: string): Record<string, number> => {
        const counts: Record<string, number> = {}
        for (const lead of rows) {
          const value = String(lead[field] ?? '')
          counts[value] = (counts[value] ?? 0) + 1
        }
        return counts
      }
      expect(store.facets({ filter })).toEqual({ STATUS_ID: count('STATUS_ID'), SOURCE_ID: count('SOURCE_ID') })
    }
  })
})
