import { listPageCost } from '../limits/cost-model'
import { measureByCode } from '../state/measures'
import type { PortalState } from '../state/portal'
import { catalogProduct, type CatalogProduct } from '../state/product-records'
import { ListResult, methods, type CallContext } from './context'
import { requireCrmAccess } from './crm-permissions'
import type { FieldKind } from './list/filter'
import { arraySource, parseOrder, parseStart, runListQuery, type OrderedSchema } from './list/list-query'
import { arrayParam, mapParam } from './params'

/** crm.product.list: the catalog, read-only, for product pickers. */

const FIELDS = {
  ID: 'number',
  NAME: 'string',
  PRICE: 'number',
  CURRENCY_ID: 'exact',
  MEASURE: 'number',
  ACTIVE: 'string',
  SECTION_ID: 'number',
  DESCRIPTION: 'string'
} satisfies Record<string, FieldKind>

type ProductField = keyof typeof FIELDS

const PRODUCT_FIELDS = Object.keys(FIELDS) as ProductField[]
const isProductField = (field: string): field is ProductField => Object.hasOwn(FIELDS, field)

/** A product's columns as the API prints them: all strings (or null), PRICE with 2 decimals, MEASURE = the unit's catalog ID. */
function productValues(product: CatalogProduct): Record<ProductField, string | null> {
  const measure = measureByCode(product.measureCode)
  return {
    ID: String(product.id),
    NAME: product.name,
    PRICE: product.price.toFixed(2),
    CURRENCY_ID: product.currencyId,
    MEASURE: measure ? String(measure.id) : null,
    ACTIVE: product.active === false ? 'N' : 'Y',
    SECTION_ID: product.sectionId ? String(product.sectionId) : null,
    DESCRIPTION: product.description ?? null
  }
}

function productListSchema(portal: PortalState): OrderedSchema<CatalogProduct> {
  return {
    id: (product) => product.id,
    kind: (field) => (isProductField(field) ? FIELDS[field] : undefined),
    value: (product, field) => (isProductField(field) ? productValues(product)[field] : undefined),
    parseDate: () => undefined,
    now: () => portal.clock.now()
  }
}

/** `select`: empty or `*` → every column; unknown names are ignored; ID always. */
function selectedFields(select: unknown[]): ProductField[] {
  const names = new Set(select.map((item) => String(item).trim().toUpperCase()).filter(Boolean))
  const all = names.size === 0 || names.has('*')
  return PRODUCT_FIELDS.filter((field) => field === 'ID' || all || names.has(field))
}

function list(ctx: CallContext): ListResult {
  const { portal, caller, params } = ctx
  requireCrmAccess(caller.user)
  const select = arrayParam(params, 'select', [])
  const fields = selectedFields(Array.isArray(select) ? select : Object.values(select))
  const { offset, count } = parseStart(params.start)
  const page = runListQuery(
    arraySource([...portal.products.values()].map(catalogProduct), (product) => product.id),
    productListSchema(portal),
    { filter: mapParam(params, 'filter'), order: parseOrder(mapParam(params, 'order'), isProductField), offset, count }
  )
  ctx.meter.add(listPageCost(page.rows.length, fields.length, page.total))
  const items = page.rows.map((product) => {
    const values = productValues(product)
    return Object.fromEntries(fields.map((field) => [field, values[field]]))
  })
  return new ListResult(items, count ? page.total : 0, page.next)
}

export const productMethods = methods({
  'crm.product.list': { scope: 'crm', handler: list }
})
