import type { OutboxEntry } from '../../contract'
import type { Conflict, OutboxOp } from '../domain/lead-types'

/** Why an op waits when the portal said nothing against it: fields changed on the portal too. */
function conflictReason(conflicts: readonly Conflict[]): OutboxEntry['lastError'] {
  const fields = [...new Set(conflicts.flatMap((conflict) => (conflict.field ? [conflict.field] : [])))]
  return {
    code: 'CONFLICT',
    message: `Changed on the portal too: ${fields.join(', ')}. Choose which value to keep.`
  }
}

/** The outbox as the renderer lists it: ops not done, each with its error or the conflicts it waits on. */
export function outboxEntries(ops: readonly OutboxOp[], conflicts: readonly Conflict[]): OutboxEntry[] {
  return ops
    .filter((op) => op.state !== 'done')
    .map(({ opId, leadKey, kind, state, attempts, patch, lastError }) => {
      const waitingOn = conflicts.filter((conflict) => conflict.opId === opId)
      const reason = lastError
        ? { code: lastError.code, message: lastError.message }
        : waitingOn.length
          ? conflictReason(waitingOn)
          : undefined
      return { opId, leadKey, kind, state, attempts, patch, lastError: reason, heldByConflict: waitingOn.length > 0 }
    })
}
