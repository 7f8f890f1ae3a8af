import type { ApiHandlers, leadCardChannels } from '../../contract'
import type { LayoutsService } from '../layouts/layouts-service'
import type { LeadCardService } from '../leads/lead-card-service'

export type LeadCardHandlers = Pick<ApiHandlers, keyof typeof leadCardChannels>

/** The lead card's channels: one line each, calling the services. */
export function createLeadCardApi(card: LeadCardService, layouts: LayoutsService): LeadCardHandlers {
  return {
    'leads.cardLayout': ({ portalId, key }) => layouts.cardLayout(portalId, key),
    'leads.card': ({ portalId, key }) => card.card(portalId, key),
    'leads.searchProducts': ({ portalId, text }) => card.searchProducts(portalId, text),
    'leads.searchContacts': ({ portalId, text }) => card.searchContacts(portalId, text),
    'leads.contactNames': ({ portalId, ids }) => card.contactNames(portalId, ids),
    'leads.history': ({ portalId, key }) => card.history(portalId, key)
  }
}
