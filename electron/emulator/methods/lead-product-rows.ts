import { coreError, crmError, restErrors } from '../errors'
import { COST } from '../limits/cost-model'
import { buildProductRows, leadProductRows, saveLeadProductRows } from '../state/lead-product-rows'
import type { PortalState, ProductRow } from '../state/portal'
import { catalogProduct } from '../state/product-records'
import { methods, type CallContext } from './context'
import { canAccessLead, requireCrmAccess } from './crm-permissions'
import { findParam, idParam, type Params } from './params'

/** crm.lead.productrows.set / get (docs/bitrix24-protocol.md §8.7, §8.8). */

const ID_INVALID = 'The parameter id is invalid or not defined.'

/** `rows`: missing means "no rows" (the set is cleared); anything but a list or map is an error. */
function rowsParam(params: Params): unknown[] {
  const rows = findParam(params, 'rows')
  if (rows === undefined || rows === null) return []
  if (typeof rows !== 'object') throw crmError('The parameter rows must be array.')
  return Array.isArray(rows) ? rows : Object.values(rows)
}

/** One row as productrows.get prints it: IDs as strings, numbers as numbers, PRICE_ACCOUNT as text. */
function rowToJson(portal: PortalState, row: ProductRow): Record<string, unknown> {
  const stored = row.productId > 0 ? portal.products.get(row.productId) : undefined
  const product = stored && catalogProduct(stored)
  return {
    ID: String(row.id),
    OWNER_ID: String(row.leadId),
    OWNER_TYPE: 'L',
    PRODUCT_ID: row.productId,
    PRODUCT_NAME: row.productName,
    ORIGINAL_PRODUCT_NAME: product?.name ?? null,
    PRODUCT_DESCRIPTION: product?.description ?? null,
    PRICE: row.price,
    PRICE_EXCLUSIVE: row.priceExclusive,
    PRICE_NETTO: row.priceNetto,
    PRICE_BRUTTO: row.priceBrutto,
    // In the account currency; the emulator's leads use one currency, so it is PRICE.
    PRICE_ACCOUNT: row.price.toFixed(8),
    QUANTITY: row.quantity,
    DISCOUNT_TYPE_ID: row.discountTypeId,
    DISCOUNT_RATE: row.discountRate,
    DISCOUNT_SUM: row.discountSum,
    TAX_RATE: row.taxRate,
    TAX_INCLUDED: row.taxIncluded ? 'Y' : 'N',
    // Always "Y": the portal saves REST rows as customized.
    CUSTOMIZED: 'Y',
    MEASURE_CODE: row.measureCode,
    MEASURE_NAME: row.measureName,
    SORT: row.sort,
    XML_ID: '',
    TYPE: row.type,
    STORE_ID: null,
    RESERVE_ID: null,
    DATE_RESERVE_END: null,
    RESERVE_QUANTITY: null
  }
}

function set(ctx: CallContext): boolean {
  const { portal, caller } = ctx
  requireCrmAccess(caller.user)
  const leadId = idParam(ctx.params, ID_INVALID)
  const inputs = rowsParam(ctx.params)
  if (!canAccessLead(portal, caller.user, leadId)) throw restErrors.accessDenied()
  if (!portal.leads.get(leadId)) throw crmError('Not found.')
  const built = buildProductRows(portal, leadId, inputs)
  // Row validation fails through the application exception: ERROR_CORE, text + "<br>".
  if (!built.ok) throw coreError(`${built.error}<br>`)
  ctx.meter.add(COST.write)
  if (saveLeadProductRows(portal, leadId, built.rows, caller.user.id))
    ctx.emit('ONCRMLEADUPDATE', { ID: String(leadId) })
  return true
}

/** No existence check: an unknown lead simply has no rows. */
function get(ctx: CallContext): Array<Record<string, unknown>> {
  const { portal, caller } = ctx
  requireCrmAccess(caller.user)
  const leadId = idParam(ctx.params, ID_INVALID)
  if (!canAccessLead(portal, caller.user, leadId)) throw restErrors.accessDenied()
  ctx.meter.add(COST.read)
  return leadProductRows(portal, leadId).map((row) => rowToJson(portal, row))
}

export const leadProductRowMethods = methods({
  'crm.lead.productrows.set': { scope: 'crm', handler: set },
  'crm.lead.productrows.get': { scope: 'crm', handler: get }
})
