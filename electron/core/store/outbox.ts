import { randomUUID } from 'node:crypto'
import { AppError } from '../errors'
import { CANCELLED } from '../domain/retry-policy'
import type { Statements } from './database'
import { parseJsonText, toJsonText } from './json-text'
import type { FieldPatch, LeadKey, OutboxKind, OutboxOp, OutboxOpOf, OutboxState } from '../domain/lead-types'

/** A change to queue, typed by its kind. */
export type NewOp = {
  [K in OutboxKind]: Pick<OutboxOpOf<K>, 'kind' | 'leadKey' | 'patch' | 'base' | 'clientKey'> & {
    /** Tries it carries over from the op it replaces (0 for a new change). */
    attempts?: number
  }
}[OutboxKind]

/** What the sync engine may change on a queued op. `lastError: null` clears the error. */
export interface OpChanges {
  state?: OutboxState
  attempts?: number
  lastError?: OutboxOp['lastError'] | null
  nextAttemptAt?: number
  /** A corrected value (the user fixed a parked op) or a resolved conflict. */
  patch?: FieldPatch
  base?: FieldPatch
}

const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'sending', 'needs-attention', 'done']

/**
 * Whether some of the op may already be on the portal: it is on its way, or a try of it ended
 * without the portal's answer (a lost answer; a cancel, which counts no try). Never tried, held
 * for a sign-in (refused at the door), or refused by the portal on its only try, it is not. (An
 * op that keeps only its conflicted part starts over with no tries: the merge held it back.)
 */
export function mayHaveReachedPortal(op: Pick<OutboxOp, 'state' | 'attempts' | 'lastError'>): boolean {
  if (op.state === 'sending') return true
  const refusedOnItsOnlyTry = op.lastError?.permanent === true && op.attempts <= 1
  return (op.attempts > 0 || op.lastError?.code === CANCELLED) && !refusedOnItsOnlyTry
}

/** An op on its way to the portal cannot be taken back or changed: what becomes of it is not known yet. */
export function assertNotSending(op: Pick<OutboxOp, 'state'>): void {
  if (op.state === 'sending') {
    throw new AppError(
      'INVALID_ARGUMENT',
      'This change is being sent to the portal right now. Try again in a moment, once it has been sent.'
    )
  }
}

interface OpRow {
  seq: number
  op_id: string
  kind: OutboxKind
  lead_key: number
  patch: string
  base: string
  client_key: string | null
  attempts: number
  last_error: string | null
  state: OutboxState
  next_attempt_at: number
  created_at: number
}

/** The outbox table: queued changes, pushed per lead in seq order. */
export class Outbox {
  constructor(private readonly statements: Statements) {}

  insert(op: NewOp, now: number): OutboxOp {
    const row = this.statements.one<OpRow>(
      `INSERT INTO outbox (op_id, kind, lead_key, patch, base, client_key, attempts, state, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING *`,
      randomUUID(),
      op.kind,
      op.leadKey,
      JSON.stringify(op.patch),
      JSON.stringify(op.base),
      op.clientKey ?? null,
      op.attempts ?? 0,
      now,
      now
    )
    return toOp(row!)
  }

  get(opId: string): OutboxOp | undefined {
    const row = this.statements.one<OpRow>('SELECT * FROM outbox WHERE op_id = ?', opId)
    return row && toOp(row)
  }

  /** The lead's ops in seq order (all ops when no key is given). */
  list(leadKey?: LeadKey): OutboxOp[] {
    const rows =
      leadKey === undefined
        ? this.statements.all<OpRow>('SELECT * FROM outbox ORDER BY seq')
        : this.statements.all<OpRow>('SELECT * FROM outbox WHERE lead_key = ? ORDER BY seq', leadKey)
    return rows.map(toOp)
  }

