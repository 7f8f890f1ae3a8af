import type { Statements } from './database'
import { parseJsonText, toJsonText } from './json-text'
import type { Conflict, LeadKey } from './types'

export type NewConflict = Omit<Conflict, 'id' | 'createdAt'>

interface ConflictRow {
  id: number
  lead_key: number
  op_id: string
  kind: Conflict['kind']
  field: string | null
  base: string | null
  mine: string | null
  theirs: string | null
  created_at: number
}

/** Open conflicts. base/mine/theirs are JSON, so a null value differs from "not set". */
export class Conflicts {
  constructor(private readonly statements: Statements) {}

  add(conflict: NewConflict, now: number): Conflict {
    const row = this.statements.one<ConflictRow>(
      `INSERT INTO conflicts (lead_key, op_id, kind, field, base, mine, theirs, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      conflict.leadKey,
      conflict.opId,
      conflict.kind,
      conflict.field ?? null,
      toJsonText(conflict.base),
      toJsonText(conflict.mine),
      toJsonText(conflict.theirs),
      now
    )
    return toConflict(row!)
  }

  get(id: number): Conflict | undefined {
    const row = this.statements.one<ConflictRow>('SELECT * FROM conflicts WHERE id = ?', id)
    return row && toConflict(row)
  }

  list(leadKey?: LeadKey): Conflict[] {
    const rows =
      leadKey === undefined
        ? this.statements.all<ConflictRow>('SELECT * FROM conflicts ORDER BY id')
        : this.statements.all<ConflictRow>('SELECT * FROM conflicts WHERE lead_key = ? ORDER BY id', leadKey)
    return rows.map(toConflict)
  }

  remove(id: number): boolean {
    return this.statements.get('DELETE FROM conflicts WHERE id = ?').run(id).changes > 0
  }

  moveToLead(from: LeadKey, to: LeadKey): void {
    this.statements.run('UPDATE conflicts SET lead_key = ? WHERE lead_key = ?', to, from)
  }

  count(): number {
    return this.statements.one<{ n: number }>('SELECT count(*) AS n FROM conflicts')!.n
  }
}

function toConflict(row: ConflictRow): Conflict {
  return {
    id: row.id,
    leadKey: row.lead_key,
    opId: row.op_id,
    kind: row.kind,
    ...(row.field === null ? {} : { field: row.field }),
    ...(row.base === null ? {} : { base: parseJsonText(row.base) }),
    ...(row.mine === null ? {} : { mine: parseJsonText(row.mine) }),
    ...(row.theirs === null ? {} : { theirs: parseJsonText(row.theirs) }),
    createdAt: row.created_at
  }
}
