import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_FILTER_CONDITIONS, MAX_FILTER_VALUES, MAX_VALUES_PER_FILTER } from '../../../../electron/contract'
import { AppError } from '../../../../electron/core/errors'
import { openLeadStore, type LeadStore } from '../../../../electron/core/store/lead-store'
import type { GridCondition, GridQuery } from '../../../../electron/core/store/types'
import { gridKeys, serverLead } from './store-fixtures'
import { storeMetadata } from '../../../support/metadata'

const phone = (id: string, value: string) => ({ ID: id, VALUE_TYPE: 'WORK', VALUE: value, TYPE_ID: 'PHONE' })
const email = (id: string, value: string) => ({ ID: id, VALUE_TYPE: 'WORK', VALUE: value, TYPE_ID: 'EMAIL' })

const LEADS = [
  serverLead(1, {
    TITLE: 'Alpha deal',
    NAME: 'Иван',
    LAST_NAME: 'Петров',
    COMPANY_TITLE: 'ООО Ромашка',
    STATUS_ID: 'NEW',
    SOURCE_ID: 'WEB',
    ASSIGNED_BY_ID: '1',
    OPPORTUNITY: '1000.00',
    CURRENCY_ID: 'RUB',
    DATE_CREATE: '2024-01-10T10:00:00+03:00',
    DATE_MODIFY: '2024-03-01T09:00:00+03:00',
    COMMENTS: 'Звонить <b>после</b> обеда',
    PHONE: [phone('11', '+7 916 123-45-67')],
    EMAIL: [email('21', 'ivan@romashka.ru')],
    UF_CRM_VISITS: '5',
    UF_CRM_NEXT_CALL: '2024-04-01T12:00:00+03:00',
    UF_CRM_VIP: true,
    UF_CRM_REGION: '4',
    UF_CRM_INTERESTS: ['delivery', 'loans']
  }),
  serverLead(2, {
    TITLE: 'beta Сделка',
    NAME: 'Ёлка',
    LAST_NAME: null,
    COMPANY_TITLE: '',
    STATUS_ID: 'IN_PROCESS',
    SOURCE_ID: 'CALL',
    ASSIGNED_BY_ID: '2',
    OPPORTUNITY: '250.50',
    CURRENCY_ID: 'USD',
    DATE_CREATE: '2024-02-10T10:00:00+03:00',
    // 06:30 UTC: later than lead 1's 06:00 UTC although its text sorts first.
    DATE_MODIFY: '2024-03-01T08:30:00+02:00',
    EMAIL: [email('22', 'elka@example.com')],
    UF_CRM_VISITS: '12',
    UF_CRM_NEXT_CALL: '',
    UF_CRM_VIP: false,
    UF_CRM_REGION: '5',
    UF_CRM_INTERESTS: []
  }),
  serverLead(3, {
    TITLE: 'Gamma',
    NAME: 'Jürgen',
    LAST_NAME: 'Müller',
    COMPANY_TITLE: null,
    STATUS_ID: 'JUNK',
    SOURCE_ID: 'WEB',
    ASSIGNED_BY_ID: '1',
    OPPORTUNITY: '0.00',
    CURRENCY_ID: 'EUR',
    DATE_CREATE: '2023-12-31T23:00:00+00:00',
    DATE_MODIFY: '2024-02-01T00:00:00+03:00',
    PHONE: [phone('31', '+49 30 1234567'), phone('32', '+49 170 000')],
    UF_CRM_VISITS: '100',
    UF_CRM_NEXT_CALL: null,
    UF_CRM_VIP: null,
    UF_CRM_REGION: null,
    UF_CRM_INTERESTS: ['loans']
  }),
  serverLead(4, {
    TITLE: 'delta',
    STATUS_ID: 'CONVERTED',
    SOURCE_ID: null,
    ASSIGNED_BY_ID: '3',
    OPPORTUNITY: null,
    DATE_CREATE: '2024-01-01T00:00:00+03:00',
    DATE_MODIFY: '2024-01-15T00:00:00+03:00',
    UF_CRM_VISITS: null
  })
]

const FIELDS = {
  UF_CRM_VISITS: { type: 'integer', isMultiple: false },
  UF_CRM_NEXT_CALL: { type: 'datetime', isMultiple: false },
  UF_CRM_VIP: { type: 'boolean', isMultiple: false },
  UF_CRM_REGION: { type: 'enumeration', isMultiple: false },
  UF_CRM_INTERESTS: { type: 'string', isMultiple: true }
}

