import { describe, expect, it } from 'vitest'
import {
  channels,
  MAX_CONSOLE_PARAMS_CHARS,
  MAX_CONSOLE_PARAMS_DEPTH,
  MAX_CONSOLE_PARAMS_ENTRIES,
  MAX_FIELD_VALUE_CHARS,
  MAX_FIELD_VALUE_DEPTH,
  MAX_FIELDS_PER_EDIT,
  MAX_FILTER_TEXT_CHARS,
  MAX_FILTER_VALUES,
  MAX_VALUES_PER_FILTER
} from '../../../electron/contract'

/** Field values from the renderer are untrusted: bounded in size and count, with a clear message. */
const edit = (patch: Record<string, unknown>) =>
  channels['leads.edit'].input.safeParse({ portalId: 'p1', key: 5, patch })
const resolveWith = (value: unknown) =>
  channels['conflicts.resolve'].input.safeParse({ portalId: 'p1', id: 1, choice: { kind: 'edit', value } })
const message = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues[0]?.message
/** Where the first problem is and what it says, as the dispatcher reports it (path joined with dots). */
const firstIssue = (result: {
  success: boolean
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> }
}) => {
  const issue = result.error?.issues[0]
  return issue && { path: issue.path.map(String).join('.'), message: issue.message }
}

/** A list or map nested `depth` levels deep around a text (built without recursion). */
function nested(depth: number, kind: 'list' | 'map' = 'list'): unknown {
  let value: unknown = 'x'
  for (let level = 0; level < depth; level++) value = kind === 'list' ? [value] : { a: value }
  return value
}

describe('field values in edits', () => {
  it('takes any JSON value of a sensible size', () => {
    expect(edit({ TITLE: 'x'.repeat(5000), PHONE: [{ VALUE: '+1 555' }], OPPORTUNITY: 10.5, NAME: null }).success).toBe(
      true
    )
  })

  it('refuses a value that is too large, and says why', () => {
    const result = edit({ COMMENTS: 'x'.repeat(MAX_FIELD_VALUE_CHARS) })
    expect(result.success).toBe(false)
    expect(message(result)).toBe('A field value may hold at most 100,000 characters of JSON')
    expect(resolveWith('x'.repeat(MAX_FIELD_VALUE_CHARS)).success).toBe(false)
    expect(resolveWith('fine').success).toBe(true)
  })

  it('refuses values that are not JSON at all', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(edit({ TITLE: cycle }).success).toBe(false)
    expect(edit({ OPPORTUNITY: 10n }).success).toBe(false)
    expect(firstIssue(edit({ OPPORTUNITY: NaN }))).toEqual({
      path: 'patch.OPPORTUNITY',
      message: 'A field value holds NaN, which is no number JSON can hold'
    })
    expect(firstIssue(edit({ PHONE: [{ VALUE: Infinity }] }))?.path).toBe('patch.PHONE.0.VALUE')
    expect(edit({ TITLE: new Map() }).success).toBe(false)
  })

  it('refuses values nested deeper than a field holds, naming the limit, however deep they are', () => {
    expect(edit({ UF_CRM_FILES: nested(MAX_FIELD_VALUE_DEPTH) }).success).toBe(true)
    expect(firstIssue(edit({ UF_CRM_FILES: nested(MAX_FIELD_VALUE_DEPTH + 1) }))).toEqual({
      path: 'patch.UF_CRM_FILES.0.0.0.0.0.0.0.0',
      message: 'A field value may be nested at most 8 levels deep'
    })
    // Far deeper than the stack allows a recursive walk: refused all the same, nothing thrown.
    expect(message(edit({ TITLE: nested(100_000, 'map') }))).toBe('A field value may be nested at most 8 levels deep')
    expect(message(resolveWith(nested(100_000)))).toBe('A field value may be nested at most 8 levels deep')
  })

  it('leaves text that is not well-formed to the lead validation, which names the field', () => {
    expect(edit({ TITLE: 'half an emoji \uD83D' }).success).toBe(true)
  })

  it('refuses more fields than a lead has, and bad field codes', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_FIELDS_PER_EDIT + 1 }, (_, i) => [`UF_CRM_${i}`, 1]))
    expect(message(edit(many))).toBe('One change may set at most 500 fields')
    expect(message(edit({ 'title; DROP': 'x' }))).toBe('Invalid key in record')
  })
})

describe('facet queries', () => {
  it('take a filter and a search, and no window or order (the counts cover every matching lead)', () => {
    const facets = (query: unknown) => channels['leads.facets'].input.safeParse({ portalId: 'p1', query }).success
    expect(facets({ search: 'acme', filter: [{ field: 'SOURCE_ID', op: '=', value: 'WEB' }] })).toBe(true)
    expect(facets({})).toBe(true)
    expect(facets({ offset: 0, limit: 1 })).toBe(false)
  })
})

