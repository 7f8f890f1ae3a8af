import type { PortalClient } from '../portal-client'
import { readCommand, runCommand, writeCommand, type RequestOptions } from './command'
import type { EntityId, YesNo } from './crm-values'
import { normaliseDescriptors, type StandardFieldDescriptor } from './field-descriptors'

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
export const leadContactCommands = {
  fields: () =>
    readCommand<Record<LeadContactField, StandardFieldDescriptor>>('crm.lead.contact.fields', {}, normaliseDescriptors),

  /** Binds a contact; false when it was already bound. IS_PRIMARY 'Y' (or no primary yet) makes it primary. */
  add: (leadId: EntityId, binding: LeadContactBindingInput) =>
    writeCommand<boolean>('crm.lead.contact.add', { id: leadId, fields: binding }),

  /** Unbinds a contact; false when it was not bound. The first remaining one becomes primary. */
  delete: (leadId: EntityId, contactId: EntityId) =>
    writeCommand<boolean>('crm.lead.contact.delete', { id: leadId, fields: { CONTACT_ID: contactId } }),

  items: {
    /** The bindings; `[]` also for a lead that does not exist. */
    get: (leadId: EntityId) => readCommand<LeadContactBinding[]>('crm.lead.contact.items.get', { id: leadId }),

    /** Replaces every binding; `[]` removes them all. */
    set: (leadId: EntityId, items: LeadContactBindingInput[]) =>
      writeCommand<boolean>('crm.lead.contact.items.set', { id: leadId, items }),

    /** Removes every binding. */
    delete: (leadId: EntityId) => writeCommand<boolean>('crm.lead.contact.items.delete', { id: leadId })
  }
}

/** The lead-contact commands, each sent on its own. */
export function leadContactsApi(client: PortalClient) {
  return {
    fields: (options?: RequestOptions): Promise<Record<LeadContactField, StandardFieldDescriptor>> =>
      runCommand(client, leadContactCommands.fields(), options),

    add: (leadId: EntityId, binding: LeadContactBindingInput, options?: RequestOptions): Promise<boolean> =>
      runCommand(client, leadContactCommands.add(leadId, binding), options),

    delete: (leadId: EntityId, contactId: EntityId, options?: RequestOptions): Promise<boolean> =>
      runCommand(client, leadContactCommands.delete(leadId, contactId), options),

    items: {
      get: (leadId: EntityId, options?: RequestOptions): Promise<LeadContactBinding[]> =>
        runCommand(client, leadContactCommands.items.get(leadId), options),

      set: (leadId: EntityId, items: LeadContactBindingInput[], options?: RequestOptions): Promise<boolean> =>
        runCommand(client, leadContactCommands.items.set(leadId, items), options),

      delete: (leadId: EntityId, options?: RequestOptions): Promise<boolean> =>
        runCommand(client, leadContactCommands.items.delete(leadId), options)
    }
  }
}

export type LeadContactsApi = ReturnType<typeof leadContactsApi>
