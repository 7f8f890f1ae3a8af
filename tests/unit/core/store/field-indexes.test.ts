import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { effectiveValues } from '../../../../electron/core/store/effective-lead'
import { openLeadStore, type LeadStore } from '../../../../electron/core/store/lead-store'
import { foldText } from '../../../../electron/core/store/text-fold'
import type { GridCondition, GridQuery } from '../../../../electron/core/store/types'
import type { LeadKey, ServerLead } from '../../../../electron/core/domain/lead-types'
import { storeMetadata } from '../../../support/metadata'
import { serverLead } from './store-fixtures'

/**
 * Userfields and list fields are read through indexes of their own (an index per userfield on
 * the documents, the list values table and its index by value); facets of a title filter read
 * the facets index alone. Whatever happened to the leads since — sync updates,
 * local edits, creates and their new keys, undo, deletes, a userfield changing type — a grid
 * query (and its facets) must give exactly what a plain filter over each lead's effective values
 * gives.
 */

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const next = random(7)
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
const chance = (p: number): boolean => next() < p

const WORDS = ['Anna', 'борис', 'ЁЛКА', 'delta', '', 'Omega 7']
const TAGS = ['delivery', 'loans', 'Ёж', 'ALPHA', '']

const FIELDS = {
  UF_CRM_VISITS: { type: 'integer', isMultiple: false },
  UF_CRM_NOTE: { type: 'string', isMultiple: false },
  UF_CRM_NEXT_CALL: { type: 'datetime', isMultiple: false },
  UF_CRM_VIP: { type: 'boolean', isMultiple: false },
  UF_CRM_TAGS: { type: 'string', isMultiple: true },
  UF_CRM_CODE: { type: 'string', isMultiple: false },
  UF_CRM_SCORES: { type: 'integer', isMultiple: true }
}

function visits(): unknown {
  return pick([null, '', 0, 3, '3', 12, '40', 7.5])
}

function randomFields(): Record<string, unknown> {
  return {
    TITLE: chance(0.1) ? null : pick(WORDS),
    STATUS_ID: pick(['NEW', 'IN_PROCESS', 'JUNK']),
    SOURCE_ID: pick(['WEB', 'CALL', null]),
    UF_CRM_VISITS: visits(),
    UF_CRM_NOTE: chance(0.2) ? null : pick(WORDS),
    UF_CRM_NEXT_CALL: chance(0.3)
      ? ''
      : `2024-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}T10:00:00+03:00`,
    UF_CRM_VIP: pick([true, false, null, 'Y', 'N']),
    UF_CRM_TAGS: chance(0.2) ? [] : Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(TAGS)),
    UF_CRM_CODE: pick(['5', '12', '007', null]),
    UF_CRM_SCORES: chance(0.2)
      ? []
      : Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick([1, '2', 5, '10', ''])),
    PHONE: chance(0.3)
      ? []
      : [
          {
            ID: String(Math.floor(next() * 1000)),
            VALUE_TYPE: 'WORK',
            VALUE: pick(['+7 916 123-45-67', '8 800 555', ''])
          }
        ]
  }
}

type Kind = 'number' | 'text' | 'date' | 'boolean'

/** The grid's semantics over one lead's effective values, in plain code. */
function comparable(kind: Kind, raw: unknown): number | string | null {
  if (raw === null || raw === undefined || raw === '') return null
  switch (kind) {
    case 'number':
      return Number.parseFloat(String(raw))
    case 'date':
      return Date.parse(String(raw))
    case 'boolean':
      return [1, '1', 'Y', 'true', true].includes(raw as never) ? 1 : 0
    case 'text':
      return String(raw)
  }
}

type Row = { key: LeadKey; values: Record<string, unknown> }

let codeKind: Kind = 'text'
function kindOf(field: string): Kind {
  if (field === 'UF_CRM_VISITS' || field === 'UF_CRM_SCORES') return 'number'
  if (field === 'UF_CRM_NEXT_CALL') return 'date'
  if (field === 'UF_CRM_VIP') return 'boolean'
  if (field === 'UF_CRM_CODE') return codeKind
  return 'text'
}