describe('grid query limits', () => {
  const query = (filter: unknown, extra: Record<string, unknown> = {}) =>
    channels['leads.query'].input.safeParse({ portalId: 'p1', query: { filter, offset: 0, limit: 50, ...extra } })
  const list = (length: number) => Array.from({ length }, (_, index) => `Lead ${index}`)
  const anyOf = (count: number, length: number) =>
    Array.from({ length: count }, () => ({ field: 'TITLE', op: '@', value: list(length) }))

  it('takes lists up to the stated limits', () => {
    expect(MAX_FILTER_VALUES / MAX_VALUES_PER_FILTER).toBe(5)
    expect(query(anyOf(5, MAX_VALUES_PER_FILTER)).success).toBe(true)
    expect(
      query([
        { field: 'OPPORTUNITY', op: '>', value: 10 },
        { field: 'TITLE', op: 'empty' }
      ]).success
    ).toBe(true)
  })

  it('refuses more list values in all than SQLite can bind, at the filter, with the limit', () => {
    // 50 lists of 1,000 values: the query that answered "too many SQL variables".
    expect(firstIssue(query(anyOf(50, 1_000)))).toEqual({
      path: 'query.filter',
      message: 'A filter may hold at most 5,000 list values in all (this one holds 50,000)'
    })
    expect(firstIssue(query([...anyOf(5, 1_000), { field: 'ID', op: '@', value: [1] }]))?.path).toBe('query.filter')
  })

  it('refuses a list longer than one condition takes', () => {
    expect(firstIssue(query(anyOf(1, MAX_VALUES_PER_FILTER + 1)))).toEqual({
      path: 'query.filter.0.value',
      message: 'A filter list may hold at most 1,000 values'
    })
  })

  it('refuses deep values, naming the place', () => {
    const shape = 'A filter value is a text, a number, true/false, null, or a flat list of these'
    expect(firstIssue(query([{ field: 'TITLE', op: '=', value: { x: 1 } }]))).toEqual({
      path: 'query.filter.0.value',
      message: shape
    })
    expect(firstIssue(query([{ field: 'STATUS_ID', op: '@', value: ['NEW', ['JUNK']] }]))).toEqual({
      path: 'query.filter.0.value.1',
      message: shape
    })
    expect(firstIssue(query([{ field: 'TITLE', op: '=', value: nested(100_000) }]))?.message).toBe(shape)
    expect(firstIssue(query([{ field: 'OPPORTUNITY', op: '>', value: Infinity }]))?.path).toBe('query.filter.0.value')
  })

  it('refuses texts longer than any field the grid filters on', () => {
    expect(query([{ field: 'TITLE', op: '%', value: 'x'.repeat(MAX_FILTER_TEXT_CHARS) }]).success).toBe(true)
    expect(firstIssue(query([{ field: 'TITLE', op: '%', value: 'x'.repeat(MAX_FILTER_TEXT_CHARS + 1) }]))).toEqual({
      path: 'query.filter.0.value',
      message: 'A filter text may hold at most 1,000 characters'
    })
    expect(firstIssue(query([], { search: 'x'.repeat(201) }))?.path).toBe('query.search')
  })

  it('holds for facet queries too', () => {
    const facets = channels['leads.facets'].input.safeParse({ portalId: 'p1', query: { filter: anyOf(6, 1_000) } })
    expect(firstIssue(facets)?.path).toBe('query.filter')
  })
})

describe('REST console params', () => {
  const call = (params: unknown) =>
    channels['console.call'].input.safeParse({ portalId: 'p1', method: 'crm.lead.list', params })

  it('takes the params of real methods', () => {
    expect(call({ filter: { '>ID': 5, '@STATUS_ID': ['NEW'] }, select: ['ID', 'TITLE'], start: -1 }).success).toBe(true)
    expect(call({ fields: { PHONE: [{ VALUE: '+1 555 0100', VALUE_TYPE: 'WORK' }] } }).success).toBe(true)
  })

  it('refuses params nested too deep as INVALID_ARGUMENT with the place and the limit', () => {
    expect(call({ a: nested(MAX_CONSOLE_PARAMS_DEPTH - 1) }).success).toBe(true)
    expect(firstIssue(call({ a: nested(MAX_CONSOLE_PARAMS_DEPTH) }))).toEqual({
      path: 'params.a.0.0.0.0.0.0.0.0.0',
      message: 'The params may be nested at most 10 levels deep'
    })
    expect(firstIssue(call({ filter: nested(100_000, 'map') }))?.message).toBe(
      'The params may be nested at most 10 levels deep'
    )
  })

  it('refuses too many keys and list items, and too much text', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_CONSOLE_PARAMS_ENTRIES + 1 }, (_, i) => [`k${i}`, i]))
    expect(firstIssue(call(many))?.message).toBe('The params may hold at most 10,000 keys and list items')
    // The key `ids` and its items count together.
    expect(call({ ids: Array.from({ length: MAX_CONSOLE_PARAMS_ENTRIES - 1 }, (_, i) => i) }).success).toBe(true)
    expect(call({ ids: Array.from({ length: MAX_CONSOLE_PARAMS_ENTRIES }, (_, i) => i) }).success).toBe(false)
    expect(firstIssue(call({ text: 'x'.repeat(MAX_CONSOLE_PARAMS_CHARS) }))?.message).toBe(
      'The params may hold at most 1,000,000 characters'
    )
  })

  it('refuses what could not be sent: lone surrogates, numbers JSON cannot hold', () => {
    expect(firstIssue(call({ filter: { TITLE: 'a\uD800' } }))).toEqual({
      path: 'params.filter.TITLE',
      message: 'The params holds a text that is not well-formed Unicode (a lone surrogate)'
    })
    expect(firstIssue(call({ id: NaN }))?.path).toBe('params.id')
    expect(call({ title: 'emoji 👍 is fine' }).success).toBe(true)
  })

  it("drops a __proto__ key instead of letting it become the params' prototype", () => {
    const result = call(JSON.parse('{"__proto__": {"polluted": true}, "id": 5}'))
    expect(result.success).toBe(true)
    const params = result.data!.params as Record<string, unknown>
    expect(Object.keys(params)).toEqual(['id'])
    expect(params.polluted).toBeUndefined()
  })
})