const STATUSES = [
  { ENTITY_ID: 'STATUS', STATUS_ID: 'NEW', NAME: 'NEW', SORT: '10' },
  { ENTITY_ID: 'STATUS', STATUS_ID: 'IN_PROCESS', NAME: 'IN_PROCESS', SORT: '20' },
  { ENTITY_ID: 'STATUS', STATUS_ID: 'CONVERTED', NAME: 'CONVERTED', SORT: '50' },
  { ENTITY_ID: 'STATUS', STATUS_ID: 'JUNK', NAME: 'JUNK', SORT: '60' },
  { ENTITY_ID: 'SOURCE', STATUS_ID: 'WEB', NAME: 'WEB', SORT: '1' }
]

let store: LeadStore
beforeAll(() => {
  store = openLeadStore(':memory:')
  store.upsertServerLeads(LEADS, { full: true })
  storeMetadata(store, 'fields', FIELDS)
  storeMetadata(store, 'statuses', STATUSES)
})
afterAll(() => store.close())

const filtered = (...filter: GridCondition[]): number[] =>
  gridKeys(store, { filter, sort: [{ field: 'ID', direction: 'asc' }] })

describe('grid filters', () => {
  const cases: Array<[string, GridCondition['op'], unknown, number[]]> = [
    // Standard fields with columns of their own.
    ['TITLE', '=', 'Gamma', [3]],
    ['TITLE', '=', 'gamma', []],
    ['STATUS_ID', '=', 'NEW', [1]],
    ['ASSIGNED_BY_ID', '=', '1', [1, 3]],
    ['OPPORTUNITY', '=', 250.5, [2]],
    ['ID', '=', '4', [4]],
    ['STATUS_ID', '!', 'NEW', [2, 3, 4]],
    ['SOURCE_ID', '!', 'WEB', [2, 4]],
    ['OPPORTUNITY', '>', '250', [1, 2]],
    ['OPPORTUNITY', '>=', 250.5, [1, 2]],
    ['OPPORTUNITY', '<', 250.5, [3]],
    ['OPPORTUNITY', '<=', '250.50', [2, 3]],
    ['DATE_MODIFY', '>=', '2024-03-01T06:15:00Z', [2]],
    ['DATE_MODIFY', '>', '2024-03-01T09:00:00+03:00', [2]],
    ['DATE_MODIFY', '>=', Date.parse('2024-03-01T06:15:00Z'), [2]],
    ['DATE_MODIFY', '=', '2024-03-01T06:00:00Z', [1]],
    ['DATE_CREATE', '<', '2024-01-01', [3, 4]],
    // Lead 4 (2024-01-01T00:00+03:00) is 21:00 UTC, before lead 3's 23:00 UTC.
    ['DATE_CREATE', '<', '2023-12-31T22:00:00Z', [4]],
    ['DATE_CREATE', '<=', '2024-01-01T00:00:00+03:00', [4]],
    ['TITLE', '%', 'ДЕЛК', [2]],
    ['TITLE', '%', 'a d', [1]],
    ['NAME', '%', 'ёл', [2]],
    ['NAME', '%', 'елк', [2]],
    ['LAST_NAME', '%', 'ÜLL', [3]],
    ['COMPANY_TITLE', '%', 'ромаш', [1]],
    ['STATUS_ID', '%', 'process', [2]],
    ['STATUS_ID', '@', ['NEW', 'JUNK'], [1, 3]],
    ['ASSIGNED_BY_ID', '@', [2, '3'], [2, 4]],
    ['COMPANY_TITLE', 'empty', undefined, [2, 3, 4]],
    ['COMPANY_TITLE', 'notEmpty', undefined, [1]],
    ['SOURCE_ID', 'empty', undefined, [4]],
    ['OPPORTUNITY', 'empty', undefined, [4]],
    ['OPPORTUNITY', 'notEmpty', undefined, [1, 2, 3]],
    ['SOURCE_ID', '=', '', [4]],
    ['SOURCE_ID', '!', null, [1, 2, 3]],
    // Standard fields read from the JSON document.
    ['COMMENTS', '%', 'ОБЕД', [1]],
    ['COMMENTS', 'empty', undefined, [2, 3, 4]],
    ['CURRENCY_ID', '@', ['RUB', 'EUR'], [1, 3]],
    ['PHONE', '%', '916', [1]],
    ['PHONE', '%', '+49 170', [3]],
    ['PHONE', '=', '+49 30 1234567', [3]],
    ['PHONE', '!', '+49 30 1234567', [1, 2, 4]],
    ['PHONE', 'empty', undefined, [2, 4]],
    ['PHONE', 'notEmpty', undefined, [1, 3]],
    ['EMAIL', '=', 'elka@example.com', [2]],
    ['EMAIL', '%', 'ROMASHKA', [1]],
    // Userfields, compared by the kind their descriptor gives.
    ['UF_CRM_VISITS', '=', 5, [1]],
    ['UF_CRM_VISITS', '!', '5', [2, 3, 4]],
    ['UF_CRM_VISITS', '>', 10, [2, 3]],
    ['UF_CRM_VISITS', '>=', '12', [2, 3]],
    ['UF_CRM_VISITS', '<', 100, [1, 2]],
    ['UF_CRM_VISITS', '<=', 12, [1, 2]],
    ['UF_CRM_VISITS', '%', '10', [3]],
    ['UF_CRM_VISITS', '@', [5, 100], [1, 3]],
    ['UF_CRM_VISITS', 'empty', undefined, [4]],
    ['UF_CRM_VISITS', 'notEmpty', undefined, [1, 2, 3]],
    ['UF_CRM_NEXT_CALL', '>=', '2024-03-15', [1]],
    ['UF_CRM_NEXT_CALL', '<', '2024-03-15', []],
    ['UF_CRM_NEXT_CALL', 'empty', undefined, [2, 3, 4]],
    ['UF_CRM_VIP', '=', 'Y', [1]],
    ['UF_CRM_VIP', '=', false, [2]],
    ['UF_CRM_VIP', 'empty', undefined, [3, 4]],
    ['UF_CRM_REGION', '@', ['4', '5'], [1, 2]],
    ['UF_CRM_REGION', '=', '4', [1]],
    ['UF_CRM_INTERESTS', '=', 'loans', [1, 3]],
    ['UF_CRM_INTERESTS', '!', 'loans', [2, 4]],
    ['UF_CRM_INTERESTS', '%', 'DELIV', [1]],
    ['UF_CRM_INTERESTS', '@', ['delivery', 'x'], [1]],
    ['UF_CRM_INTERESTS', 'empty', undefined, [2, 4]],
    ['UF_CRM_INTERESTS', 'notEmpty', undefined, [1, 3]],
    // A field the portal did not describe compares as text.
    ['UF_CRM_UNKNOWN', 'empty', undefined, [1, 2, 3, 4]]
  ]

  it.each(cases)('%s %s %j → %j', (field, op, value, expected) => {
    expect(filtered({ field, op, value })).toEqual(expected)
  })

  it('combines conditions with AND and counts the total of the whole filter', () => {
    const page = store.queryGrid({
      offset: 0,
      limit: 1,
      filter: [
        { field: 'SOURCE_ID', op: '=', value: 'WEB' },
        { field: 'UF_CRM_VISITS', op: '>', value: 1 }
      ],
      sort: [{ field: 'ID', direction: 'desc' }]
    })
    expect(page.total).toBe(2)
    expect(page.rows.map((row) => row.key)).toEqual([3])
  })

  it('shows local edits in filters and values, with the row sync state; a multifield edit is item changes', () => {
    const local = openLeadStore(':memory:')
    local.upsertServerLeads(LEADS, { full: true })
    storeMetadata(local, 'fields', FIELDS)
    // Deleting both phones: as the portal prints a lead without phones, no PHONE key.
    local.applyLocalEdit(
      3,
      {
        UF_CRM_VISITS: '1',
        PHONE: [
          { ID: '31', DELETE: 'Y' },
          { ID: '32', DELETE: 'Y' }
        ]
      },
      { UF_CRM_VISITS: '100' }
    )
    const page = local.queryGrid({ offset: 0, limit: 10, filter: [{ field: 'UF_CRM_VISITS', op: '<', value: 5 }] })
    const { PHONE: _deleted, ...withoutPhones } = LEADS[2]!
    expect(page.rows).toEqual([{ key: 3, syncState: 'pending', values: { ...withoutPhones, UF_CRM_VISITS: '1' } }])
    expect(gridKeys(local, { filter: [{ field: 'PHONE', op: 'empty' }] }).sort()).toEqual([2, 3, 4])
    // An empty list of item changes changes nothing (it is not "no phones").
    local.applyLocalEdit(1, { PHONE: [] }, {})
    expect(gridKeys(local, { filter: [{ field: 'PHONE', op: 'notEmpty' }] })).toEqual([1])
    local.close()
  })
})

