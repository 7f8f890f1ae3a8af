import type { PortalClient } from '../portal-client'
import type { EntityId, YesNo } from './crm-values'
import { normaliseDescriptors, type StandardFieldDescriptor } from './field-descriptors'
import { readResult, writeResult, type RequestOptions } from './request'

/** A contact bound to a lead, as printed (docs/bitrix24-protocol.md §8.9): numbers here, not strings. */
export interface LeadContactBinding {
  CONTACT_ID: number
  SORT: number
  /** Reserved, always 0. */
  ROLE_ID: number
  /** Exactly one binding is primary; it is the lead's CONTACT_ID. */
  IS_PRIMARY: YesNo
}

export interface LeadContactBindingInput {
  CONTACT_ID: EntityId
  SORT?: number
  IS_PRIMARY?: YesNo
}

export type LeadContactField = 'SORT' | 'IS_PRIMARY' | 'CONTACT_ID'

/**
 * `crm.lead.contact.*`. Unlike the other lead methods, a permission failure here is HTTP 403
 * `ACCESS_DENIED` "Access denied!".
 */
export function leadContactsApi(client: PortalClient) {
  return {
    fields: async (options?: RequestOptions): Promise<Record<LeadContactField, StandardFieldDescriptor>> =>
      normaliseDescriptors(await readResult(client, 'crm.lead.contact.fields', {}, options)),

    /** Binds a contact; false when it was already bound. IS_PRIMARY 'Y' (or no primary yet) makes it primary. */
    add: (leadId: EntityId, binding: LeadContactBindingInput, options?: RequestOptions): Promise<boolean> =>
      writeResult(client, 'crm.lead.contact.add', { id: leadId, fields: binding }, options),

    /** Unbinds a contact; false when it was not bound. The first remaining one becomes primary. */
    delete: (leadId: EntityId, contactId: EntityId, options?: RequestOptions): Promise<boolean> =>
      writeResult(client, 'crm.lead.contact.delete', { id: leadId, fields: { CONTACT_ID: contactId } }, options),

    items: {
      /** The bindings; `[]` also for a lead that does not exist. */
      get: (leadId: EntityId, options?: RequestOptions): Promise<LeadContactBinding[]> =>
        readResult(client, 'crm.lead.contact.items.get', { id: leadId }, options),

      /** Replaces every binding; `[]` removes them all. */
      set: (leadId: EntityId, items: LeadContactBindingInput[], options?: RequestOptions): Promise<boolean> =>
        writeResult(client, 'crm.lead.contact.items.set', { id: leadId, items }, options),

      /** Removes every binding. */
      delete: (leadId: EntityId, options?: RequestOptions): Promise<boolean> =>
        writeResult(client, 'crm.lead.contact.items.delete', { id: leadId }, options)
    }
  }
}

export type LeadContactsApi = ReturnType<typeof leadContactsApi>