const listFields = new Set(['PHONE', 'UF_CRM_TAGS', 'UF_CRM_SCORES'])

function elements(values: Record<string, unknown>, field: string): Array<number | string> {
  const value = values[field]
  const list =
    field === 'PHONE' ? ((value as Array<{ VALUE: string }> | undefined) ?? []).map((item) => item.VALUE) : value
  // A lone value in a list field reads as a list of one.
  return (Array.isArray(list) ? list : [list])
    .map((item) => comparable(kindOf(field), item))
    .filter((item): item is number | string => item !== null && item !== '')
}

function matches(values: Record<string, unknown>, condition: GridCondition): boolean {
  const field = condition.field
  const items = listFields.has(field) ? elements(values, field) : [comparable(kindOf(field), values[field])]
  const present = items.filter((item): item is number | string => item !== null && item !== '')
  // The value of the condition as its field compares.
  const wanted = Array.isArray(condition.value) ? condition.value : comparable(kindOf(field), condition.value)
  switch (condition.op) {
    case '=':
      return present.some((item) => item === wanted)
    case '!':
      return !present.some((item) => item === wanted)
    case '>':
      return present.some((item) => (item as number) > (wanted as number))
    case '<':
      return present.some((item) => (item as number) < (wanted as number))
    case '@':
      return present.some((item) => (wanted as unknown[]).includes(item))
    case '%':
      return present.some((item) => foldText(String(item)).includes(foldText(String(wanted))))
    case 'empty':
      return present.length === 0
    case 'notEmpty':
      return present.length > 0
    default:
      throw new Error(`not modelled: ${condition.op}`)
  }
}

function sortValue(values: Record<string, unknown>, field: string): number | string | null {
  const raw = values[field]
  // Texts sort by their folded form; an empty text is a text, not a missing value.
  if (kindOf(field) === 'text') return raw === null || raw === undefined ? null : foldText(String(raw))
  return comparable(kindOf(field), raw)
}

/** SQLite order: NULL first, then numbers, then text. */
function compare(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1
  return a < b ? -1 : 1
}

/** The leads a plain scan finds for the filter, with their effective values. */
function plainMatches(store: LeadStore, keys: Iterable<LeadKey>, filter: GridCondition[]): Row[] {
  const deleting = new Set(
    store
      .listOps()
      .filter((op) => op.kind === 'delete' && op.state !== 'needs-attention')
      .map((op) => op.leadKey)
  )
  return [...keys]
    .filter((key) => !deleting.has(key))
    .map((key) => {
      const lead = store.getLead(key)!
      return { key, values: effectiveValues(lead.server, lead.local) }
    })
    .filter((row) => filter.every((condition) => matches(row.values, condition)))
}

function plainScan(store: LeadStore, keys: Iterable<LeadKey>, query: GridQuery): { keys: number[]; total: number } {
  const rows = plainMatches(store, keys, query.filter ?? [])
  const sort = query.sort?.[0]
  const direction = sort?.direction === 'asc' ? 1 : -1
  rows.sort((a, b) => {
    const order = sort ? compare(sortValue(a.values, sort.field), sortValue(b.values, sort.field)) : 0
    return (order || a.key - b.key) * direction
  })
  return { keys: rows.slice(query.offset, query.offset + query.limit).map((row) => row.key), total: rows.length }
}