describe('grid sorting and paging', () => {
  const cases: Array<[string, 'asc' | 'desc', number[]]> = [
    ['ID', 'asc', [1, 2, 3, 4]],
    ['ID', 'desc', [4, 3, 2, 1]],
    // Case-insensitive, not binary (which puts "Gamma" before "beta").
    ['TITLE', 'asc', [1, 2, 4, 3]],
    // Numbers as numbers; no value first.
    ['OPPORTUNITY', 'asc', [4, 3, 2, 1]],
    ['OPPORTUNITY', 'desc', [1, 2, 3, 4]],
    // By time, not by text.
    ['DATE_MODIFY', 'desc', [2, 1, 3, 4]],
    ['DATE_CREATE', 'asc', [4, 3, 1, 2]],
    // By the stage list's SORT, not by code.
    ['STATUS_ID', 'asc', [1, 2, 4, 3]],
    ['STATUS_ID', 'desc', [3, 4, 2, 1]],
    ['UF_CRM_VISITS', 'asc', [4, 1, 2, 3]],
    // No value sorts last in descending order; ties by key in the same direction.
    ['UF_CRM_NEXT_CALL', 'desc', [1, 4, 3, 2]],
    ['PHONE', 'asc', [2, 4, 3, 1]],
    ['LAST_NAME', 'asc', [2, 4, 3, 1]]
  ]

  it.each(cases)('%s %s → %j', (field, direction, expected) => {
    expect(gridKeys(store, { sort: [{ field, direction }] })).toEqual(expected)
  })

  it('breaks ties with the next sort field, then the key', () => {
    expect(
      gridKeys(store, {
        sort: [
          { field: 'SOURCE_ID', direction: 'asc' },
          { field: 'OPPORTUNITY', direction: 'desc' }
        ]
      })
    ).toEqual([4, 2, 1, 3])
    expect(gridKeys(store, { sort: [{ field: 'ASSIGNED_BY_ID', direction: 'asc' }] })).toEqual([1, 3, 2, 4])
    expect(gridKeys(store, { sort: [{ field: 'ASSIGNED_BY_ID', direction: 'desc' }] })).toEqual([4, 2, 3, 1])
  })

  it('newest key first without a sort; pages by offset and limit with the total', () => {
    expect(gridKeys(store)).toEqual([4, 3, 2, 1])
    const page = store.queryGrid({ offset: 1, limit: 2, sort: [{ field: 'ID', direction: 'asc' }] })
    expect(page.rows.map((row) => row.key)).toEqual([2, 3])
    expect(page.total).toBe(4)
    expect(store.queryGrid({ offset: 10, limit: 2 })).toEqual({ rows: [], total: 4 })
  })

  it('stage order follows a changed stage list', () => {
    const local = openLeadStore(':memory:')
    local.upsertServerLeads(LEADS, { full: true })
    // Without a stage list: by code.
    expect(gridKeys(local, { sort: [{ field: 'STATUS_ID', direction: 'asc' }] })).toEqual([4, 2, 3, 1])
    storeMetadata(local, 'statuses', [
      { ENTITY_ID: 'STATUS', STATUS_ID: 'JUNK', NAME: 'JUNK', SORT: '1' },
      { ENTITY_ID: 'STATUS', STATUS_ID: 'NEW', NAME: 'NEW', SORT: '2' }
    ])
    // Known stages by position after the unknown ones (no position sorts first, like empty values).
    expect(gridKeys(local, { sort: [{ field: 'STATUS_ID', direction: 'asc' }] })).toEqual([4, 2, 3, 1])
    local.upsertServerLeads([serverLead(5, { STATUS_ID: 'NEW' })], { full: true })
    expect(gridKeys(local, { sort: [{ field: 'STATUS_ID', direction: 'desc' }] })).toEqual([5, 1, 3, 2, 4])
    local.close()
  })
})

