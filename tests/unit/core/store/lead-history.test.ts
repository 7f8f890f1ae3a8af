import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fieldChanges } from '../../../../electron/core/domain/field-changes'
import { HISTORY_PER_LEAD } from '../../../../electron/core/store/lead-history'
import { openLeadStore, type LeadStore } from '../../../../electron/core/store/lead-store'
import { serverLead } from './store-fixtures'

let store: LeadStore
let clock = 1_000
beforeEach(() => {
  clock = Date.parse('2026-12-01T09:00:00Z')
  store = openLeadStore(':memory:', { now: () => clock })
})
afterEach(() => store.close())

/** The history as field: before → after, newest first. */
const changes = (key: number) =>
  store.leadHistory(key).map((entry) => [entry.source, entry.field, entry.before, entry.after])

describe('field changes', () => {
  it('sees a field changed, set or cleared, and not one that only changed its spelling', () => {
    expect(
      fieldChanges(
        { TITLE: 'A', OPPORTUNITY: '5.00', COMMENTS: 'x', DATE_MODIFY: '2026-01-01' },
        { TITLE: 'B', OPPORTUNITY: 5, NAME: 'Ann', DATE_MODIFY: '2026-02-01' }
      )
    ).toEqual([
      { field: 'TITLE', before: 'A', after: 'B' },
      { field: 'COMMENTS', before: 'x', after: null },
      { field: 'NAME', before: null, after: 'Ann' }
    ])
  })
})

describe('lead history', () => {
  it('records what a new server copy changed, not the first copy of a lead', () => {
    store.upsertServerLeads([serverLead(1, { COMMENTS: 'call back' })], { full: true })
    expect(changes(1)).toEqual([])
    clock += 60_000
    store.upsertServerLeads([serverLead(1, { STATUS_ID: 'IN_PROCESS', COMMENTS: 'call back' })], { full: true })
    expect(changes(1)).toEqual([['sync', 'STATUS_ID', 'NEW', 'IN_PROCESS']])
    expect(store.leadHistory(1)[0]!.at).toBe('2026-12-01T09:01:00.000Z')
  })

  it('a copy of the grid columns speaks only for its columns', () => {
    store.upsertServerLeads([serverLead(1, { COMMENTS: 'kept' })], { full: true })
    store.upsertServerLeads([{ ID: '1', TITLE: 'Renamed' }], { full: false })
    expect(changes(1)).toEqual([['sync', 'TITLE', 'Lead #1', 'Renamed']])
  })

  it('the first full copy after the grid columns brings the other fields, not changes of them', () => {
    store.upsertServerLeads([{ ID: '1', TITLE: 'First', STATUS_ID: 'NEW' }], { full: false })
    store.upsertServerLeads([serverLead(1, { TITLE: 'Second', COMMENTS: 'new to the app' })], { full: true })
    expect(changes(1)).toEqual([['sync', 'TITLE', 'First', 'Second']])
  })

  it('keeps entries newest first, and only the last ones of a lead', () => {
    store.upsertServerLeads([serverLead(1), serverLead(2)], { full: true })
    for (let step = 1; step <= HISTORY_PER_LEAD + 5; step++) {
      store.recordHistory(1, 'edit', [{ field: 'TITLE', before: `t${step - 1}`, after: `t${step}` }])
    }
    store.recordHistory(2, 'undo', [{ field: 'NAME', before: 'Ann', after: null }])
    const first = store.leadHistory(1)
    expect(first).toHaveLength(HISTORY_PER_LEAD)
    expect(first[0]!.after).toBe(`t${HISTORY_PER_LEAD + 5}`)
    expect(first.at(-1)!.after).toBe('t6')
    expect(changes(2)).toEqual([['undo', 'NAME', 'Ann', null]])
  })

  it('goes with the lead: to its new key after a create, away when it is deleted', () => {
    const { key } = store.createLocalLead({ TITLE: 'Offline' }, 'client-1')
    store.recordHistory(key, 'edit', [{ field: 'TITLE', before: null, after: 'Offline' }])
    store.replaceLocalKey(key, 77)
    expect(changes(77)).toEqual([['edit', 'TITLE', null, 'Offline']])
    store.upsertServerLeads([serverLead(78)], { full: true })
    store.recordHistory(78, 'edit', [{ field: 'TITLE', before: 'a', after: 'b' }])
    store.deleteServerLeads([78])
    expect(store.leadHistory(78)).toEqual([])
  })
})
