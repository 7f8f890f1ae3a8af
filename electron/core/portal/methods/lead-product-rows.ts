import type { PortalClient } from '../portal-client'
import type { EntityId, YesNo } from './crm-values'
import { readCommand, runCommand, writeCommand, type RequestOptions } from './command'

/** 1 = monetary discount (DISCOUNT_SUM), 2 = percentage (DISCOUNT_RATE). */
export type DiscountType = 1 | 2

/**
 * A product row as `crm.lead.productrows.get` prints it (docs/bitrix24-protocol.md §8.8): note the mixed
 * types — IDs as strings, amounts as numbers, PRICE_ACCOUNT as a string.
 */
export interface ProductRow {
  ID: string
  OWNER_ID: string
  OWNER_TYPE: 'L'
  /** 0 for a free-text row. */
  PRODUCT_ID: number
  PRODUCT_NAME: string
  ORIGINAL_PRODUCT_NAME: string | null
  PRODUCT_DESCRIPTION: string | null
  /** Final unit price: after the discount, with tax. */
  PRICE: number
  PRICE_EXCLUSIVE: number
  PRICE_NETTO: number
  PRICE_BRUTTO: number
  PRICE_ACCOUNT: string
  QUANTITY: number
  DISCOUNT_TYPE_ID: DiscountType
  DISCOUNT_RATE: number
  DISCOUNT_SUM: number
  TAX_RATE: number | null
  TAX_INCLUDED: YesNo
  CUSTOMIZED: YesNo
  MEASURE_CODE: number
  MEASURE_NAME: string
  SORT: number
  XML_ID: string
  /** 1 simple product, 4 variation, 7 service. */
  TYPE: number
  /** Store and reserve fields exist on newer portals only. */
  STORE_ID?: number | null
  RESERVE_ID?: number | null
  DATE_RESERVE_END?: string | null
  RESERVE_QUANTITY?: number | null
}

/** A row to store (§8.7); the portal derives the prices left out. */
export interface ProductRowInput {
  PRODUCT_ID?: EntityId
  PRODUCT_NAME?: string
  PRICE?: number
  PRICE_EXCLUSIVE?: number
  PRICE_NETTO?: number
  PRICE_BRUTTO?: number
  QUANTITY?: number
  DISCOUNT_TYPE_ID?: DiscountType
  DISCOUNT_RATE?: number
  DISCOUNT_SUM?: number
  TAX_RATE?: number | null
  TAX_INCLUDED?: YesNo
  MEASURE_CODE?: number
  MEASURE_NAME?: string
  SORT?: number
}

/** `crm.lead.productrows.*`. */
export const productRowCommands = {
  /** Replaces every row of the lead (row IDs change); `[]` removes them all. */
  set: (leadId: EntityId, rows: ProductRowInput[]) =>
    writeCommand<boolean>('crm.lead.productrows.set', { id: leadId, rows }),

  /** The rows; `[]` also for a lead that does not exist (the portal does not check). */
  get: (leadId: EntityId) => readCommand<ProductRow[]>('crm.lead.productrows.get', { id: leadId })
}

/** The product-row commands, each sent on its own. */
export function leadProductRowsApi(client: PortalClient) {
  return {
    set: (leadId: EntityId, rows: ProductRowInput[], options?: RequestOptions): Promise<boolean> =>
      runCommand(client, productRowCommands.set(leadId, rows), options),

    get: (leadId: EntityId, options?: RequestOptions): Promise<ProductRow[]> =>
      runCommand(client, productRowCommands.get(leadId), options)
  }
}

export type LeadProductRowsApi = ReturnType<typeof leadProductRowsApi>
