import type { ApiHandlers, bulkChannels, leadChannels } from '../../contract'
import type { LeadsService } from '../leads/leads-service'

export type LeadHandlers = Pick<ApiHandlers, keyof typeof leadChannels | keyof typeof bulkChannels>

/** Reading the leads grid and changing leads locally (queued for the portal). */
export function createLeadApi(leads: LeadsService): LeadHandlers {
  return {
    'leads.fields': ({ portalId }) => leads.fields(portalId),
    'leads.query': ({ portalId, query }) => leads.query(portalId, query),
    'leads.facets': ({ portalId, query }) => leads.facets(portalId, query),
    'leads.edit': ({ portalId, key, patch }) => leads.edit(portalId, key, patch),
    'leads.create': ({ portalId, fields }) => leads.create(portalId, fields),
    'leads.delete': ({ portalId, key }) => leads.delete(portalId, key),
    'leads.undo': ({ portalId, key }) => leads.undo(portalId, key),
    'leads.setProductRows': ({ portalId, key, rows }) => leads.queue(portalId, key, 'productrows', { rows }),
    'leads.setContacts': ({ portalId, key, items }) => leads.queue(portalId, key, 'contacts', { items }),
    'leads.productRows': ({ portalId, key, refresh }) => leads.relation(portalId, key, 'productrows', refresh),
    'leads.contacts': ({ portalId, key, refresh }) => leads.relation(portalId, key, 'contacts', refresh),
    'leads.bulkEdit': ({ portalId, target, patch }) => leads.bulkEdit(portalId, target, patch),
    'leads.bulkDelete': ({ portalId, target }) => leads.bulkDelete(portalId, target),
    'leads.bulkUndo': ({ portalId, bulkId }) => leads.bulkUndo(portalId, bulkId),
    'leads.bulkStatus': ({ portalId, bulkId }) => leads.bulkStatus(portalId, bulkId)
  }
}
