import type { DatabaseSync } from 'node:sqlite'
import type { Statements } from './database'
import { DocumentIndexes } from './document-indexes'
import type { FieldCatalogue } from './field-catalogue'
import { isFieldCode } from './field-code'
import { ListValues } from './list-values'
import type { GridQuery } from './types'

/**
 * The indexes of fields without a column of their own: userfields holding one value (an index
 * on lead_docs) and lists (lead_list_values). Each is made the first time a grid query filters
 * (or, for one value, sorts) on its field, then kept up to date by every write; a change of the
 * portal's fields drops those whose field went or changed type.
 */
export class FieldIndexes {
  readonly lists: ListValues
  private readonly documents: DocumentIndexes

  constructor(db: DatabaseSync, statements: Statements, catalogue: () => FieldCatalogue) {
    this.lists = new ListValues(statements, catalogue)
    this.documents = new DocumentIndexes(db, catalogue)
  }

  /** The fields of `query` whose index is not made yet. Malformed parts are the query's to refuse. */
  lacking(query: Pick<GridQuery, 'filter' | 'sort'>): string[] {
    const filtered = fieldsOf(query?.filter)
    const sorted = fieldsOf(query?.sort)
    return [
      ...new Set([
        ...filtered.filter((code) => this.documents.lacks(code) || this.lists.lacks(code)),
        ...sorted.filter((code) => this.documents.lacks(code))
      ])
    ]
  }

  /** Makes the indexes of `codes` (inside the caller's transaction, whose rollback it survives). */
  make(codes: readonly string[]): void {
    try {
      for (const code of codes) {
        this.documents.make(code)
        this.lists.hold(code)
      }
    } catch (error) {
      // What was made is rolled back: read the state again from the database.
      this.documents.forget()
      this.lists.forget()
      throw error
    }
  }

  sync(catalogue: FieldCatalogue): void {
    this.documents.sync(catalogue)
    this.lists.sync(catalogue)
  }
}

function fieldsOf(entries: unknown): string[] {
  if (!Array.isArray(entries)) return []
  return entries
    .map((entry: unknown) => (entry && typeof entry === 'object' ? (entry as { field?: unknown }).field : undefined))
    .filter(isFieldCode)
}
