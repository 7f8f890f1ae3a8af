import type { DatabaseSync } from 'node:sqlite'
import type { FieldCatalogue } from './field-catalogue'
import { documentIndexExpression } from './grid-fields'

/** Names of the lead_docs indexes kept here; nothing else uses the prefix. */
const PREFIX = 'lead_docs_field_'

/**
 * Indexes on lead_docs, one per userfield holding one value, on the expression the grid filters
 * and sorts that field by: SQLite keeps them right on every write of a lead (sync, edits, undo,
 * conflicts, deletes), and a write of a lead whose documents did not change touches none.
 * The userfields come from the portal's metadata, so the set is brought in line with it whenever
 * that changes; a field whose type changed gets a new index, as its expression is another.
 */
export function syncDocumentIndexes(db: DatabaseSync, catalogue: FieldCatalogue): void {
  const wanted = new Map<string, string>()
  for (const [code, shape] of catalogue) {
    const expression = documentIndexExpression(code, shape)
    if (expression) wanted.set(`${PREFIX}${code}_${shape.kind}`, expression)
  }
  const existing = db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'lead_docs' AND substr(name, 1, ?) = ?`
    )
    .all(PREFIX.length, PREFIX) as Array<{ name: string }>
  for (const { name } of existing) {
    if (!wanted.has(name)) db.exec(`DROP INDEX "${name}"`)
  }
  const present = new Set(existing.map((row) => row.name))
  for (const [name, expression] of wanted) {
    if (!present.has(name)) db.exec(`CREATE INDEX "${name}" ON lead_docs (${expression})`)
  }
}
