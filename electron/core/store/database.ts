import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import { foldText } from './text-fold'

/** SQL name of the Unicode case folding (see text-fold.ts) for values without a folded column. */
export const FOLD_FUNCTION = 'lead_fold'

/** Opens a portal's database with the settings every connection must have. */
export function openDatabase(path: string): DatabaseSync {
  // A writer waits this long for another connection's lock instead of failing at once.
  const db = new DatabaseSync(path, { timeout: 5000 })
  try {
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = NORMAL')
    db.exec('PRAGMA foreign_keys = ON')
    // 8 MB of page cache: the hot index pages of 100,000 leads; the rest comes from the OS's file
    // cache. At 32 MB, grid pages were ~1 ms faster and the process ~25 MB bigger (npm run bench).
    db.exec('PRAGMA cache_size = -8000')
    db.exec('PRAGMA temp_store = MEMORY')
    // Reads through a memory map of the file: a page outside the page cache is a memory read
    // instead of a read() call. The mapped pages are the OS's file cache (shared, reclaimable),
    // but they count in the process's resident size.
    db.exec('PRAGMA mmap_size = 1073741824')
    // A sync page of 50 new leads dirties ~400 pages of random-order indexes. Checkpointing after
    // every 1,000 WAL frames (the default) copied the same index pages back to the database file
    // every few pages; at 10,000 frames (~40 MB of WAL) each is copied once per many pages.
    db.exec('PRAGMA wal_autocheckpoint = 10000')
    db.function(FOLD_FUNCTION, { deterministic: true }, (value) =>
      value === null || value instanceof Uint8Array ? null : foldText(String(value))
    )
  } catch (error) {
    db.close()
    throw error
  }
  return db
}

/** Runs `work` in one transaction (or inside the one already open), rolling back on any error. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work()
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
}

/**
 * The same, for what only the user can make again (an edit, an undo): its commit is flushed to
 * disk before it returns, so a power cut cannot take it back. Other commits use synchronous =
 * NORMAL, which survives a crash of the app but not of the machine — the portal has those.
 */
export function inDurableTransaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work()
  db.exec('PRAGMA synchronous = FULL')
  try {
    return inTransaction(db, work)
  } finally {
    db.exec('PRAGMA synchronous = NORMAL')
  }
}

/** Prepared statements by SQL text, so hot paths prepare each statement once per connection. */
export class Statements {
  private readonly cache = new Map<string, StatementSync>()

  constructor(private readonly db: DatabaseSync) {}

  get(sql: string): StatementSync {
    let statement = this.cache.get(sql)
    if (!statement) {
      // Grid queries vary with their filters: keep the cache from growing without bound.
      if (this.cache.size >= 500) this.cache.clear()
      statement = this.db.prepare(sql)
      this.cache.set(sql, statement)
    }
    return statement
  }

  run(sql: string, ...params: SQLInputValue[]): void {
    this.get(sql).run(...params)
  }

  all<Row>(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.get(sql).all(...params) as Row[]
  }

  one<Row>(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.get(sql).get(...params) as Row | undefined
  }
}
