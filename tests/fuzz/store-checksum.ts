import { createHash } from 'node:crypto'
import { DatabaseSync } from 'node:sqlite'

/** The tables that hold what the user has and has changed: leads, their documents, the outbox, conflicts. */
const TABLES = [
  { name: 'leads', order: 'key' },
  { name: 'lead_docs', order: 'key' },
  { name: 'lead_relations', order: 'lead_key, kind' },
  { name: 'outbox', order: 'seq' },
  { name: 'conflicts', order: 'id' }
] as const

export interface StoreChecksum {
  /** The lead count and a digest of every row of those tables, as committed now. */
  read(): { leads: number; digest: string }
  close(): void
}

/**
 * Reads a portal's lead database through a second, read-only connection (the store writes in WAL
 * mode, so this one sees every commit). SQLite's data_version tells whether anyone committed since
 * the last digest; when nobody did, the last digest still holds.
 */
export function openStoreChecksum(path: string): StoreChecksum {
  const db = new DatabaseSync(path, { readOnly: true })
  const dataVersion = db.prepare('PRAGMA data_version')
  const count = db.prepare('SELECT count(*) AS n FROM leads')
  const rows = TABLES.map((table) => db.prepare(`SELECT * FROM ${table.name} ORDER BY ${table.order}`))
  let last: { version: unknown; value: { leads: number; digest: string } } | undefined

  const digest = (): string => {
    const hash = createHash('sha256')
    for (const statement of rows) {
      for (const row of statement.iterate()) {
        for (const value of Object.values(row)) {
          hash.update(value instanceof Uint8Array ? value : `${typeof value}:${String(value)}`)
          hash.update('\u0000')
        }
        hash.update('\u0001')
      }
      hash.update('\u0002')
    }
    return hash.digest('hex')
  }

  return {
    read() {
      db.exec('BEGIN')
      try {
        const version = (dataVersion.get() as { data_version: number }).data_version
        if (last?.version !== version) {
          last = { version, value: { leads: (count.get() as { n: number }).n, digest: digest() } }
        }
        return last.value
      } finally {
        db.exec('COMMIT')
      }
    },
    close: () => db.close()
  }
}
