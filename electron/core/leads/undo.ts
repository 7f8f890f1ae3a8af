import type { LeadKey } from '../domain/lead-types'
import { compensatingUpdate, type PendingEdit } from '../domain/patch-ops'
import { AppError } from '../errors'
import type { LeadStore } from '../store/lead-store'
import { lastSentKey } from '../sync/push'

/**
 * Takes back the last change of a lead — the one place undo is decided:
 * - a change still in the outbox is withdrawn: dropped if it never reached the portal, else undone
 *   there (the store's `withdrawOp`); refused while it is being sent;
 * - once every change is sent, the last sent edit is undone by a compensating update (each field
 *   back to the value it had before), queued like any edit, so a change made on the portal since
 *   then shows up as a conflict instead of being overwritten.
 */
export function undoLastChange(store: LeadStore, key: LeadKey): void {
  const unsent = store
    .listOps(key)
    .filter((op) => op.state !== 'done')
    .at(-1)
  if (unsent) store.withdrawOp(unsent.opId)
  else undoSentEdit(store, key)
}

function undoSentEdit(store: LeadStore, key: LeadKey): void {
  const sent = store.getCursor<PendingEdit>(lastSentKey(key))
  const lead = store.getLead(key)
  const compensation = sent && lead ? compensatingUpdate(sent, lead.server ?? undefined).edit : null
  if (!compensation) throw new AppError('NOT_FOUND', 'This lead has no change to undo.')
  store.atomically(() => {
    store.applyLocalEdit(key, compensation.patch, compensation.base)
    store.setCursor(lastSentKey(key), undefined)
  })
}