const CONDITIONS: Array<() => GridCondition> = [
  () => ({ field: 'UF_CRM_VISITS', op: '>', value: pick([0, 3, 10]) }),
  () => ({ field: 'UF_CRM_VISITS', op: '=', value: pick([3, '12', 0]) }),
  () => ({ field: 'UF_CRM_VISITS', op: pick(['empty', 'notEmpty'] as const) }),
  () => ({ field: 'UF_CRM_NOTE', op: '=', value: pick(WORDS.filter(Boolean)) }),
  () => ({ field: 'UF_CRM_NOTE', op: '%', value: pick(['an', 'елк', 'OMEGA']) }),
  () => ({ field: 'UF_CRM_NOTE', op: '!', value: 'delta' }),
  () => ({ field: 'UF_CRM_NEXT_CALL', op: '<', value: '2024-05-01T00:00:00+03:00' }),
  () => ({ field: 'UF_CRM_VIP', op: '=', value: pick(['Y', 'N']) }),
  () => ({ field: 'UF_CRM_TAGS', op: '=', value: pick(TAGS.filter(Boolean)) }),
  () => ({ field: 'UF_CRM_TAGS', op: '!', value: 'loans' }),
  () => ({ field: 'UF_CRM_TAGS', op: '%', value: pick(['ел', 'еж', 'alp']) }),
  () => ({ field: 'UF_CRM_TAGS', op: '@', value: ['loans', 'ALPHA'] }),
  () => ({ field: 'UF_CRM_TAGS', op: pick(['empty', 'notEmpty'] as const) }),
  () => ({ field: 'PHONE', op: '%', value: pick(['123', '800 5']) }),
  () => ({ field: 'PHONE', op: pick(['empty', 'notEmpty'] as const) }),
  () => ({ field: 'UF_CRM_CODE', op: '=', value: pick(['12', '5', '007']) }),
  // Number lists are found by value: = @ and ranges.
  () => ({ field: 'UF_CRM_SCORES', op: pick(['>', '<'] as const), value: pick([1, 4, '9']) }),
  () => ({ field: 'UF_CRM_SCORES', op: '=', value: pick([5, '10', 2]) }),
  () => ({ field: 'UF_CRM_SCORES', op: '@', value: [1, 10] }),
  () => ({ field: 'UF_CRM_SCORES', op: pick(['!', 'empty'] as const), value: 5 }),
  // The facets index tests "contains" on the title by itself.
  () => ({ field: 'TITLE', op: '%', value: pick(['an', 'елк', 'OMEGA']) }),
  // Columns too, so filters mix the leads table with the documents and lists.
  () => ({ field: 'STATUS_ID', op: '=', value: pick(['NEW', 'JUNK']) }),
  () => ({ field: 'SOURCE_ID', op: '!', value: 'WEB' })
]
const SORT_FIELDS = ['UF_CRM_VISITS', 'UF_CRM_NOTE', 'UF_CRM_NEXT_CALL', 'UF_CRM_VIP', 'UF_CRM_CODE']

function randomQuery(): GridQuery {
  const filter = Array.from({ length: Math.floor(next() * 3) }, () => pick(CONDITIONS)())
  const sort = chance(0.8) ? [{ field: pick(SORT_FIELDS), direction: pick(['asc', 'desc'] as const) }] : []
  return { filter, sort, offset: pick([0, 0, 10, 150]), limit: pick([20, 100]) }
}

let store: LeadStore
/** Keys of the leads held, as the test made them. */
const held = new Set<LeadKey>()
let nextId = 1

function serverCopy(id: number): ServerLead {
  return serverLead(id, randomFields())
}

beforeAll(() => {
  store = openLeadStore(':memory:')
  // Part of the leads before the metadata, so the indexes are also built over existing leads.
  const first = Array.from({ length: 150 }, () => serverCopy(nextId++))
  store.upsertServerLeads(first, { full: true })
  storeMetadata(store, 'fields', FIELDS)
  store.upsertServerLeads(
    Array.from({ length: 150 }, () => serverCopy(nextId++)),
    { full: true }
  )
  for (let id = 1; id < nextId; id++) held.add(id)
})
afterAll(() => store.close())

