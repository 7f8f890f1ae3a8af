import type { PortalClient } from '../portal-client'
import { contactCommands, contactsApi } from './contacts'
import { leadContactCommands, leadContactsApi } from './lead-contacts'
import { cardLayoutCommands, leadDetailsConfigurationApi } from './lead-details-configuration'
import { leadProductRowsApi, productRowCommands } from './lead-product-rows'
import { leadUserFieldsApi, userFieldCommands } from './lead-userfields'
import { leadCommands, leadsApi } from './leads'
import { portalInfoApi, portalInfoCommands } from './portal-info'
import { productCommands, productsApi } from './products'
import { statusCommands, statusesApi } from './statuses'
import { userCommands, usersApi } from './users'

/**
 * Every typed method as a command, grouped as portalApi groups them: to send several in one
 * batch (runCommands), each read by the same parse as when sent on its own.
 */
export const portalCommands = {
  leads: leadCommands,
  productRows: productRowCommands,
  leadContacts: leadContactCommands,
  userFields: userFieldCommands,
  cardLayouts: cardLayoutCommands,
  statuses: statusCommands,
  contacts: contactCommands,
  products: productCommands,
  users: userCommands,
  portal: portalInfoCommands
}

/** Every typed method the product uses, over one portal's client, grouped by area. */
export function portalApi(client: PortalClient) {
  return {
    leads: leadsApi(client),
    productRows: leadProductRowsApi(client),
    leadContacts: leadContactsApi(client),
    userFields: leadUserFieldsApi(client),
    cardLayouts: leadDetailsConfigurationApi(client),
    statuses: statusesApi(client),
    contacts: contactsApi(client),
    products: productsApi(client),
    users: usersApi(client),
    portal: portalInfoApi(client)
  }
}

export type PortalApi = ReturnType<typeof portalApi>

export * from './command'
export * from './contacts'
export * from './crm-values'
export * from './field-descriptors'
export * from './lead-contacts'
export * from './lead-details-configuration'
export * from './lead-product-rows'
export * from './lead-types'
export * from './lead-userfield-types'
export * from './lead-userfields'
export * from './leads'
export * from './portal-info'
export * from './products'
export * from './statuses'
export * from './users'
