import type { Statements } from './database'
import type { FieldCatalogue, FieldShape } from './field-catalogue'
import { isFieldCode } from './field-code'
import { listElementExpressions } from './grid-fields'
import type { LeadKey } from '../domain/lead-types'

/** A list field as lead_list_values holds it. */
interface ListField {
  code: string
  shape: FieldShape
}

/**
 * lead_list_values: the elements of lists (phones, e-mails, multiple userfields) as the grid
 * compares them, so a filter on one reads a narrow table instead of every lead's documents.
 * A field is held from the first time the grid filters on it (`hold`), and from then on kept up
 * to date by every write of a lead — only for the lists whose value changed. Fields never
 * filtered on cost the writes nothing. Rows go with their lead (foreign key). Elements without a
 * value are left out: no condition but "empty" matches them, and that one is asked as "no
 * element with a value". Elements are also indexed by (field, value) (migration 8), for `=`, `@`
 * and ranges.
 */
export class ListValues {
  private heldFields: ListField[] | undefined

  constructor(
    private readonly statements: Statements,
    private readonly catalogue: () => FieldCatalogue
  ) {}

  /** Whether `code` is a list field not held yet. */
  lacks(code: string): boolean {
    return this.catalogue().get(code)?.list !== undefined && !this.isHeld(code)
  }

  private isHeld(code: string): boolean {
    return this.held().some((field) => field.code === code)
  }

  /** Starts holding list field `code`: its elements are read from every lead's documents. */
  hold(code: string): void {
    const shape = this.catalogue().get(code)
    // Codes reach SQL: only plausible ones are held.
    if (!shape?.list || !isFieldCode(code) || this.isHeld(code)) return
    const field = { code, shape }
    const source = `(SELECT key, coalesce(effective, server) -> '$.${code}' AS list FROM lead_docs)`
    this.statements.run(insertSql([elementsSql(field, source)]))
    this.statements.run('INSERT INTO lead_list_fields (field, shape) VALUES (?, ?)', code, shapeText(shape))
    this.forget()
  }

  /** Brings the held lists of lead `key` from `before` (absent for a new lead) to `values`. */
  write(key: LeadKey, values: Record<string, unknown>, before?: Record<string, unknown>): void {
    const changed: ListField[] = []
    const lists: string[] = []
    for (const field of this.held()) {
      const json = listJson(values[field.code])
      if (before && json === listJson(before[field.code])) continue
      changed.push(field)
      if (json !== null) lists.push(json)
    }
    if (changed.length === 0) return
    if (before) {
      this.statements.run(
        'DELETE FROM lead_list_values WHERE lead_key = ? AND field IN (SELECT value FROM json_each(?))',
        key,
        JSON.stringify(changed.map((field) => field.code))
      )
    }
    const filled = changed.filter((field) => listJson(values[field.code]) !== null)
    if (filled.length === 0) return
    // One statement for all the lead's changed lists: a sync page writes thousands of leads.
    this.statements.run(
      insertSql(filled.map((field) => elementsSql(field, '(SELECT ? AS key, ? AS list)'))),
      ...lists.flatMap((json) => [key, json])
    )
  }

  /** Drops the fields `catalogue` no longer has as lists of the shape they were read in. */
  sync(catalogue: FieldCatalogue): void {
    for (const field of this.heldRows()) {
      const shape = catalogue.get(field.field)
      if (shape?.list && shapeText(shape) === field.shape) continue
      this.statements.run('DELETE FROM lead_list_values WHERE field = ?', field.field)
      this.statements.run('DELETE FROM lead_list_fields WHERE field = ?', field.field)
    }
    this.forget()
  }

  /** Drops what is known of the held fields; read again when next asked. */
  forget(): void {
    this.heldFields = undefined
  }

  private held(): ListField[] {
    if (!this.heldFields) {
      const catalogue = this.catalogue()
      this.heldFields = this.heldRows().flatMap(({ field }) => {
        const shape = catalogue.get(field)
        return shape ? [{ code: field, shape }] : []
      })
    }
    return this.heldFields
  }

  private heldRows(): Array<{ field: string; shape: string }> {
    return this.statements.all('SELECT field, shape FROM lead_list_fields')
  }
}

function shapeText(shape: FieldShape): string {
  return `${shape.list} ${shape.kind}`
}

function insertSql(selects: string[]): string {
  // A repeated value of one lead is one row (the primary key); conditions only ask whether there is one.
  return `INSERT OR IGNORE INTO lead_list_values (field, value, folded, lead_key) ${selects.join(' UNION ALL ')}`
}

/** The elements of the lists `source` gives (rows of key and list JSON), as rows of the table. */
function elementsSql(field: ListField, source: string): string {
  const { value, folded } = listElementExpressions(field.shape)
  return `SELECT '${field.code}', ${value} AS element_value, ${folded}, lists.key
    FROM ${source} AS lists, json_each(lists.list) AS element
    WHERE coalesce(element_value, '') <> ''`
}

/** The JSON of a list field's value (json_each reads a lone value as a list of one), or null. */
function listJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}