describe('full-text search', () => {
  const cases: Array<[string, number[]]> = [
    ['иван', [1]],
    ['ИВ ПЕТР', [1]],
    ['петр alpha', [1]],
    ['ромашк', [1]],
    ['ivan@romashka', [1]],
    ['7916', [1]],
    ['123-45', [1]],
    ['+49 30', [3]],
    ['елк', [2]],
    ['ёлк', [2]],
    ['jurg', [3]],
    ['muller', [3]],
    ['обед', [1]],
    ['сделка', [2]],
    ['alpha zzz', []],
    ['b', [2]],
    ['"a" OR b* NEAR(x', []],
    ['   ', [1, 2, 3, 4]]
  ]

  it.each(cases)('%j → %j', (search, expected) => {
    expect(gridKeys(store, { search, sort: [{ field: 'ID', direction: 'asc' }] })).toEqual(expected)
  })

  it('does not index markup in comments', () => {
    expect(gridKeys(store, { search: 'b' })).toEqual([2])
  })

  it('combines with filters, sorting and the total', () => {
    // "de…": "deal" (1) and "delta" (4).
    const page = store.queryGrid({
      offset: 0,
      limit: 10,
      search: 'de',
      filter: [{ field: 'ASSIGNED_BY_ID', op: '@', value: [1, 3] }],
      sort: [{ field: 'OPPORTUNITY', direction: 'desc' }]
    })
    expect(page.total).toBe(2)
    expect(page.rows.map((row) => row.key)).toEqual([1, 4])
    const narrowed = store.queryGrid({
      offset: 0,
      limit: 10,
      search: 'de',
      filter: [{ field: 'OPPORTUNITY', op: 'notEmpty' }]
    })
    expect(narrowed.total).toBe(1)
    expect(narrowed.rows.map((row) => row.key)).toEqual([1])
  })
})

