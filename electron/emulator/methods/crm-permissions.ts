import { restErrors } from '../errors'
import type { PortalState } from '../state/portal'
import { canReadLead, type PortalUser } from '../state/users'

/**
 * The permission checks of the CRM methods, on the emulator's coarse model (state/users.ts):
 * 'all' sees and edits every lead and contact, 'own' only those assigned to the user, 'none'
 * has no CRM access at all.
 */

/** CCrmPerms::IsAccessEnabled, checked before anything else: `Access denied.` (code "", 400). */
export function requireCrmAccess(user: PortalUser): void {
  if (user.leadAccess === 'none') throw restErrors.accessDenied()
}

/**
 * Whether the user may read and change the lead. The portal checks permission before existence,
 * so a lead that does not exist is allowed only to users who may see every lead.
 */
export function canAccessLead(portal: PortalState, user: PortalUser, leadId: number): boolean {
  if (user.leadAccess === 'all') return true
  const lead = portal.leads.get(leadId)
  return lead !== undefined && canReadLead(user, Number(lead.values.ASSIGNED_BY_ID))
}

/** Contacts follow the same rule as leads (emulator choice: one permission level per user). */
export function canReadContact(user: PortalUser, assignedById: number): boolean {
  return canReadLead(user, assignedById)
}
