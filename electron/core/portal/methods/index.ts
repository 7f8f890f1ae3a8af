import type { PortalClient } from '../portal-client'
import { contactsApi } from './contacts'
import { leadContactsApi } from './lead-contacts'
import { leadDetailsConfigurationApi } from './lead-details-configuration'
import { leadProductRowsApi } from './lead-product-rows'
import { leadUserFieldsApi } from './lead-userfields'
import { leadsApi } from './leads'
import { portalInfoApi } from './portal-info'
import { productsApi } from './products'
import { statusesApi } from './statuses'
import { usersApi } from './users'

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
export * from './request'
export * from './statuses'
export * from './users'
