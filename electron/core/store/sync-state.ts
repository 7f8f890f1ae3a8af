import type { Statements } from './database'
import type { LeadKey } from '../domain/lead-types'

/**
 * A lead's sync state follows from its conflicts and outbox ops: an open conflict first, then a
 * parked op (error), then any unsent op (pending).
 */
export function refreshSyncState(statements: Statements, key: LeadKey): void {
  statements.run(
    `UPDATE leads SET sync_state = CASE
       WHEN EXISTS (SELECT 1 FROM conflicts WHERE lead_key = ?1) THEN 'conflict'
       WHEN EXISTS (SELECT 1 FROM outbox WHERE lead_key = ?1 AND state = 'needs-attention') THEN 'error'
       WHEN EXISTS (SELECT 1 FROM outbox WHERE lead_key = ?1 AND state <> 'done') THEN 'pending'
       ELSE 'synced' END
     WHERE key = ?1`,
    key
  )
}