describe('facets', () => {
  it('counts stages and sources for the same filter and search', () => {
    expect(store.facets({})).toEqual({
      STATUS_ID: { CONVERTED: 1, IN_PROCESS: 1, JUNK: 1, NEW: 1 },
      SOURCE_ID: { '': 1, CALL: 1, WEB: 2 }
    })
    expect(store.facets({ filter: [{ field: 'ASSIGNED_BY_ID', op: '=', value: 1 }] })).toEqual({
      STATUS_ID: { JUNK: 1, NEW: 1 },
      SOURCE_ID: { WEB: 2 }
    })
    expect(store.facets({ search: 'gamma', filter: [{ field: 'UF_CRM_VISITS', op: '>', value: 1 }] })).toEqual({
      STATUS_ID: { JUNK: 1 },
      SOURCE_ID: { WEB: 1 }
    })
  })
})

describe('filter limits', () => {
  it('the largest filter the contract allows binds fewer values than SQLite takes (32,766)', () => {
    // Text lists on TITLE bind each value twice (its folded copy for the index, then the value).
    const lists = Array.from({ length: MAX_FILTER_VALUES / MAX_VALUES_PER_FILTER }, (_, n) => ({
      field: 'TITLE',
      op: '@' as const,
      value: Array.from({ length: MAX_VALUES_PER_FILTER }, (_, i) => (i === n ? 'Gamma' : `No lead ${n}.${i}`))
    }))
    const equals = Array.from({ length: MAX_FILTER_CONDITIONS - lists.length }, () => ({
      field: 'TITLE',
      op: '!' as const,
      value: 'Nothing'
    }))
    const filter: GridCondition[] = [...lists, ...equals]
    expect(gridKeys(store, { filter, search: 'gamma' })).toEqual([3])
    expect(store.facets({ filter }).STATUS_ID).toEqual({ JUNK: 1 })
  })
})

