import type { LeadRecord } from '../state/lead-store'
import type { PortalState, ProductRow } from '../state/portal'
import { pick, type Random } from './random'
import type { ValuePools } from './pools'

/** Products for product rows and pickers, and contacts for bindings. */
export function seedCatalog(portal: PortalState, pools: ValuePools, random: Random, contactCount: number): void {
  const currency = portal.settings.baseCurrency
  for (const product of pools.products) {
    const id = portal.nextId('product')
    portal.products.set(id, { id, name: product.name, price: product.price, currencyId: currency, measureCode: 796, measureName: portal.settings.lang === 'ru' ? 'шт' : 'pcs', type: 1 })
  }
  const now = portal.clock.iso()
  for (let i = 0; i < contactCount; i++) {
    const id = portal.nextId('contact')
    const female = random() < 0.5
    portal.contacts.set(id, {
      id,
      values: {
        ID: String(id),
        NAME: pick(random, female ? pools.femaleFirst : pools.maleFirst),
        LAST_NAME: pick(random, female ? pools.femaleLast : pools.maleLast),
        SECOND_NAME: null,
        POST: random() < 0.5 ? pick(random, pools.positions) : null,
        COMPANY_ID: null,
        ASSIGNED_BY_ID: '1',
        CREATED_BY_ID: '1',
        DATE_CREATE: now,
        DATE_MODIFY: now,
        OPENED: 'Y',
        TYPE_ID: 'CLIENT',
        SOURCE_ID: 'CALL',
        COMMENTS: null,
        HONORIFIC: null,
        BIRTHDATE: ''
      },
      multi: []
    })
  }
}

/** Some leads get product rows (and an amount that matches them) or a bound contact. */
export function seedLeadExtras(portal: PortalState, lead: LeadRecord, random: Random): void {
  if (random() < 0.1 && portal.products.size) {
    const products = [...portal.products.values()]
    const rows: ProductRow[] = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, index) => {
      const product = pick(random, products)
      const quantity = 1 + Math.floor(random() * 5)
      return {
        id: portal.nextId('productRow'),
        leadId: lead.id,
        productId: product.id,
        productName: product.name,
        price: product.price,
        priceExclusive: product.price,
        priceNetto: product.price,
        priceBrutto: product.price,
        quantity,
        discountTypeId: 2,
        discountRate: 0,
        discountSum: 0,
        taxRate: null,
        taxIncluded: false,
        measureCode: product.measureCode,
        measureName: product.measureName,
        sort: (index + 1) * 10,
        type: product.type
      }
    })
    portal.productRows.set(lead.id, rows)
    lead.values.OPPORTUNITY = rows.reduce((sum, row) => sum + row.price * row.quantity, 0).toFixed(2)
  }
  if (random() < 0.05 && portal.contacts.size) {
    const contactId = 1 + Math.floor(random() * portal.contacts.size)
    portal.contactBindings.set(lead.id, [{ contactId, sort: 10, isPrimary: true }])
    lead.values.CONTACT_ID = String(contactId)
    lead.values.IS_RETURN_CUSTOMER = 'Y'
  }
}
