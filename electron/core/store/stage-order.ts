import type { DatabaseSync } from 'node:sqlite'
import type { CrmStatus } from '../portal/methods/statuses'
import type { StageOrder } from './effective-lead'

/**
 * Stages sort by their SORT in the portal's stage list, not by name. The list is the
 * portal's statuses in the store's metadata; only items with ENTITY_ID "STATUS" are lead stages.
 */
export function stageOrderFrom(statuses: readonly Pick<CrmStatus, 'ENTITY_ID' | 'STATUS_ID' | 'SORT'>[]): StageOrder {
  const order = new Map<string, number>()
  for (const { ENTITY_ID: entityId, STATUS_ID: statusId, SORT: sort } of statuses) {
    const sortNumber = Number(sort)
    if (entityId === 'STATUS' && Number.isFinite(sortNumber)) order.set(statusId, sortNumber)
  }
  return order
}

/** Recomputes every lead's stage position (after the stage list changed). */
export function writeStageOrder(db: DatabaseSync, stages: StageOrder): void {
  db.prepare('UPDATE leads SET status_sort = (SELECT value FROM json_each(?) WHERE key = leads.status_id)').run(
    JSON.stringify(Object.fromEntries(stages))
  )
}
