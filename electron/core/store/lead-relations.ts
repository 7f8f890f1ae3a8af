import type { LeadKey, LeadRelationItem, LeadRelationKind } from '../domain/lead-types'
import type { Statements } from './database'

/** The items of a relation kind: product rows, or contact bindings. */
export type RelationItems<K extends LeadRelationKind> = LeadRelationItem[K][]

export interface StoredRelation<K extends LeadRelationKind> {
  items: RelationItems<K>
  /** When they were read from the portal; undefined when they are what the app sent last. */
  readAt?: number
}

/** What the store keeps of a lead's product rows and contact bindings (the portal's copy). */
export class LeadRelations {
  constructor(private readonly statements: Statements) {}

  get<K extends LeadRelationKind>(key: LeadKey, kind: K): StoredRelation<K> | undefined {
    const row = this.statements.one<{ items: string; read_at: number | null }>(
      'SELECT items, read_at FROM lead_relations WHERE lead_key = ? AND kind = ?',
      key,
      kind
    )
    if (!row) return undefined
    const items = JSON.parse(row.items) as RelationItems<K>
    return row.read_at === null ? { items } : { items, readAt: row.read_at }
  }

  /** Keeps the portal's copy; `readAt` undefined: what the app sent, not read back. */
  set<K extends LeadRelationKind>(key: LeadKey, kind: K, items: RelationItems<K>, readAt?: number): void {
    this.statements.run(
      `INSERT INTO lead_relations (lead_key, kind, items, read_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (lead_key, kind) DO UPDATE SET items = excluded.items, read_at = excluded.read_at`,
      key,
      kind,
      JSON.stringify(items),
      readAt ?? null
    )
  }
}
