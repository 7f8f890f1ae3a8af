import { AppError } from '../errors'
import type { Statements } from './database'
import type { LeadRecords } from './lead-records'
import { fieldChanges } from '../domain/field-changes'
import type { LeadKey, ServerLead } from '../domain/lead-types'
import type { LeadHistory } from './lead-history'

/**
 * The server's copies as sync reads them. A grid-columns-only copy is merged into what is
 * stored, so it never wipes fields a full copy brought; a full copy replaces the server copy
 * (a multifield absent from it has no values). Local patches are left as they are.
 */
export function upsertServerCopies(
  records: LeadRecords,
  leads: Iterable<ServerLead>,
  full: boolean,
  history?: { log: LeadHistory; at: number }
): void {
  for (const lead of leads) {
    const key = serverLeadKey(lead)
    const previous = records.readStored(key)
    const previousServer = previous?.server()
    const storedServer = full ? null : previousServer
    const server = storedServer ? { ...storedServer, ...lead } : lead
    // The lead's history: what this copy changed. A copy of the grid columns speaks only for those;
    // the first full copy after one brings the other fields for the first time, not as changes.
    if (history && previousServer) {
      const fields = !full ? Object.keys(lead) : previous?.hasFull ? undefined : Object.keys(previousServer)
      history.log.record(key, 'sync', history.at, fieldChanges(previousServer, server, fields))
    }
    records.write(
      { key, server, local: previous?.local ?? null, hasFull: full || (previous?.hasFull ?? false) },
      previous
    )
  }
}

export interface ServerDeletion {
  deleted: LeadKey[]
  /** Deleted on the portal but holding unsent work or a conflict: kept for the user to decide. */
  kept: LeadKey[]
}

/** Removes leads the portal no longer has, except those the user still has work on. */
export function deleteServerCopies(
  statements: Statements,
  records: LeadRecords,
  ids: readonly LeadKey[]
): ServerDeletion {
  const result: ServerDeletion = { deleted: [], kept: [] }
  for (const id of ids) {
    if (!Number.isInteger(id) || id <= 0) throw new AppError('INVALID_ARGUMENT', `Not a portal lead ID: ${id}`)
    if (!records.exists(id)) continue
    // A queued delete has nothing left to do once the portal deleted the lead itself.
    const hasWork = statements.one(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM outbox WHERE lead_key = ?1 AND kind <> 'delete')
                   OR EXISTS (SELECT 1 FROM conflicts WHERE lead_key = ?1)`,
      id
    )
    if (hasWork) {
      result.kept.push(id)
    } else {
      records.remove(id)
      result.deleted.push(id)
    }
  }
  return result
}

function serverLeadKey(lead: ServerLead): LeadKey {
  const key = Number(lead?.ID)
  if (!Number.isInteger(key) || key <= 0) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `A server lead needs a positive integer ID, got ${JSON.stringify(lead?.ID)}.`
    )
  }
  return key
}
