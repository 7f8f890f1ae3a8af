import type { DatabaseSync } from 'node:sqlite'
import type { FieldCatalogue } from './field-catalogue'
import { documentIndexExpression } from './grid-fields'

/** Names of the lead_docs indexes kept here; nothing else uses the prefix. */
const PREFIX = 'lead_docs_field_'

/**
 * Indexes on lead_docs, one per userfield holding one value, on the expression the grid filters
 * and sorts that field by. One is made the first time the grid filters or sorts on its field;
 * from then on SQLite keeps it right on every write of a lead (sync, edits, undo, conflicts,
 * deletes), so fields never asked about cost the writes nothing. The name holds the value kind:
 * a field whose type changed is read by another expression, and its old index is dropped.
 */
export class DocumentIndexes {
  private names: Set<string> | undefined

  constructor(
    private readonly db: DatabaseSync,
    private readonly catalogue: () => FieldCatalogue
  ) {}

  /** Whether `code` wants an index it does not have yet. */
  lacks(code: string): boolean {
    const name = this.nameOf(code)
    return name !== undefined && !this.existing().has(name)
  }

  /** Makes the index of `code`, when it wants one. */
  make(code: string): void {
    const shape = this.catalogue().get(code)
    const expression = shape && documentIndexExpression(code, shape)
    if (!shape || !expression || !this.lacks(code)) return
    const name = indexName(code, shape.kind)
    this.db.exec(`CREATE INDEX "${name}" ON lead_docs (${expression})`)
    this.existing().add(name)
  }

  /** Drops the indexes `catalogue` has no userfield for (of that kind). */
  sync(catalogue: FieldCatalogue): void {
    const wanted = new Set(
      [...catalogue].flatMap(([code, shape]) =>
        documentIndexExpression(code, shape) ? [indexName(code, shape.kind)] : []
      )
    )
    for (const name of this.existing()) {
      if (!wanted.has(name)) this.db.exec(`DROP INDEX "${name}"`)
    }
    this.forget()
  }

  /** Drops what is known of the indexes; read again when next asked. */
  forget(): void {
    this.names = undefined
  }

  private nameOf(code: string): string | undefined {
    const shape = this.catalogue().get(code)
    return shape && documentIndexExpression(code, shape) ? indexName(code, shape.kind) : undefined
  }

  private existing(): Set<string> {
    this.names ??= new Set(
      (
        this.db
          .prepare(
            `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'lead_docs' AND substr(name, 1, ?) = ?`
          )
          .all(PREFIX.length, PREFIX) as Array<{ name: string }>
      ).map((row) => row.name)
    )
    return this.names
  }
}

function indexName(code: string, kind: string): string {
  return `${PREFIX}${code}_${kind}`
}
