import { defaultMeasure, measureByCode } from './measures'
import type { PortalState, ProductRecord } from './portal'

/** Catalog details beyond what product rows need; kept on the same record (all optional). */
export interface CatalogProduct extends ProductRecord {
  description?: string | null
  active?: boolean
  sectionId?: number | null
}

/** What a catalog product is made from; everything but the name has a default. */
export interface NewProduct {
  name: string
  price?: number
  currencyId?: string
  measureCode?: number
  /** Product type of product rows: 1 simple product, 4 variation, 7 service. */
  type?: number
  description?: string | null
  active?: boolean
  sectionId?: number | null
}

/**
 * Adds a product to the portal's catalog (for the seed generator and tests; the REST API of the
 * emulator only lists products). IDs come from the `product` sequence.
 */
export function createProductRecord(portal: PortalState, fields: NewProduct): CatalogProduct {
  const fallback = defaultMeasure(portal.settings.lang)
  const measure = fields.measureCode === undefined ? undefined : measureByCode(fields.measureCode)
  const product: CatalogProduct = {
    id: portal.nextId('product'),
    name: fields.name,
    price: fields.price ?? 0,
    currencyId: fields.currencyId ?? portal.settings.baseCurrency,
    measureCode: measure?.code ?? fallback.code,
    measureName: measure?.symbol[portal.settings.lang] ?? fallback.name,
    type: fields.type ?? 1,
    description: fields.description ?? null,
    active: fields.active ?? true,
    sectionId: fields.sectionId ?? null
  }
  portal.products.set(product.id, product)
  return product
}

/** A stored product with its optional catalog details (records restored from old snapshots lack them). */
export const catalogProduct = (product: ProductRecord): CatalogProduct => product
