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

/**
 * A lead's ops go in order, so every op behind a parked one (refused, or in conflict) waits for it:
 * for each op, the parked op of its lead it waits for; for each parked op, how many wait for it.
 */
function blockedOps(unsent: readonly OutboxOp[]): { blockedBy: Map<string, string>; waiting: Map<string, number> } {
  const parkedOfLead = new Map<number, string>()
  const blockedBy = new Map<string, string>()
  const waiting = new Map<string, number>()
  for (const op of unsent) {
    const parked = parkedOfLead.get(op.leadKey)
    if (parked) {
      blockedBy.set(op.opId, parked)
      waiting.set(parked, (waiting.get(parked) ?? 0) + 1)
    } else if (op.state === 'needs-attention') {
      parkedOfLead.set(op.leadKey, op.opId)
    }
  }
  return { blockedBy, waiting }
}

/**
 * The outbox as the renderer lists it: ops not done (in the order they go), each with its error or
 * the conflicts it waits on, and what holds whom: no parked op keeps later changes back unsaid.
 */
export function outboxEntries(ops: readonly OutboxOp[], conflicts: readonly Conflict[]): OutboxEntry[] {
  const unsent = ops.filter((op) => op.state !== 'done').sort((a, b) => a.seq - b.seq)
  const { blockedBy, waiting } = blockedOps(unsent)
  return unsent.map(({ opId, leadKey, kind, state, attempts, patch, lastError }) => {
    const waitingOn = conflicts.filter((conflict) => conflict.opId === opId)
    const reason = lastError
      ? { code: lastError.code, message: lastError.message }
      : waitingOn.length
        ? conflictReason(waitingOn)
        : undefined
    const blocker = blockedBy.get(opId)
    const behind = waiting.get(opId)
    return {
      opId,
      leadKey,
      kind,
      state,
      attempts,
      patch,
      lastError: reason,
      heldByConflict: waitingOn.length > 0,
      ...(blocker ? { blockedBy: blocker } : {}),
      ...(behind ? { waitingBehind: behind } : {})
    }
  })
}
