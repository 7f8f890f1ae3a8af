import type { CardSection } from '../portal/methods/lead-details-configuration'
import type { FieldDescriptor } from '../portal/methods/field-descriptors'
import type { LeadUserFieldInLanguage } from '../portal/methods/lead-userfield-types'
import type { CrmStatus } from '../portal/methods/statuses'
import type { PortalUser } from '../portal/methods/users'

/** The lead card's stored layouts: the common one and the app user's own (null when none is stored). */
export interface CardLayouts {
  common: CardSection[] | null
  personal: CardSection[] | null
}

/**
 * What the app knows about a portal besides its leads — one model for every service: read from the
 * portal by the typed methods, checked once (metadata-checks.ts) and kept in the portal's store.
 * A part is undefined until it was first read (the portal may refuse one, say users to a webhook
 * without the user scope): "not known" is never mistaken for "none".
 */
export interface PortalMetadata {
  /** crm.lead.fields: every lead field's descriptor, by field code (userfields too, labels in the caller's language). */
  fields: Record<string, FieldDescriptor> | undefined
  /** crm.lead.userfield.list (labels in English): every userfield with its settings and items. */
  userFields: LeadUserFieldInLanguage[] | undefined
  /** The same list read with LANG ru: the userfields' Russian labels for the Russian UI. */
  userFieldsRu: LeadUserFieldInLanguage[] | undefined
  /** crm.status.list: stages (ENTITY_ID STATUS), sources, salutations, in the portal's order. */
  statuses: CrmStatus[] | undefined
  /** Every portal user (user.get), inactive ones too. */
  users: PortalUser[] | undefined
  /** crm.lead.details.configuration.get: the card of normal leads (extras.leadCustomerType 1). */
  layouts: CardLayouts | undefined
  /** The same for repeat leads (IS_RETURN_CUSTOMER = Y; extras.leadCustomerType 2), which have their own. */
  repeatLayouts: CardLayouts | undefined
}

export type MetadataPart = keyof PortalMetadata

export const METADATA_PARTS = [
  'fields',
  'userFields',
  'userFieldsRu',
  'statuses',
  'users',
  'layouts',
  'repeatLayouts'
] as const satisfies readonly MetadataPart[]

/** What a portal that was never read has. */
export function emptyMetadata(): PortalMetadata {
  return {
    fields: undefined,
    userFields: undefined,
    userFieldsRu: undefined,
    statuses: undefined,
    users: undefined,
    layouts: undefined,
    repeatLayouts: undefined
  }
}