  /**
   * Ops due now, oldest first. Within a lead the ops come as a prefix of its queue: an op is held
   * back while an earlier op of the same lead is being sent, parked, or waiting out a backoff.
   */
  next(now: number, limit: number): OutboxOp[] {
    return this.statements
      .all<OpRow>(
        `SELECT * FROM outbox o
         WHERE o.state = 'pending' AND o.next_attempt_at <= ?1
           AND NOT EXISTS (
             SELECT 1 FROM outbox earlier
             WHERE earlier.lead_key = o.lead_key AND earlier.seq < o.seq
               AND (earlier.state IN ('sending', 'needs-attention')
                    OR (earlier.state = 'pending' AND earlier.next_attempt_at > ?1)))
         ORDER BY o.seq LIMIT ?2`,
        now,
        limit
      )
      .map(toOp)
  }

  update(opId: string, changes: OpChanges): boolean {
    const result = this.statements
      .get(
        `UPDATE outbox SET
           state = coalesce(?, state),
           attempts = coalesce(?, attempts),
           last_error = CASE WHEN ? THEN ? ELSE last_error END,
           next_attempt_at = coalesce(?, next_attempt_at),
           patch = coalesce(?, patch),
           base = coalesce(?, base)
         WHERE op_id = ?`
      )
      .run(
        changes.state ?? null,
        changes.attempts ?? null,
        changes.lastError === undefined ? 0 : 1,
        toJsonText(changes.lastError ?? undefined),
        changes.nextAttemptAt ?? null,
        toJsonText(changes.patch),
        toJsonText(changes.base),
        opId
      )
    return result.changes > 0
  }

  /**
   * Makes the op another kind of change, due now and without an error: a create found on the
   * portal becomes the update of what it still has to set; a withdrawn delete, the create again.
   */
  rewrite(opId: string, op: Pick<OutboxOp, 'kind' | 'patch' | 'base' | 'attempts'>, now: number): boolean {
    const result = this.statements
      .get(
        `UPDATE outbox SET kind = ?, patch = ?, base = ?, attempts = ?, state = 'pending', last_error = NULL,
           next_attempt_at = ?
         WHERE op_id = ?`
      )
      .run(op.kind, JSON.stringify(op.patch), JSON.stringify(op.base), op.attempts, now, opId)
    return result.changes > 0
  }

  remove(opId: string): boolean {
    return this.statements.get('DELETE FROM outbox WHERE op_id = ?').run(opId).changes > 0
  }

  /** Moves a lead's ops to another lead, keeping their order. */
  moveToLead(from: LeadKey, to: LeadKey): void {
    this.statements.run('UPDATE outbox SET lead_key = ? WHERE lead_key = ?', to, from)
  }

  /** Ops parked for a reason of their own (refused, …), not only waiting for a conflict's decision. */
  refusedCount(): number {
    return this.statements.one<{ n: number }>(
      `SELECT count(*) AS n FROM outbox o WHERE o.state = 'needs-attention'
       AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.op_id = o.op_id)`
    )!.n
  }

  /** Unsent ops, not parked themselves, that wait behind a parked op of their lead. */
  waitingBehindCount(): number {
    return this.statements.one<{ n: number }>(
      `SELECT count(*) AS n FROM outbox o WHERE o.state IN ('pending', 'sending')
       AND EXISTS (SELECT 1 FROM outbox earlier
                   WHERE earlier.lead_key = o.lead_key AND earlier.seq < o.seq AND earlier.state = 'needs-attention')`
    )!.n
  }

  counts(): Record<OutboxState, number> {
    const counts = Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as Record<OutboxState, number>
    for (const row of this.statements.all<{ state: OutboxState; n: number }>(
      'SELECT state, count(*) AS n FROM outbox GROUP BY state'
    )) {
      counts[row.state] = row.n
    }
    return counts
  }
}

function toOp(row: OpRow): OutboxOp {
  const lastError = parseJsonText<NonNullable<OutboxOp['lastError']>>(row.last_error)
  // Rows are written only from typed ops (NewOp), so a row's patch is its kind's payload.
  return {
    opId: row.op_id,
    seq: row.seq,
    kind: row.kind,
    leadKey: row.lead_key,
    patch: JSON.parse(row.patch) as OutboxOp['patch'],
    base: JSON.parse(row.base) as FieldPatch,
    ...(row.client_key === null ? {} : { clientKey: row.client_key }),
    attempts: row.attempts,
    ...(lastError === null ? {} : { lastError }),
    state: row.state,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at
  } as OutboxOp
}
