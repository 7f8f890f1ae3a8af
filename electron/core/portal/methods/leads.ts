import type { PortalClient } from '../portal-client'
import { runCommand, runPageCommand, readCommand, writeCommand, type Page, type RequestOptions } from './command'
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
import { listedRows } from '../list-page'

/** The lead list method: also what the keyset and ID readers page through. */
export const LEAD_LIST_METHOD = 'crm.lead.list'

export interface LeadAddOptions extends RequestOptions {
  params?: LeadAddParams
}

export interface LeadUpdateOptions extends RequestOptions {
  params?: LeadUpdateParams
}

/** `crm.lead.*` (docs/bitrix24-protocol.md §8.1–8.6). */
export const leadCommands = {
  /** Creates a lead; the portal answers its ID as a number (unlike get/list, which print strings). */
  add: (fields: NewLead, params?: LeadAddParams) => writeCommand<number>('crm.lead.add', { fields, params }),

  /** Changes the given fields only; multifield values not mentioned are kept. */
  update: (id: EntityId, fields: LeadChanges, params?: LeadUpdateParams) =>
    writeCommand<boolean>('crm.lead.update', { id, fields, params }),

  get: (id: EntityId) => readCommand<Lead>('crm.lead.get', { id }),

  /**
   * One page of 50; without `select` every standard column (no user fields, no multifields). A
   * result that is not a list fails: read as "no leads", it would look like leads deleted.
   */
  list: (query: LeadListQuery = {}) =>
    readCommand(LEAD_LIST_METHOD, query, (raw) => listedRows<LeadListItem>(LEAD_LIST_METHOD, raw)),

  delete: (id: EntityId) => writeCommand<boolean>('crm.lead.delete', { id }),

  /** Descriptors of the standard fields, multifields and user fields, by field code. */
  fields: () => readCommand('crm.lead.fields', {}, normaliseDescriptors<FieldDescriptor>)
}

/** The lead commands, each sent on its own. */
export function leadsApi(client: PortalClient) {
  return {
    add: (fields: NewLead, options: LeadAddOptions = {}): Promise<number> =>
      runCommand(client, leadCommands.add(fields, options.params), options),

    update: (id: EntityId, fields: LeadChanges, options: LeadUpdateOptions = {}): Promise<boolean> =>
      runCommand(client, leadCommands.update(id, fields, options.params), options),

    get: (id: EntityId, options?: RequestOptions): Promise<Lead> => runCommand(client, leadCommands.get(id), options),

    list: (query: LeadListQuery = {}, options?: RequestOptions): Promise<Page<LeadListItem>> =>
      runPageCommand(client, leadCommands.list(query), options),

    delete: (id: EntityId, options?: RequestOptions): Promise<boolean> =>
      runCommand(client, leadCommands.delete(id), options),

    fields: (options?: RequestOptions): Promise<Record<string, FieldDescriptor>> =>
      runCommand(client, leadCommands.fields(), options)
  }
}

export type LeadsApi = ReturnType<typeof leadsApi>
