import type { LeadRow } from '../../contract'
import { isLeadRelationOp, type LeadKey, type OutboxOp } from '../domain/lead-types'
import { AppError } from '../errors'
import type { LeadStore } from '../store/lead-store'

/**
 * One lead as the grid and the card show it (local edits applied, with its sync state); undefined
 * when the grid does not show it (not held, or its delete is queued).
 */
export function shownLeadRow(store: LeadStore, key: LeadKey): LeadRow | undefined {
  const found = store.queryGrid({ filter: [{ field: 'ID', op: '=', value: key }], offset: 0, limit: 1 }).rows[0]
  return found && { key: found.key, values: found.values, syncState: found.syncState }
}

/** One lead as the grid and the card show it; NOT_FOUND when the grid does not show it. */
export function leadRow(store: LeadStore, key: LeadKey): LeadRow {
  const row = shownLeadRow(store, key)
  if (!row) throw new AppError('NOT_FOUND', `There is no lead ${key} in the local copy.`)
  return row
}

/**
 * The lead's last unsent change of its fields, when the portal refused it (parked; not a conflict).
 * Product rows and contacts queued after it touch none of its fields, so a correction can still
 * go into it: else the correction would wait behind it, and the refused change never go.
 */
export function refusedFieldOp(store: LeadStore, key: LeadKey): OutboxOp | undefined {
  const last = store
    .listOps(key)
    .filter((op) => op.state !== 'done' && !isLeadRelationOp(op))
    .at(-1)
  if (last?.state !== 'needs-attention' || (last.kind !== 'update' && last.kind !== 'create')) return undefined
  return store.listConflicts(key).some((conflict) => conflict.opId === last.opId) ? undefined : last
}
