import type { LeadRecord } from './lead-store'
import type { PortalState } from './portal'

/** Stamps a lead as changed now by `userId` (DATE_MODIFY, MODIFY_BY_ID), as any lead update does. */
export function markLeadModified(portal: PortalState, lead: LeadRecord, userId: number): void {
  lead.values.DATE_MODIFY = portal.clock.iso()
  lead.values.MODIFY_BY_ID = String(userId)
}
