import { describe, expect, it } from 'vitest'
import { channels, MAX_FIELD_VALUE_CHARS, MAX_FIELDS_PER_EDIT } from '../../../electron/contract'

/** Field values from the renderer are untrusted: bounded in size and count, with a clear message. */
const edit = (patch: Record<string, unknown>) =>
  channels['leads.edit'].input.safeParse({ portalId: 'p1', key: 5, patch })
const resolveWith = (value: unknown) =>
  channels['conflicts.resolve'].input.safeParse({ portalId: 'p1', id: 1, choice: { kind: 'edit', value } })
const message = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues[0]?.message

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
