import type { SQLInputValue } from 'node:sqlite'
import type { Statements } from './database'
import {
  effectiveValues,
  INDEXED_COLUMNS,
  indexedValues,
  sameSearchFields,
  SEARCH_COLUMNS,
  searchDocument,
  type StageOrder
} from './effective-lead'
import { parseJsonText } from './json-text'
import type { ListValues } from './list-values'
import type { FieldPatch, LeadKey, ServerLead } from '../domain/lead-types'

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

/**
 * A stored lead as a write needs it: the documents' JSON text as SQLite gives it back (the same
 * text JSON.stringify wrote), so a write tells what changed without serialising the old version
 * again. The server copy is parsed only when asked for.
 */
export class StoredRecord {
  readonly local: FieldPatch | null
  private parsedServer: ServerLead | null | undefined

  constructor(
    readonly key: LeadKey,
    readonly hasFull: boolean,
    readonly serverJson: string | null,
    readonly localJson: string | null
  ) {
    this.local = parseJsonText<FieldPatch>(localJson)
  }

  server(): ServerLead | null {
    if (this.parsedServer === undefined) this.parsedServer = parseJsonText<ServerLead>(this.serverJson)
    return this.parsedServer
  }

  toLead(): StoredLead {
    return { key: this.key, server: this.server(), local: this.local, hasFull: this.hasFull }
  }
}

const SELECT_STORED = `
  SELECT l.has_full, json(d.server) AS server, json(d.local) AS local
  FROM leads l JOIN lead_docs d ON d.key = l.key WHERE l.key = ?`

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
 * Reads and writes one lead's row, documents, search entry and list values together, so the
 * indexed columns, the search index and the list values always describe the effective values
 * (server ⊕ local).
 */
export class LeadRecords {
  constructor(
    private readonly statements: Statements,
    private readonly stages: () => StageOrder,
    private readonly lists: ListValues
  ) {}

  read(key: LeadKey): StoredLead | undefined {
    return this.readStored(key)?.toLead()
  }

  readStored(key: LeadKey): StoredRecord | undefined {
    const row = this.statements.one<{ has_full: number; server: string | null; local: string | null }>(
      SELECT_STORED,
      key
    )
    return row && new StoredRecord(key, row.has_full === 1, row.server, row.local)
  }

  serverKeys(): LeadKey[] {
    const statement = this.statements.get('SELECT key FROM leads WHERE key > 0 ORDER BY key')
    statement.setReturnArrays(true)
    return (statement.all() as unknown as Array<[LeadKey]>).map(([key]) => key)
  }

  exists(key: LeadKey): boolean {
    return this.statements.one('SELECT 1 FROM leads WHERE key = ?', key) !== undefined
  }

  /**
   * Writes `next` over `previous` (what is stored now, if anything). Only what changed is
   * written: every indexed column set rewrites its index entries, changed or not, and so does a
   * search entry.
   */
  write(next: StoredLead, previous: StoredRecord | undefined): void {
    const serverJson = documentJson(next.server)
    const localJson = documentJson(next.local)
    if (!previous) {
      const values = effectiveValues(next.server, next.local)
      this.statements.run(UPSERT_LEAD, next.key, next.hasFull ? 1 : 0, ...indexedValues(values, this.stages()))
      this.writeDocuments(next.key, serverJson, localJson, values)
      this.statements.run(INSERT_SEARCH, next.key, ...searchDocument(values))
      this.lists.write(next.key, values)
      return
    }
    const changedColumns = new Map<string, SQLInputValue>()
    if (next.hasFull !== previous.hasFull) changedColumns.set('has_full', next.hasFull ? 1 : 0)
    if (serverJson !== previous.serverJson || localJson !== previous.localJson) {
      const values = effectiveValues(next.server, next.local)
      const before = effectiveValues(previous.server(), previous.local)
      const columns = indexedValues(values, this.stages())
      const columnsBefore = indexedValues(before, this.stages())
      INDEXED_COLUMNS.forEach((column, index) => {
        if (columns[index] !== columnsBefore[index]) changedColumns.set(column, columns[index] ?? null)
      })
      this.writeDocuments(next.key, serverJson, localJson, values)
      this.lists.write(next.key, values, before)
      if (!sameSearchFields(values, before)) {
        this.replaceSearchEntry(next.key, searchDocument(values), searchDocument(before))
      }
    }
    if (changedColumns.size === 0) return
    const assignments = [...changedColumns.keys()].map((column) => `${column} = ?`).join(', ')
    this.statements.run(`UPDATE leads SET ${assignments} WHERE key = ?`, ...changedColumns.values(), next.key)
  }

  /** Removes the lead; its documents, list values, outbox ops and conflicts go with it (foreign keys). */
  remove(key: LeadKey): void {
    this.removeSearchEntry(key)
    this.statements.run('DELETE FROM leads WHERE key = ?', key)
  }

  /** Gives the lead a new key; documents, list values, ops and conflicts follow (ON UPDATE CASCADE). */
  rekey(from: LeadKey, to: LeadKey): void {
    const lead = this.read(from)
    if (!lead) return
    this.removeSearchEntry(from)
    this.statements.run('UPDATE leads SET key = ? WHERE key = ?', to, from)
    this.statements.run(INSERT_SEARCH, to, ...searchDocument(effectiveValues(lead.server, lead.local)))
  }

  private writeDocuments(
    key: LeadKey,
    serverJson: string | null,
    localJson: string | null,
    values: Record<string, unknown>
  ): void {
    // Without a local patch the effective document is the server copy: not stored twice.
    this.statements.run(UPSERT_DOCS, key, serverJson, localJson, localJson === null ? null : JSON.stringify(values))
  }

  private replaceSearchEntry(key: LeadKey, document: string[], before: string[]): void {
    if (document.every((text, index) => text === before[index])) return
    this.removeSearchEntry(key)
    this.statements.run(INSERT_SEARCH, key, ...document)
  }

  private removeSearchEntry(key: LeadKey): void {
    this.statements.run('DELETE FROM lead_search WHERE rowid = ?', key)
  }
}

function documentJson(document: object | null): string | null {
  return document === null ? null : JSON.stringify(document)
}