describe('bad grid input', () => {
  const query = (patch: Partial<GridQuery> | Record<string, unknown>): GridQuery =>
    ({ offset: 0, limit: 10, ...patch }) as GridQuery
  const cases: Array<[string, Partial<GridQuery> | Record<string, unknown>, string]> = [
    [
      'unknown operator',
      { filter: [{ field: 'TITLE', op: '~', value: 'x' }] },
      'Filter on TITLE: unknown operator "~"; use one of = ! > >= < <= % @ empty notEmpty.'
    ],
    [
      'lower-case field',
      { filter: [{ field: 'title', op: '=', value: 'x' }] },
      'Filter: "title" is not a field code (like TITLE or UF_CRM_5).'
    ],
    ['injected field', { filter: [{ field: "TITLE') OR 1=1 --", op: '=', value: 'x' }] }, 'is not a field code'],
    ['injected path', { filter: [{ field: 'UF_CRM_1.X', op: '=', value: 'x' }] }, 'is not a field code'],
    [
      'text for a number',
      { filter: [{ field: 'OPPORTUNITY', op: '>', value: 'abc' }] },
      'Filter on OPPORTUNITY: needs a number, got "abc".'
    ],
    ['text for a number UF', { filter: [{ field: 'UF_CRM_VISITS', op: '=', value: '5 apples' }] }, 'needs a number'],
    [
      'bad date',
      { filter: [{ field: 'DATE_CREATE', op: '>', value: 'yesterday' }] },
      'Filter on DATE_CREATE: needs a date like'
    ],
    ['bad boolean', { filter: [{ field: 'UF_CRM_VIP', op: '=', value: 'maybe' }] }, 'needs Y or N, got "maybe"'],
    ['object value', { filter: [{ field: 'TITLE', op: '=', value: { x: 1 } }] }, 'needs a text value, got {"x":1}'],
    [
      '@ without a list',
      { filter: [{ field: 'STATUS_ID', op: '@', value: 'NEW' }] },
      '"@" needs a list of 1 to 1000 values'
    ],
    ['@ with an empty list', { filter: [{ field: 'STATUS_ID', op: '@', value: [] }] }, '"@" needs a list'],
    [
      '% on a date',
      { filter: [{ field: 'DATE_MODIFY', op: '%', value: '2024' }] },
      'dates are compared with = ! > >= < <= @, not "%"'
    ],
    ['% without text', { filter: [{ field: 'TITLE', op: '%', value: '' }] }, '"%" needs the text to look for'],
    ['filter not a list', { filter: { TITLE: 'x' } }, 'Grid query: filter must be a list'],
    [
      'more list values in all than a filter may hold',
      { filter: Array.from({ length: 6 }, () => ({ field: 'STATUS_ID', op: '@', value: Array(1000).fill('NEW') })) },
      'Grid query: a filter may hold at most 5000 list values in all.'
    ],
    ['condition not an object', { filter: ['TITLE'] }, 'a filter condition must be an object'],
    [
      'sort direction',
      { sort: [{ field: 'TITLE', direction: 'up' }] },
      'sort direction of TITLE must be "asc" or "desc"'
    ],
    [
      'sort field',
      { sort: [{ field: 'TITLE DESC; DROP TABLE leads', direction: 'asc' }] },
      'Sort: "TITLE DESC; DROP TABLE leads" is not a field code'
    ],
    ['limit 0', { limit: 0 }, 'limit must be a whole number from 1 to 1000'],
    ['limit too large', { limit: 5000 }, 'limit must be a whole number from 1 to 1000'],
    ['fractional offset', { offset: 1.5 }, 'offset must be a whole number'],
    ['negative offset', { offset: -1 }, 'offset must be a whole number'],
    ['search not text', { search: 5 }, 'search must be a text']
  ]

  it.each(cases)('%s', (_name, patch, message) => {
    let thrown: unknown
    try {
      store.queryGrid(query(patch))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).code).toBe('INVALID_ARGUMENT')
    expect((thrown as AppError).message).toContain(message)
  })

  it('binds values, so SQL in a value is only text', () => {
    expect(filtered({ field: 'TITLE', op: '=', value: "x' OR '1'='1" })).toEqual([])
    expect(filtered({ field: 'TITLE', op: '%', value: "%' OR 1=1 --" })).toEqual([])
    expect(filtered({ field: 'TITLE', op: '%', value: '%' })).toEqual([])
    expect(gridKeys(store).length).toBe(4)
  })

  it('facets validate the same way', () => {
    expect(() => store.facets({ filter: [{ field: 'TITLE', op: 'like' as never, value: 'x' }] })).toThrow(
      'unknown operator "like"'
    )
  })
})
