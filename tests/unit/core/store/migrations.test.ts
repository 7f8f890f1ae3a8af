import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../../electron/core/store/database'
import { openLeadStore } from '../../../../electron/core/store/lead-store'
import { LATEST_VERSION, migrate, MIGRATIONS, schemaVersion } from '../../../../electron/core/store/migrations'
import { gridKeys } from './store-fixtures'

let dir: string
let path: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lead-store-migrations-'))
  path = join(dir, 'leads.sqlite')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function tableNames(db: DatabaseSync): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'lead_search_%'").all() as Array<{
      name: string
    }>
  )
    .map((row) => row.name)
    .filter((name) => !name.startsWith('sqlite_'))
    .sort()
}

/** A database left by an older app version, with a lead edited offline, its op and a conflict. */
function databaseAtVersion(version: number): void {
  const db = openDatabase(path)
  migrate(db, version)
  const server = JSON.stringify({
    ID: '7',
    TITLE: 'Старый лид',
    NAME: 'Пётр',
    STATUS_ID: 'IN_PROCESS',
    PHONE: [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: '+7 916 123-45-67', TYPE_ID: 'PHONE' }]
  })
  const local = JSON.stringify({ COMMENTS: 'позвонить завтра' })
  db.prepare(
    `INSERT INTO leads (key, sync_state, has_full, title, title_fold, status_id) VALUES (7, 'conflict', 1, 'Старый лид', 'старый лид', 'IN_PROCESS')`
  ).run()
  db.prepare('INSERT INTO lead_docs (key, server, local, effective) VALUES (7, jsonb(?), jsonb(?), jsonb(?))').run(
    server,
    local,
    JSON.stringify({ ...JSON.parse(server), ...JSON.parse(local) })
  )
  db.prepare(
    `INSERT INTO outbox (op_id, kind, lead_key, patch, base, state, next_attempt_at, created_at)
     VALUES ('op-1', 'update', 7, ?, '{"COMMENTS":null}', 'pending', 5, 5)`
  ).run(local)
  db.prepare(
    `INSERT INTO conflicts (lead_key, op_id, kind, field, base, mine, theirs, created_at)
     VALUES (7, 'op-1', 'field', 'COMMENTS', 'null', '"позвонить завтра"', '"уже позвонили"', 6)`
  ).run()
  db.prepare("INSERT INTO meta (key, value, updated_at) VALUES ('statuses', ?, 1)").run(
    JSON.stringify([
      { ENTITY_ID: 'STATUS', STATUS_ID: 'NEW', SORT: '10' },
      { ENTITY_ID: 'STATUS', STATUS_ID: 'IN_PROCESS', SORT: '20' }
    ])
  )
  if (version >= 2) {
    // What that app wrote to the search index for the lead.
    db.prepare(
      `INSERT INTO lead_search (rowid, title, name, phones, comments)
       VALUES (7, 'старый лид', 'петр', '7 916 123 45 67 79161234567', 'позвонить завтра')`
    ).run()
  }
  // What that app wrote for the lead's stage position.
  if (version >= 3) db.prepare('UPDATE leads SET status_sort = 20 WHERE key = 7').run()
  db.prepare('INSERT INTO sync_state (key, value, updated_at) VALUES (\'delta\', \'{"since":"2024-05-01"}\', 1)').run()
  // A finished pass, and one the app was in the middle of when it stopped.
  db.prepare(
    `INSERT INTO job_log (kind, started_at, finished_at, status, details) VALUES
       ('initial-grid', 100, 200, 'done', '{"rows":5}'), ('initial-details', 300, NULL, 'running', NULL)`
  ).run()
  // From version 4 on, the app wrote when each entry last changed.
  if (version >= 4) db.prepare('UPDATE job_log SET updated_at = coalesce(finished_at, started_at)').run()
  // From version 5 on, it kept the lead's product rows as last read.
  if (version >= 5) {
    db.prepare(
      `INSERT INTO lead_relations (lead_key, kind, items, read_at) VALUES (7, 'productrows', '[{"PRODUCT_NAME":"Чай","PRICE":10}]', 50)`
    ).run()
  }
  db.close()
}

