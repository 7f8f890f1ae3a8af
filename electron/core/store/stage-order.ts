import type { DatabaseSync } from 'node:sqlite'
import type { StageOrder } from './effective-lead'

/**
 * Stages sort by their SORT in the portal's stage list, not by name. The list is the
 * crm.status.list result kept in meta; only items with ENTITY_ID "STATUS" are lead stages.
 */
export function stageOrderFrom(statuses: unknown): StageOrder {
  const order = new Map<string, number>()
  if (!Array.isArray(statuses)) return order
  for (const item of statuses as unknown[]) {
    if (!item || typeof item !== 'object') continue
    const { ENTITY_ID: entityId, STATUS_ID: statusId, SORT: sort } = item as Record<string, unknown>
    const sortNumber = Number(sort)
    if (entityId === 'STATUS' && typeof statusId === 'string' && Number.isFinite(sortNumber)) {
      order.set(statusId, sortNumber)
    }
  }
  return order
}

/** Recomputes every lead's stage position (after the stage list changed). */
export function writeStageOrder(db: DatabaseSync, stages: StageOrder): void {
  db.prepare('UPDATE leads SET status_sort = (SELECT value FROM json_each(?) WHERE key = leads.status_id)').run(
    JSON.stringify(Object.fromEntries(stages))
  )
}
