import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { openLeadStore, type LeadStore } from '../../../../electron/core/store/lead-store'
import type { GridQuery } from '../../../../electron/core/store/types'
import type { ServerLead } from '../../../../electron/core/domain/lead-types'

/** A lead as crm.lead.get prints it, with only the fields a test cares about. */
export function serverLead(id: number, fields: Record<string, unknown> = {}): ServerLead {
  return { ID: String(id), TITLE: `Lead #${id}`, STATUS_ID: 'NEW', ...fields }
}

/** A store in a fresh temporary file (a second connection can reach it), removed by `cleanup`. */
export function fileStore(now?: () => number): {
  store: LeadStore
  path: string
  /** A second connection to the same file, for arranging failures and peeking at rows. */
  raw(): DatabaseSync
  cleanup(): void
} {
  const dir = mkdtempSync(join(tmpdir(), 'lead-store-'))
  const path = join(dir, 'leads.sqlite')
  const store = openLeadStore(path, { now })
  const raws: DatabaseSync[] = []
  return {
    store,
    path,
    raw() {
      const db = new DatabaseSync(path)
      raws.push(db)
      return db
    },
    cleanup() {
      for (const db of raws) db.close()
      store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Keys of every row of a grid query (offset 0, limit 1000). */
export function gridKeys(store: LeadStore, query: Partial<GridQuery> = {}): number[] {
  return store.queryGrid({ offset: 0, limit: 1000, ...query }).rows.map((row) => row.key)
}