/** One random change of the kinds the app makes. */
function randomChange(): void {
  const keys = [...held]
  // A lead being deleted takes no more changes.
  const key = pick(keys.filter((k) => !store.listOps(k).some((op) => op.kind === 'delete')))
  switch (Math.floor(next() * 8)) {
    case 0:
      store.upsertServerLeads(
        Array.from({ length: 10 }, () => serverCopy(pick(keys.filter((k) => k > 0)))),
        { full: true }
      )
      break
    case 1:
    case 2: {
      const { PHONE: _phone, ...fields } = randomFields()
      const patch = Object.fromEntries(Object.entries(fields).filter(() => chance(0.5)))
      if (Object.keys(patch).length) store.applyLocalEdit(key, patch, {})
      break
    }
    case 3: {
      const op = pick(store.listOps().filter((item) => item.kind === 'update'))
      if (op) store.withdrawOp(op.opId)
      break
    }
    case 4: {
      const op = pick(store.listOps().filter((item) => item.kind === 'update' && item.leadKey > 0))
      if (op) store.completeOp(op.opId, { ...serverCopy(op.leadKey), ...op.patch } as ServerLead)
      break
    }
    case 5: {
      const { PHONE: _phone, ...fields } = randomFields()
      const created = store.createLocalLead({ TITLE: 'new', ...fields }, `client-${nextId}`)
      held.add(created.key)
      if (chance(0.5)) {
        const id = nextId++
        store.completeCreate(created.op.opId, id, serverCopy(id))
        held.delete(created.key)
        held.add(id)
      }
      break
    }
    case 6:
      if (key > 0) {
        store.deleteServerLeads([key])
        if (!store.getLead(key)) held.delete(key)
      }
      break
    default:
      if (store.deleteLocalLead(key) === undefined) held.delete(key)
  }
}

function plainFacets(filter: GridCondition[]): Record<string, Record<string, number>> {
  const facets: Record<string, Record<string, number>> = { STATUS_ID: {}, SOURCE_ID: {} }
  for (const { values } of plainMatches(store, held, filter)) {
    for (const field of ['STATUS_ID', 'SOURCE_ID']) {
      const value = String(values[field] ?? '')
      facets[field]![value] = (facets[field]![value] ?? 0) + 1
    }
  }
  return facets
}

function expectSameAsScan(query: GridQuery): void {
  expect(store.facets({ filter: query.filter }), JSON.stringify(query.filter)).toEqual(plainFacets(query.filter ?? []))
  const page = store.queryGrid(query)
  expect({ query, keys: page.rows.map((row) => row.key), total: page.total }, JSON.stringify(query)).toEqual({
    query,
    ...plainScan(store, held, query)
  })
}

describe('userfield and list indexes give what a plain scan of the effective values gives', () => {
  it('after loading', () => {
    for (let i = 0; i < 60; i++) expectSameAsScan(randomQuery())
  })

  it('after sync updates, local edits, undo, pushes, creates, new keys and deletes', () => {
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 5; i++) randomChange()
      for (let i = 0; i < 8; i++) expectSameAsScan(randomQuery())
    }
  })

  it('after a userfield changes type and a list field is added', () => {
    codeKind = 'number'
    storeMetadata(store, 'fields', {
      ...FIELDS,
      UF_CRM_CODE: { type: 'integer', isMultiple: false },
      UF_CRM_NOTE: { type: 'string', isMultiple: true }
    })
    const codeQueries: GridQuery[] = [
      { filter: [{ field: 'UF_CRM_CODE', op: '=', value: 7 }], sort: [], offset: 0, limit: 500 },
      { filter: [{ field: 'UF_CRM_CODE', op: '>', value: 6 }], sort: [], offset: 0, limit: 500 },
      { filter: [], sort: [{ field: 'UF_CRM_CODE', direction: 'asc' }], offset: 0, limit: 500 }
    ]
    for (const query of codeQueries) expectSameAsScan(query)
    // UF_CRM_NOTE holds single values; as a list field each lead's value reads as a list of one.
    listFields.add('UF_CRM_NOTE')
    expectSameAsScan({ filter: [{ field: 'UF_CRM_NOTE', op: '=', value: 'Anna' }], sort: [], offset: 0, limit: 500 })
    expectSameAsScan({ filter: [{ field: 'UF_CRM_NOTE', op: '%', value: 'ЕЛК' }], sort: [], offset: 0, limit: 500 })
    for (let i = 0; i < 10; i++) randomChange()
    expectSameAsScan({ filter: [{ field: 'UF_CRM_NOTE', op: 'notEmpty' }], sort: [], offset: 0, limit: 500 })
  })
})
