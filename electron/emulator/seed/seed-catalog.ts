import { setLeadContacts } from '../state/lead-contact-bindings'
import type { LeadRecord } from '../state/lead-store'
import { buildProductRows } from '../state/lead-product-rows'
import { rowsTotal } from '../state/product-row-math'
import type { PortalState } from '../state/portal'
import { createContactRecord } from '../state/contact-records'
import { createProductRecord } from '../state/product-records'
import { pick, type Random } from './random'
import type { ValuePools } from './pools'

/** Products for product rows and pickers, and contacts for bindings. */
export function seedCatalog(portal: PortalState, pools: ValuePools, random: Random, contactCount: number): void {
  for (const product of pools.products)
    createProductRecord(portal, { name: product.name, price: product.price, measureCode: 796 })
  for (let i = 0; i < contactCount; i++) {
    const female = random() < 0.5
    createContactRecord(
      portal,
      {
        NAME: pick(random, female ? pools.femaleFirst : pools.maleFirst),
        LAST_NAME: pick(random, female ? pools.femaleLast : pools.maleLast),
        POST: random() < 0.5 ? pick(random, pools.positions) : null,
        TYPE_ID: 'CLIENT',
        SOURCE_ID: 'CALL'
      },
      { userId: 1 }
    )
  }
}

/** Some leads get product rows (and an amount that matches them) or a bound contact. */
export function seedLeadExtras(portal: PortalState, lead: LeadRecord, random: Random): void {
  if (random() < 0.1 && portal.products.size) {
    const products = [...portal.products.values()]
    const inputs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const product = pick(random, products)
      return { PRODUCT_ID: product.id, PRICE: product.price, QUANTITY: 1 + Math.floor(random() * 5) }
    })
    const built = buildProductRows(portal, lead.id, inputs)
    if (built.ok) {
      // Seeded leads are not "modified" by this: the rows come with the lead.
      portal.productRows.set(lead.id, built.rows)
      lead.values.OPPORTUNITY = rowsTotal(built.rows)
    }
  }
  if (random() < 0.05 && portal.contacts.size) {
    setLeadContacts(portal, lead.id, [{ contactId: 1 + Math.floor(random() * portal.contacts.size) }])
  }
}
