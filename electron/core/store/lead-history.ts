import type { LeadHistoryEntry, LeadHistorySource } from '../../contract'
import type { FieldChange } from '../domain/field-changes'
import type { LeadKey } from '../domain/lead-types'
import type { Statements } from './database'
import { parseJsonText } from './json-text'

/** The most entries kept per lead; older ones are dropped as new ones come. */
export const HISTORY_PER_LEAD = 200

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))

/** The lead_history table: what changed in a lead's fields, when and by whom (sync, an edit, an undo). */
export class LeadHistory {
  constructor(private readonly statements: Statements) {}

  record(key: LeadKey, source: LeadHistorySource, at: number, changes: readonly FieldChange[]): void {
    if (changes.length === 0) return
    for (const change of changes) {
      this.statements.run(
        'INSERT INTO lead_history (lead_key, at, source, field, before, after) VALUES (?, ?, ?, ?, ?, ?)',
        key,
        at,
        source,
        change.field,
        json(change.before),
        json(change.after)
      )
    }
    this.statements.run(
      `DELETE FROM lead_history WHERE lead_key = ?1 AND id <= (
         SELECT id FROM lead_history WHERE lead_key = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)`,
      key,
      HISTORY_PER_LEAD
    )
  }

  /** Newest first. */
  list(key: LeadKey): LeadHistoryEntry[] {
    const rows = this.statements.all<{
      id: number
      at: number
      source: LeadHistorySource
      field: string
      before: string | null
      after: string | null
    }>('SELECT id, at, source, field, before, after FROM lead_history WHERE lead_key = ? ORDER BY id DESC', key)
    return rows.map((row) => ({
      id: row.id,
      at: new Date(row.at).toISOString(),
      source: row.source,
      field: row.field,
      before: parseJsonText(row.before),
      after: parseJsonText(row.after)
    }))
  }
}