describe('schema migrations', () => {
  it('numbers migrations 1..N without gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      Array.from({ length: LATEST_VERSION }, (_, index) => index + 1)
    )
  })

  it('builds the latest schema from an empty file', () => {
    const store = openLeadStore(path)
    expect(store.schemaVersion()).toBe(LATEST_VERSION)
    store.close()
    const db = new DatabaseSync(path)
    expect(tableNames(db)).toEqual([
      'conflicts',
      'counters',
      'job_log',
      'lead_docs',
      'lead_history',
      'lead_list_fields',
      'lead_list_values',
      'lead_relations',
      'lead_search',
      'leads',
      'meta',
      'outbox',
      'sync_state'
    ])
    const indexes = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'outbox'").all() as Array<{
        name: string
      }>
    ).map((row) => row.name)
    expect(indexes).toEqual(expect.arrayContaining(['outbox_due', 'outbox_lead']))
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'outbox_due'").get()).toEqual({
      sql: 'CREATE INDEX outbox_due ON outbox (state, next_attempt_at)'
    })
    db.close()
  })

  for (let version = 1; version <= LATEST_VERSION; version++) {
    it(`opens a version ${version} database at the latest version and keeps its data`, () => {
      databaseAtVersion(version)
      const store = openLeadStore(path, { now: () => 5_000 })
      expect(store.schemaVersion()).toBe(LATEST_VERSION)

      const lead = store.getLead(7)!
      expect(lead.server).toEqual({
        ID: '7',
        TITLE: 'Старый лид',
        NAME: 'Пётр',
        STATUS_ID: 'IN_PROCESS',
        PHONE: [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: '+7 916 123-45-67', TYPE_ID: 'PHONE' }]
      })
      expect(lead.local).toEqual({ COMMENTS: 'позвонить завтра' })
      expect(store.listOps(7)).toEqual([
        expect.objectContaining({ opId: 'op-1', kind: 'update', patch: { COMMENTS: 'позвонить завтра' } })
      ])
      expect(store.listConflicts(7)).toEqual([
        expect.objectContaining({ field: 'COMMENTS', mine: 'позвонить завтра', theirs: 'уже позвонили', base: null })
      ])
      expect(store.getCursor('delta')).toEqual({ since: '2024-05-01' })
      // Product rows (v5): none before, kept from then on.
      expect(store.relation(7, 'productrows')).toEqual(
        version >= 5
          ? { items: [{ PRODUCT_NAME: 'Чай', PRICE: 10 }], pending: false, readAt: 50 }
          : { items: [], pending: false }
      )
      // The job log (v4): the time of the last change is filled in; the pass that was running is over.
      expect(store.listJobs()).toEqual([
        { id: 2, kind: 'initial-details', startedAt: 300, updatedAt: 5_000, status: 'interrupted' },
        {
          id: 1,
          kind: 'initial-grid',
          startedAt: 100,
          finishedAt: 200,
          updatedAt: 200,
          status: 'done',
          details: { rows: 5 }
        }
      ])

      // What later versions added works on the old rows: full-text search (v2), stage order (v3).
      expect(gridKeys(store, { search: 'петр' })).toEqual([7])
      expect(gridKeys(store, { search: '7916123' })).toEqual([7])
      expect(gridKeys(store, { search: 'позвон' })).toEqual([7])
      // The list values (v7) are filled from the documents when the store opens.
      expect(gridKeys(store, { filter: [{ field: 'PHONE', op: '%', value: '123-45' }] })).toEqual([7])
      expect(gridKeys(store, { filter: [{ field: 'PHONE', op: '=', value: '+7 916 123-45-67' }] })).toEqual([7])
      const row = store.queryGrid({ offset: 0, limit: 10 }).rows[0]!
      expect(row).toEqual({
        key: 7,
        syncState: 'conflict',
        values: expect.objectContaining({ TITLE: 'Старый лид', COMMENTS: 'позвонить завтра' })
      })
      store.close()
      const db = new DatabaseSync(path)
      expect(db.prepare('SELECT status_sort FROM leads WHERE key = 7').get()).toEqual({ status_sort: 20 })
      db.close()
    })
  }

  it('a migration that fails leaves the database at the previous whole version', () => {
    databaseAtVersion(1)
    const db = new DatabaseSync(path)
    // Something in the way of version 2.
    db.exec('CREATE TABLE lead_search (x)')
    db.close()
    expect(() => openLeadStore(path)).toThrow(/lead_search/)
    const check = new DatabaseSync(path)
    expect(schemaVersion(check)).toBe(1)
    expect(check.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 1 })
    check.close()
  })

  it('refuses a database made by a newer app', () => {
    const db = new DatabaseSync(path)
    db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`)
    db.close()
    expect(() => openLeadStore(path)).toThrow(`schema version ${LATEST_VERSION + 1}`)
  })
})

describe('connection settings', () => {
  it('uses WAL, synchronous NORMAL, foreign keys and a busy timeout, and closes cleanly', () => {
    const db = openDatabase(path)
    const pragma = (name: string): unknown => Object.values(db.prepare(`PRAGMA ${name}`).get()!)[0]
    expect(pragma('journal_mode')).toBe('wal')
    expect(pragma('synchronous')).toBe(1)
    expect(pragma('foreign_keys')).toBe(1)
    expect(pragma('busy_timeout')).toBe(5000)
    db.close()

    const store = openLeadStore(path)
    store.upsertServerLeads([{ ID: '1', TITLE: 'x' }], { full: true })
    store.close()
    store.close()
    // Reopening finds the data; after a clean close the WAL was checkpointed away.
    const reopened = openLeadStore(path)
    expect(reopened.getLead(1)?.server).toEqual({ ID: '1', TITLE: 'x' })
    reopened.close()
  })
})
