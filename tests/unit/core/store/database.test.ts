import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inDurableTransaction, inTransaction, openDatabase } from '../../../../electron/core/store/database'

let dir: string
let db: DatabaseSync
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lead-admin-db-'))
  db = openDatabase(join(dir, 'leads.db'))
  db.exec('CREATE TABLE notes (text TEXT NOT NULL)')
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** 1 = NORMAL, 2 = FULL. */
const synchronous = () => (db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous
const count = () => (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n

describe('transactions', () => {
  it('commit what the work wrote, or nothing when it fails', () => {
    inTransaction(db, () => db.exec("INSERT INTO notes VALUES ('kept')"))
    expect(() =>
      inTransaction(db, () => {
        db.exec("INSERT INTO notes VALUES ('dropped')")
        throw new Error('bad value')
      })
    ).toThrow('bad value')
    expect(count()).toBe(1)
  })

  it("the user's own work is flushed to disk at commit; other writes keep the faster setting", () => {
    expect(synchronous()).toBe(1)
    const during = inDurableTransaction(db, () => {
      db.exec("INSERT INTO notes VALUES ('an edit')")
      return synchronous()
    })
    expect(during).toBe(2)
    expect(synchronous()).toBe(1)
    // A failed durable write leaves the setting as it was too.
    expect(() =>
      inDurableTransaction(db, () => {
        throw new Error('refused')
      })
    ).toThrow('refused')
    expect([synchronous(), count()]).toEqual([1, 1])
  })
})
