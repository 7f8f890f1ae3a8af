import type { PortalClient } from '../portal-client'
import type { EntityId } from './crm-values'
import { normaliseDescriptors, type FieldDescriptor } from './field-descriptors'
import type {
  Lead,
  LeadAddParams,
  LeadChanges,
  LeadListItem,
  LeadListQuery,
  LeadUpdateParams,
  NewLead
} from './lead-types'
import { readPage, readResult, writeResult, type Page, type RequestOptions } from './request'

export interface LeadAddOptions extends RequestOptions {
  params?: LeadAddParams
}

export interface LeadUpdateOptions extends RequestOptions {
  params?: LeadUpdateParams
}

/** `crm.lead.*` (docs/bitrix24-protocol.md §8.1–8.6). */
export function leadsApi(client: PortalClient) {
  return {
    /** Creates a lead; the portal answers its ID as a number (unlike get/list, which print strings). */
    add: (fields: NewLead, options: LeadAddOptions = {}): Promise<number> =>
      writeResult(client, 'crm.lead.add', { fields, params: options.params }, options),

    /** Changes the given fields only; multifield values not mentioned are kept. */
    update: (id: EntityId, fields: LeadChanges, options: LeadUpdateOptions = {}): Promise<boolean> =>
      writeResult(client, 'crm.lead.update', { id, fields, params: options.params }, options),

    get: (id: EntityId, options?: RequestOptions): Promise<Lead> => readResult(client, 'crm.lead.get', { id }, options),

    /** One page of 50; without `select` every standard column (no user fields, no multifields). */
    list: (query: LeadListQuery = {}, options?: RequestOptions): Promise<Page<LeadListItem>> =>
      readPage(client, 'crm.lead.list', query, options),

    delete: (id: EntityId, options?: RequestOptions): Promise<boolean> =>
      writeResult(client, 'crm.lead.delete', { id }, options),

    /** Descriptors of the standard fields, multifields and user fields, by field code. */
    fields: async (options?: RequestOptions): Promise<Record<string, FieldDescriptor>> =>
      normaliseDescriptors(await readResult(client, 'crm.lead.fields', {}, options))
  }
}

export type LeadsApi = ReturnType<typeof leadsApi>
