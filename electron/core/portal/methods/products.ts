import type { PortalClient } from '../portal-client'
import type { CrmText, ListQuery, YesNo } from './crm-values'
import { readCommand, runPageCommand, type Page, type RequestOptions } from './command'
import { asList } from './normalise'

/** A catalog product as `crm.product.list` prints it: scalars as strings (PRICE `"1500.00"`). */
export interface CatalogProduct {
  ID: string
  NAME: string
  PRICE: CrmText
  CURRENCY_ID: CrmText
  /** The unit's catalog ID (not its code). */
  MEASURE: CrmText
  ACTIVE: YesNo
  SECTION_ID: CrmText
  DESCRIPTION: CrmText
  /** Portals print more columns (XML_ID, VAT_ID, PROPERTY_*, ...). */
  [otherField: string]: unknown
}

export type CatalogProductListItem = Pick<CatalogProduct, 'ID'> & Partial<CatalogProduct>

export type ProductListQuery = ListQuery<string, string>

/** `crm.product.list`, for the product picker of product rows. */
export const productCommands = {
  list: (query: ProductListQuery = {}) => readCommand('crm.product.list', query, asList<CatalogProductListItem>)
}

/** The product commands, each sent on its own. */
export function productsApi(client: PortalClient) {
  return {
    list: (query: ProductListQuery = {}, options?: RequestOptions): Promise<Page<CatalogProductListItem>> =>
      runPageCommand(client, productCommands.list(query), options)
  }
}

export type ProductsApi = ReturnType<typeof productsApi>
