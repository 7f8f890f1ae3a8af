import type { Statements } from './database'
import { log } from '../log'
import { checkMetadataPart } from '../metadata/metadata-checks'
import { emptyMetadata, METADATA_PARTS, type MetadataPart, type PortalMetadata } from '../metadata/portal-metadata'
import { parseJsonText } from './json-text'

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

/** The meta table's key of each metadata part (kept from the first versions of the store). */
const PART_KEYS: Readonly<Record<MetadataPart, string>> = {
  fields: 'fields',
  userFields: 'userfields',
  userFieldsRu: 'userfields_ru',
  statuses: 'statuses',
  users: 'users',
  layouts: 'layouts',
  repeatLayouts: 'repeat_layouts'
}

/**
 * The portal's metadata as the store keeps it. What was written by another version of the app is
 * checked once, on the first read, like an answer of the portal.
 */
export class StoredMetadata {
  private cached: PortalMetadata | undefined

  constructor(private readonly values: JsonKeyValues) {}

  read(): PortalMetadata {
    if (this.cached) return this.cached
    const metadata = emptyMetadata()
    for (const part of METADATA_PARTS) {
      const { value, dropped } = checkMetadataPart(part, this.values.get(PART_KEYS[part]))
      for (const item of dropped) log.warn(`Stored ${item.part} item ${item.item} was dropped: ${item.reason}`)
      Object.assign(metadata, { [part]: value })
    }
    this.cached = metadata
    return metadata
  }

  /** Stores a checked part; call `remember` once the write is committed. */
  write<P extends MetadataPart>(part: P, value: PortalMetadata[P]): void {
    this.values.set(PART_KEYS[part], value)
  }

  remember<P extends MetadataPart>(part: P, value: PortalMetadata[P]): void {
    if (this.cached) this.cached = { ...this.cached, [part]: value }
  }
}
