import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLeadStore, type LeadStore } from '../../../../electron/core/store/lead-store'
import { fileStore, gridKeys, serverLead } from './store-fixtures'

let store: LeadStore
beforeEach(() => {
  store = openLeadStore(':memory:')
})
afterEach(() => store.close())

const phone = (id: string, value: string) => ({ ID: id, VALUE_TYPE: 'WORK', VALUE: value, TYPE_ID: 'PHONE' })

describe('upsertServerLeads', () => {
  it('a grid-columns copy after a full one keeps the fields only the full copy had', () => {
    store.upsertServerLeads([serverLead(1, { COMMENTS: 'long text', PHONE: [phone('9', '+1 555')], UF_CRM_A: '5' })], {
      full: true
    })
    store.upsertServerLeads([{ ID: '1', TITLE: 'Renamed', STATUS_ID: 'JUNK' }], { full: false })
    expect(store.getLead(1)).toEqual({
      key: 1,
      server: {
        ID: '1',
        TITLE: 'Renamed',
        STATUS_ID: 'JUNK',
        COMMENTS: 'long text',
        PHONE: [phone('9', '+1 555')],
        UF_CRM_A: '5'
      },
      local: null,
      hasFull: true
    })
  })

  it('a full copy replaces the server copy: a multifield absent from it has no values any more', () => {
    store.upsertServerLeads([serverLead(1, { PHONE: [phone('9', '+1 555')], COMMENTS: 'x' })], { full: true })
    store.upsertServerLeads([serverLead(1, { COMMENTS: 'y' })], { full: true })
    expect(store.getLead(1)?.server).toEqual(serverLead(1, { COMMENTS: 'y' }))
    expect(gridKeys(store, { search: '555' })).toEqual([])
  })

  it('has_full: 0 for grid columns only, 1 once a full copy came, never back to 0', () => {
    store.upsertServerLeads([{ ID: '1', TITLE: 'a' }], { full: false })
    expect(store.getLead(1)?.hasFull).toBe(false)
    store.upsertServerLeads([{ ID: '1', TITLE: 'b', NAME: 'Ann' }], { full: true })
    expect(store.getLead(1)?.hasFull).toBe(true)
    store.upsertServerLeads([{ ID: '1', TITLE: 'c' }], { full: false })
    expect(store.getLead(1)).toMatchObject({ hasFull: true, server: { ID: '1', TITLE: 'c', NAME: 'Ann' } })
  })

  it('keeps the local patch, and the grid shows server ⊕ local in columns, search and values', () => {
    store.upsertServerLeads([serverLead(1, { TITLE: 'Server title', OPPORTUNITY: '100.00' })], { full: true })
    store.applyLocalEdit(1, { TITLE: 'Мой заголовок' }, { TITLE: 'Server title' })
    store.upsertServerLeads([serverLead(1, { TITLE: 'Server title 2', OPPORTUNITY: '250.00' })], { full: true })

    expect(store.getLead(1)?.local).toEqual({ TITLE: 'Мой заголовок' })
    expect(gridKeys(store, { filter: [{ field: 'TITLE', op: '=', value: 'Мой заголовок' }] })).toEqual([1])
    expect(gridKeys(store, { filter: [{ field: 'TITLE', op: '%', value: 'server' }] })).toEqual([])
    expect(gridKeys(store, { filter: [{ field: 'OPPORTUNITY', op: '=', value: 250 }] })).toEqual([1])
    expect(gridKeys(store, { search: 'заголов' })).toEqual([1])
    expect(gridKeys(store, { search: 'server' })).toEqual([])
    expect(store.queryGrid({ offset: 0, limit: 1 }).rows[0]?.values).toEqual(
      serverLead(1, { TITLE: 'Мой заголовок', OPPORTUNITY: '250.00' })
    )
  })

  it('loads 2,500 leads in one call', () => {
    const leads = Array.from({ length: 2500 }, (_, index) =>
      serverLead(index + 1, { STATUS_ID: index % 2 ? 'NEW' : 'JUNK', OPPORTUNITY: String(index) })
    )
    store.upsertServerLeads(leads, { full: true })
    expect(store.queryGrid({ offset: 0, limit: 1 }).total).toBe(2500)
    expect(store.facets({}).STATUS_ID).toEqual({ JUNK: 1250, NEW: 1250 })
  })

  it('is all or nothing: a bad lead in the batch writes none of it', () => {
    expect(() => store.upsertServerLeads([serverLead(1), { ID: 'abc' } as never], { full: true })).toThrow(
      'A server lead needs a positive integer ID, got "abc".'
    )
    expect(store.getLead(1)).toBeUndefined()
    expect(() => store.upsertServerLeads([{ ID: '-3' }], { full: true })).toThrow('positive integer ID')
  })
})

