import type { Statements } from './database'
import { parseJsonText } from './json-text'

/** Meta keys the store itself reads. Values are the portal's answers, stored as they came. */
export const META_KEYS = {
  /** crm.lead.fields: field code → descriptor (type, isMultiple, ...); gives filters their value kinds. */
  fields: 'fields',
  /** crm.lead.userfield.list items (FIELD_NAME, USER_TYPE_ID, MULTIPLE). */
  userfields: 'userfields',
  /** crm.status.list items; the ENTITY_ID "STATUS" ones order STATUS_ID sorting. */
  statuses: 'statuses',
  layouts: 'layouts',
  users: 'users'
} as const

/** A key → JSON table (meta, sync cursors). */
export class JsonKeyValues {
  constructor(
    private readonly statements: Statements,
    private readonly table: 'meta' | 'sync_state'
  ) {}

  get<T>(key: string): T | undefined {
    const row = this.statements.one<{ value: string }>(`SELECT value FROM ${this.table} WHERE key = ?`, key)
    return row ? (parseJsonText<T>(row.value) ?? undefined) : undefined
  }

  set(key: string, value: unknown): void {
    if (value === undefined) {
      this.statements.run(`DELETE FROM ${this.table} WHERE key = ?`, key)
      return
    }
    this.statements.run(
      `INSERT INTO ${this.table} (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      key,
      JSON.stringify(value),
      Date.now()
    )
  }
}
