import { phpInt } from '../methods/params'
import { markLeadModified } from './lead-modification'
import { defaultMeasure } from './measures'
import type { PortalState, ProductRow } from './portal'
import { computeRowPrices, rowsTotal, type RowPrices } from './product-row-math'

/** A product of the catalog is a "simple product" unless the catalog says otherwise. */
const TYPE_PRODUCT = 1

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value))

/** Name, type and unit of a row: the catalog product's unless the row gives its own. */
function describeRow(portal: PortalState, input: Record<string, unknown>, rowId: number) {
  const productId = phpInt(input.PRODUCT_ID)
  const product = productId > 0 ? portal.products.get(productId) : undefined
  const givenName = text(input.PRODUCT_NAME)
  // Docs: no product and no name → "[{row ID}]"; a product the catalog lacks → "[{product ID}]".
  const productName = givenName || product?.name || `[${productId > 0 ? productId : rowId}]`
  let measureCode = phpInt(input.MEASURE_CODE)
  let measureName = text(input.MEASURE_NAME)
  if (measureCode <= 0 && productId > 0) {
    const measure = product
      ? { code: product.measureCode, name: product.measureName }
      : defaultMeasure(portal.settings.lang)
    measureCode = measure.code
    measureName = measure.name
  }
  // A free-text row without a unit keeps 0 / "" as on the portal.
  if (measureCode <= 0) measureCode = 0
  return { productId, productName, measureCode, measureName, type: product?.type ?? TYPE_PRODUCT }
}

export type BuildRowsResult = { ok: true; rows: ProductRow[] } | { ok: false; error: string }

/**
 * Turns `crm.lead.productrows.set` input rows into stored rows: validates every row first (one bad
 * row rejects the whole set and uses up no IDs), then gives each a new ID from `productRow`.
 * OWNER_ID, OWNER_TYPE and ID of the input are ignored; non-object items are skipped.
 */
export function buildProductRows(portal: PortalState, leadId: number, inputs: unknown[]): BuildRowsResult {
  const valid: Array<{ input: Record<string, unknown>; prices: RowPrices }> = []
  for (const input of inputs) {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) continue
    const row = input as Record<string, unknown>
    const priced = computeRowPrices(row)
    if (!priced.ok) return priced
    valid.push({ input: row, prices: priced.prices })
  }
  const rows = valid.map(({ input, prices }): ProductRow => {
    const id = portal.nextId('productRow')
    return { id, leadId, ...describeRow(portal, input, id), ...prices, sort: phpInt(input.SORT) }
  })
  return { ok: true, rows }
}

/** A lead's rows in the order the portal lists them: SORT, then ID. */
export function leadProductRows(portal: PortalState, leadId: number): ProductRow[] {
  return [...(portal.productRows.get(leadId) ?? [])].sort((a, b) => a.sort - b.sort || a.id - b.id)
}

/**
 * Replaces a lead's rows and synchronises the lead: OPPORTUNITY = Σ PRICE × QUANTITY unless the
 * amount is manual (IS_MANUAL_OPPORTUNITY = "Y", emulator choice, UNCONFIRMED), DATE_MODIFY and
 * MODIFY_BY_ID. Like the portal, it skips the sync when the lead had no rows and still has none.
 * Returns whether the lead was updated (and so an ONCRMLEADUPDATE is due).
 */
export function saveLeadProductRows(portal: PortalState, leadId: number, rows: ProductRow[], userId: number): boolean {
  const hadRows = (portal.productRows.get(leadId)?.length ?? 0) > 0
  if (rows.length) portal.productRows.set(leadId, rows)
  else portal.productRows.delete(leadId)
  const lead = portal.leads.get(leadId)
  if (!lead || (!hadRows && !rows.length)) return false
  if (lead.values.IS_MANUAL_OPPORTUNITY !== 'Y') lead.values.OPPORTUNITY = rowsTotal(rows)
  markLeadModified(portal, lead, userId)
  return true
}
