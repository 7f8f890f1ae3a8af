import type { ContactBinding, PortalState } from './portal'

/** One wanted binding: the contact, and optionally where it sorts and whether it is primary. */
export interface ContactBindingInput {
  contactId: number
  sort?: number
  isPrimary?: boolean
}

/**
 * The portal's normal form of a binding set: contacts > 0, each once (first wins), ordered by the
 * requested SORT (unsorted items keep their place), exactly one primary (the first one flagged,
 * else the first), SORT renumbered 10, 20, … (emulator choice, UNCONFIRMED).
 */
export function normaliseContactBindings(inputs: readonly ContactBindingInput[]): ContactBinding[] {
  const unique = new Map<number, ContactBindingInput>()
  for (const input of inputs) {
    if (input.contactId > 0 && !unique.has(input.contactId)) unique.set(input.contactId, input)
  }
  const ordered = [...unique.values()]
    .map((input, index) => ({ input, key: input.sort ?? (index + 1) * 10, index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map(({ input }) => input)
  const primary = ordered.find((input) => input.isPrimary) ?? ordered[0]
  return ordered.map((input, index) => ({
    contactId: input.contactId,
    sort: (index + 1) * 10,
    isPrimary: input === primary
  }))
}

/** The lead's bindings as stored (ordered, one primary), as copies. */
export function leadContactBindings(portal: PortalState, leadId: number): ContactBinding[] {
  return (portal.contactBindings.get(leadId) ?? []).map((binding) => ({ ...binding }))
}

/**
 * Recomputes what a lead shows of its bindings: CONTACT_ID = the primary contact (null when none),
 * IS_RETURN_CUSTOMER = "Y" when COMPANY_ID > 0 or any contact is bound. Call it after COMPANY_ID
 * changes too. Does nothing for a lead that does not exist.
 */
export function refreshLeadContactFields(portal: PortalState, leadId: number): void {
  const lead = portal.leads.get(leadId)
  if (!lead) return
  const bindings = portal.contactBindings.get(leadId) ?? []
  const primary = bindings.find((binding) => binding.isPrimary)
  lead.values.CONTACT_ID = primary ? String(primary.contactId) : null
  const hasCompany = Number(lead.values.COMPANY_ID ?? 0) > 0
  lead.values.IS_RETURN_CUSTOMER = hasCompany || bindings.length > 0 ? 'Y' : 'N'
}

const sameBindings = (a: readonly ContactBinding[], b: readonly ContactBinding[]) =>
  a.length === b.length &&
  a.every(
    (binding, i) =>
      binding.contactId === b[i]!.contactId && binding.sort === b[i]!.sort && binding.isPrimary === b[i]!.isPrimary
  )

/**
 * Replaces the lead's contact bindings with `bindings` (normalised) and keeps the lead consistent
 * (CONTACT_ID, IS_RETURN_CUSTOMER). Used by crm.lead.contact.* and by crm.lead.add/update for
 * CONTACT_ID / CONTACT_IDS. It does not stamp DATE_MODIFY or emit events: the caller does, as part
 * of its own update. Returns whether the stored bindings changed.
 */
export function setLeadContacts(
  portal: PortalState,
  leadId: number,
  bindings: readonly ContactBindingInput[]
): boolean {
  const next = normaliseContactBindings(bindings)
  const changed = !sameBindings(portal.contactBindings.get(leadId) ?? [], next)
  if (next.length) portal.contactBindings.set(leadId, next)
  else portal.contactBindings.delete(leadId)
  refreshLeadContactFields(portal, leadId)
  return changed
}
