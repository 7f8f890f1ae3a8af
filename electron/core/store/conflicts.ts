import { isMultifield } from '../domain/field-shapes'
import type { Statements } from './database'
import { parseJsonText, toJsonText } from './json-text'
import type { Conflict, LeadKey } from '../domain/lead-types'

export type NewConflict = Omit<Conflict, 'id' | 'createdAt'>
/** A conflict as a merge finds it, before it is tied to an op. */
export type ConflictFinding = Omit<NewConflict, 'leadKey' | 'opId'>

/**
 * What tells an op's conflicts apart: the lead deleted, or a field — for a multifield, one item
 * of it (the op's own change of it). Finding the same one again updates it instead of adding it.
 */
function identity(conflict: ConflictFinding): string {
  const item = conflict.field !== undefined && isMultifield(conflict.field) ? conflict.mine : undefined
  return JSON.stringify([conflict.kind, conflict.field ?? null, item ?? null])
}

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

  /** Adds the conflict, or updates the op's same conflict (see `identity`), keeping its id. */
  record(conflict: NewConflict, now: number): Conflict {
    const same = this.forOp(conflict.opId).find((existing) => identity(existing) === identity(conflict))
    if (!same) return this.add(conflict, now)
    this.statements.run(
      'UPDATE conflicts SET base = ?, mine = ?, theirs = ? WHERE id = ?',
      toJsonText(conflict.base),
      toJsonText(conflict.mine),
      toJsonText(conflict.theirs),
      same.id
    )
    return this.get(same.id)!
  }

  /** The op's conflicts become `found` (the last merge's): the ones found again keep their id, the rest go. */
  replaceForOp(op: { opId: string; leadKey: LeadKey }, found: readonly ConflictFinding[], now: number): void {
    const tied = (conflict: ConflictFinding): NewConflict => ({ ...conflict, opId: op.opId, leadKey: op.leadKey })
    const kept = new Set(found.map((conflict) => this.record(tied(conflict), now).id))
    for (const stale of this.forOp(op.opId)) if (!kept.has(stale.id)) this.remove(stale.id)
  }

  private add(conflict: NewConflict, now: number): Conflict {
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

  forOp(opId: string): Conflict[] {
    return this.statements.all<ConflictRow>('SELECT * FROM conflicts WHERE op_id = ? ORDER BY id', opId).map(toConflict)
  }

  removeForOp(opId: string): void {
    this.statements.run('DELETE FROM conflicts WHERE op_id = ?', opId)
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