describe('upsertServerLeads writes only what changed', () => {
  let fixture: ReturnType<typeof fileStore>
  /** What the last upsert updated: 'leads' (the row), a column name, 'docs'. */
  let written: () => string[]

  beforeEach(() => {
    fixture = fileStore()
    const raw = fixture.raw()
    raw.exec(`
      CREATE TABLE written (what TEXT);
      CREATE TRIGGER row_written AFTER UPDATE ON leads BEGIN INSERT INTO written VALUES ('leads'); END;
      CREATE TRIGGER title_written AFTER UPDATE OF title ON leads BEGIN INSERT INTO written VALUES ('title'); END;
      CREATE TRIGGER opportunity_written AFTER UPDATE OF opportunity ON leads
        BEGIN INSERT INTO written VALUES ('opportunity'); END;
      CREATE TRIGGER docs_written AFTER UPDATE ON lead_docs BEGIN INSERT INTO written VALUES ('docs'); END;
    `)
    written = () => {
      const rows = raw.prepare('DELETE FROM written RETURNING what').all() as Array<{ what: string }>
      return rows.map((row) => row.what).sort()
    }
  })
  afterEach(() => fixture.cleanup())

  const gridCopy = { ID: '1', TITLE: 'Acme', OPPORTUNITY: '10.00', PHONE: [phone('9', '+1 555 0100')] }

  it('an unchanged copy writes nothing', () => {
    fixture.store.upsertServerLeads([serverLead(1, { COMMENTS: 'Blue whale' })], { full: true })
    written()
    fixture.store.upsertServerLeads([serverLead(1, { COMMENTS: 'Blue whale' })], { full: true })
    fixture.store.upsertServerLeads([{ ID: '1', TITLE: 'Lead #1' }], { full: false })
    expect(written()).toEqual([])
  })

  it('the full copy after the grid columns sets has_full and the documents, not the columns it left as they were', () => {
    fixture.store.upsertServerLeads([gridCopy], { full: false })
    written()
    fixture.store.upsertServerLeads([{ ...gridCopy, COMMENTS: 'Blue whale', UF_CRM_A: '5' }], { full: true })
    expect(written()).toEqual(['docs', 'leads'])
    expect(fixture.store.getLead(1)?.hasFull).toBe(true)
    expect(gridKeys(fixture.store, { search: 'whale' })).toEqual([1])
    expect(gridKeys(fixture.store, { search: '15550100' })).toEqual([1])
    expect(gridKeys(fixture.store, { filter: [{ field: 'TITLE', op: '=', value: 'Acme' }] })).toEqual([1])
  })

  it('a changed value rewrites its column only, and filters and search follow it', () => {
    fixture.store.upsertServerLeads([{ ...gridCopy, COMMENTS: 'Blue whale' }], { full: true })
    written()
    fixture.store.upsertServerLeads([{ ...gridCopy, TITLE: 'Globex', COMMENTS: 'Blue whale' }], { full: true })
    expect(written()).toEqual(['docs', 'leads', 'title'])
    expect(gridKeys(fixture.store, { filter: [{ field: 'TITLE', op: '=', value: 'Globex' }] })).toEqual([1])
    expect(gridKeys(fixture.store, { filter: [{ field: 'OPPORTUNITY', op: '=', value: 10 }] })).toEqual([1])
    expect(gridKeys(fixture.store, { search: 'globex whale' })).toEqual([1])
    expect(gridKeys(fixture.store, { search: 'acme' })).toEqual([])
  })
})

describe('deleteServerLeads', () => {
  it('removes leads the portal deleted, but keeps those with unsent work or a conflict', () => {
    store.upsertServerLeads(
      [1, 2, 3, 4, 5].map((id) => serverLead(id)),
      { full: true }
    )
    store.applyLocalEdit(2, { TITLE: 'mine' }, { TITLE: 'Lead #2' })
    const deleteOp = store.deleteLocalLead(3)!
    store.addConflict({ leadKey: 4, opId: 'gone', kind: 'deleted' })

    store.createLocalLead({ TITLE: 'offline' }, 'client')
    expect(store.serverKeys()).toEqual([1, 2, 3, 4, 5])
    expect(store.deleteServerLeads([1, 2, 3, 4, 99])).toEqual({ deleted: [1, 3], kept: [2, 4] })
    expect(store.serverKeys()).toEqual([2, 4, 5])
    expect(store.getLead(1)).toBeUndefined()
    // The queued delete has nothing left to do.
    expect(store.getLead(3)).toBeUndefined()
    expect(store.getOp(deleteOp.opId)).toBeUndefined()
    expect(gridKeys(store).sort()).toEqual([-1, 2, 4, 5])
    expect(gridKeys(store, { search: 'lead' }).sort()).toEqual([4, 5])
    expect(gridKeys(store, { search: 'mine' })).toEqual([2])
  })

  it('refuses keys that are not portal IDs', () => {
    expect(() => store.deleteServerLeads([-1])).toThrow('Not a portal lead ID: -1')
  })
})
