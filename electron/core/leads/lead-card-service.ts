import type { ContactChoice, LeadCardData, LeadHistoryEntry, PortalSearch, ProductChoice } from '../../contract'
import type { LeadKey } from '../domain/lead-types'
import {
  portalCommands,
  runCommand,
  runCommands,
  type CatalogProductListItem,
  type ContactListItem
} from '../portal/methods'
import type { PortalClient } from '../portal/portal-client'
import { explainPortalFailure } from '../portal/portal-failure'
import type { PortalWorkspaces } from '../workspaces/portal-workspaces'
import { leadRow, refusedFieldOp } from './lead-row'
import { isUnreachable } from './lead-relations'
import { leadStages } from './lead-stages'

/** The columns a contact choice shows. */
const CONTACT_SELECT = ['ID', 'NAME', 'SECOND_NAME', 'LAST_NAME', 'PHONE', 'EMAIL'] as const

function contactChoice(contact: ContactListItem): ContactChoice {
  const name = [contact.NAME, contact.SECOND_NAME, contact.LAST_NAME].filter(Boolean).join(' ')
  const choice: ContactChoice = { id: Number(contact.ID), name: name || `#${contact.ID}` }
  const phone = contact.PHONE?.[0]?.VALUE
  const email = contact.EMAIL?.[0]?.VALUE
  if (phone) choice.phone = phone
  if (email) choice.email = email
  return choice
}

function productChoice(product: CatalogProductListItem): ProductChoice {
  const price = Number(product.PRICE)
  return {
    id: Number(product.ID),
    name: String(product.NAME ?? `#${product.ID}`),
    price: Number.isFinite(price) ? price : 0,
    currency: typeof product.CURRENCY_ID === 'string' && product.CURRENCY_ID ? product.CURRENCY_ID : null
  }
}

/**
 * What the lead card needs besides its layout: the lead with what is not sent yet, and searches of
 * the portal's products and contacts for the pickers. Searches need the portal: when it cannot be
 * reached they say so (`offline`) instead of failing.
 */
export class LeadCardService {
  constructor(private readonly workspaces: PortalWorkspaces) {}

  async card(portalId: string, key: LeadKey): Promise<LeadCardData> {
    const { store } = await this.workspaces.open(portalId)
    const row = leadRow(store, key)
    const lead = store.getLead(key)
    const data: LeadCardData = {
      row,
      stages: leadStages(store.metadata().statuses),
      unsentFields: Object.keys(lead?.local ?? {})
    }
    const refused = refusedFieldOp(store, key)
    if (refused && (refused.kind === 'update' || refused.kind === 'create')) {
      data.refused = {
        fields: Object.keys(refused.patch),
        message: refused.lastError?.message ?? 'The portal refused this change.'
      }
    }
    return data
  }

  async searchProducts(portalId: string, text: string): Promise<PortalSearch<ProductChoice>> {
    const command = portalCommands.products.list({
      filter: { '%NAME': text, ACTIVE: 'Y' },
      select: ['ID', 'NAME', 'PRICE', 'CURRENCY_ID'],
      order: { NAME: 'ASC' }
    })
    return this.online(portalId, async (client) => (await runCommand(client, command)).map(productChoice))
  }

  /** The portal filters by one condition at a time: name, last name, phone and e-mail go in one batch. */
  async searchContacts(portalId: string, text: string): Promise<PortalSearch<ContactChoice>> {
    const { contacts } = portalCommands
    const search = (filter: Record<string, string>) =>
      contacts.list({ filter, select: [...CONTACT_SELECT], order: { LAST_NAME: 'ASC' } })
    return this.online(portalId, async (client) => {
      const { outcomes } = await runCommands(client, {
        name: search({ '%NAME': text }),
        lastName: search({ '%LAST_NAME': text }),
        phone: search({ PHONE: text }),
        email: search({ EMAIL: text })
      })
      const found = new Map<number, ContactChoice>()
      for (const outcome of Object.values(outcomes)) {
        if (!outcome.ok) throw outcome.error
        for (const contact of outcome.value) found.set(Number(contact.ID), contactChoice(contact))
      }
      return [...found.values()]
    })
  }

  async contactNames(portalId: string, ids: number[]): Promise<PortalSearch<ContactChoice>> {
    if (ids.length === 0) return { items: [], offline: false }
    const command = portalCommands.contacts.list({ filter: { '@ID': ids }, select: [...CONTACT_SELECT] })
    return this.online(portalId, async (client) => {
      const items: ContactChoice[] = []
      // 50 a page: a lead has at most 100 bound contacts, so two pages at most.
      let page = await runCommand(client, command)
      items.push(...page.map(contactChoice))
      if (page.length === 50 && ids.length > 50) {
        const rest = portalCommands.contacts.list({ filter: { '@ID': ids }, select: [...CONTACT_SELECT], start: 50 })
        page = await runCommand(client, rest)
        items.push(...page.map(contactChoice))
      }
      return items
    })
  }

  async history(portalId: string, key: LeadKey): Promise<LeadHistoryEntry[]> {
    const { store } = await this.workspaces.open(portalId)
    return store.leadHistory(key)
  }

  private async online<T>(portalId: string, read: (client: PortalClient) => Promise<T[]>): Promise<PortalSearch<T>> {
    const { client } = await this.workspaces.open(portalId)
    try {
      return { items: await read(client), offline: false }
    } catch (error) {
      if (isUnreachable(error)) return { items: [], offline: true }
      throw explainPortalFailure(error, 'Searching the portal')
    }
  }
}
