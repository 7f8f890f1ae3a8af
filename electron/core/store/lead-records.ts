import type { Statements } from './database'
import {
  effectiveValues,
  INDEXED_COLUMNS,
  indexedValues,
  SEARCH_COLUMNS,
  searchDocument,
  type StageOrder
} from './effective-lead'
import { parseJsonText } from './json-text'
import type { FieldPatch, LeadKey, ServerLead } from './types'

/** A lead as stored: the last server copy and the unsent local patch. */
export interface StoredLead {
  key: LeadKey
  /** null for a lead created offline and not pushed yet. */
  server: ServerLead | null
  /** The merge of the patches of the lead's unsent create/update ops; null when there are none. */
  local: FieldPatch | null
  /** false while only the grid columns were synced. */
  hasFull: boolean
}

const UPSERT_LEAD = `
  INSERT INTO leads (key, has_full, ${INDEXED_COLUMNS.join(', ')})
  VALUES (?, ?${', ?'.repeat(INDEXED_COLUMNS.length)})
  ON CONFLICT (key) DO UPDATE SET has_full = excluded.has_full,
    ${INDEXED_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}`

const UPSERT_DOCS = `
  INSERT INTO lead_docs (key, server, local, effective) VALUES (?, jsonb(?), jsonb(?), jsonb(?))
  ON CONFLICT (key) DO UPDATE SET server = excluded.server, local = excluded.local, effective = excluded.effective`

const INSERT_SEARCH = `INSERT INTO lead_search (rowid, ${SEARCH_COLUMNS.join(', ')})
  VALUES (?${', ?'.repeat(SEARCH_COLUMNS.length)})`

/**
 * Reads and writes one lead's row, documents and search entry together, so the indexed columns
 * and the search index always describe the effective values (server ⊕ local).
 */
export class LeadRecords {
  constructor(
    private readonly statements: Statements,
    private readonly stages: () => StageOrder
  ) {}

  read(key: LeadKey): StoredLead | undefined {
    const row = this.statements.one<{ has_full: number; server: string | null; local: string | null }>(
      `SELECT l.has_full, json(d.server) AS server, json(d.local) AS local
       FROM leads l JOIN lead_docs d ON d.key = l.key WHERE l.key = ?`,
      key
    )
    if (!row) return undefined
    return {
      key,
      server: parseJsonText<ServerLead>(row.server),
      local: parseJsonText<FieldPatch>(row.local),
      hasFull: row.has_full === 1
    }
  }

  serverKeys(): LeadKey[] {
    const statement = this.statements.get('SELECT key FROM leads WHERE key > 0 ORDER BY key')
    statement.setReturnArrays(true)
    return (statement.all() as unknown as Array<[LeadKey]>).map(([key]) => key)
  }

  exists(key: LeadKey): boolean {
    return this.statements.one('SELECT 1 FROM leads WHERE key = ?', key) !== undefined
  }

  /** Writes `next`; `previous` (what is stored now, if anything) lets unchanged parts be skipped. */
  write(next: StoredLead, previous: StoredLead | undefined): void {
    const serverJson = next.server === null ? null : JSON.stringify(next.server)
    const localJson = next.local === null ? null : JSON.stringify(next.local)
    if (
      previous &&
      previous.hasFull === next.hasFull &&
      serverJson === (previous.server === null ? null : JSON.stringify(previous.server)) &&
      localJson === (previous.local === null ? null : JSON.stringify(previous.local))
    ) {
      return
    }
    const values = effectiveValues(next.server, next.local)
    this.statements.run(UPSERT_LEAD, next.key, next.hasFull ? 1 : 0, ...indexedValues(values, this.stages()))
    // Without a local patch the effective document is the server copy: not stored twice.
    this.statements.run(
      UPSERT_DOCS,
      next.key,
      serverJson,
      localJson,
      localJson === null ? null : JSON.stringify(values)
    )
    const document = searchDocument(values)
    if (previous) {
      const before = searchDocument(effectiveValues(previous.server, previous.local))
      if (before.every((text, index) => text === document[index])) return
      this.removeSearchEntry(next.key)
    }
    this.statements.run(INSERT_SEARCH, next.key, ...document)
  }

  /** Removes the lead; its documents, outbox ops and conflicts go with it (foreign keys). */
  remove(key: LeadKey): void {
    this.removeSearchEntry(key)
    this.statements.run('DELETE FROM leads WHERE key = ?', key)
  }

  /** Gives the lead a new key; documents, ops and conflicts follow (ON UPDATE CASCADE). */
  rekey(from: LeadKey, to: LeadKey): void {
    const lead = this.read(from)
    if (!lead) return
    this.removeSearchEntry(from)
    this.statements.run('UPDATE leads SET key = ? WHERE key = ?', to, from)
    this.statements.run(INSERT_SEARCH, to, ...searchDocument(effectiveValues(lead.server, lead.local)))
  }

  private removeSearchEntry(key: LeadKey): void {
    this.statements.run('DELETE FROM lead_search WHERE rowid = ?', key)
  }
}
