import { Clock } from '../clock'
import { LeadStore } from './lead-store'
import type { RowPrices } from './product-row-math'
import { defaultStatuses, type StatusItem } from './statuses'
import type { UserFieldDef } from './userfield-types'
import { defaultUsers, type PortalUser } from './users'

export type PortalLang = 'ru' | 'en'

/** A lead's product row: its prices as product-row-math works them out, and what it is of. */
export interface ProductRow extends RowPrices {
  id: number
  leadId: number
  productId: number
  productName: string
  measureCode: number
  measureName: string
  sort: number
  type: number
}

export interface ContactBinding {
  contactId: number
  sort: number
  isPrimary: boolean
}

export interface ContactRecord {
  id: number
  values: Record<string, string | null>
  multi: Array<{ id: number; typeId: string; valueType: string; value: string }>
}

export interface ProductRecord {
  id: number
  name: string
  price: number
  currencyId: string
  measureCode: number
  measureName: string
  type: number
}

/** `crm.lead.details.configuration` storage key: option name + scope + user. */
export type LayoutKey = `${'lead_details' | 'returning_lead_details'}:${'C' | `P:${number}`}`

export interface LayoutSection {
  name: string
  title: string
  type: 'section'
  elements: Array<{ name: string; optionFlags?: unknown; options?: Record<string, unknown> }>
}

export interface EventHandlerBinding {
  id: number
  event: string
  handler: string
  authType: number
  eventType: 'online' | 'offline'
  /** Which credential bound it (events are per application / webhook). */
  owner: string
}

/** Settings for behaviours the spec leaves open (UNCONFIRMED) and test switches. */
export interface PortalSettings {
  lang: PortalLang
  /** Text for update/delete of a missing lead: the docs' `Not found` or the source's wording. */
  notFoundText: 'Not found' | 'Lead is not found'
  /** Whether required user fields are checked for REST calls. */
  checkRequiredUserFields: boolean
  /** 1 = classic CRM (leads on), 2 = simple CRM. */
  crmMode: 1 | 2
  baseCurrency: string
  /** The plan `app.info` reports; follows the limits mode (enterprise plans get the bigger bucket). */
  plan: 'pro100' | 'ent250'
}

/** Everything one emulated portal knows. Plain data, so it can be saved and restored. */
export class PortalState {
  readonly clock = new Clock()
  readonly leads = new LeadStore()
  users: PortalUser[]
  statuses: StatusItem[]
  userFields: UserFieldDef[] = []
  productRows = new Map<number, ProductRow[]>()
  contactBindings = new Map<number, ContactBinding[]>()
  contacts = new Map<number, ContactRecord>()
  products = new Map<number, ProductRecord>()
  layouts = new Map<LayoutKey, LayoutSection[]>()
  eventHandlers: EventHandlerBinding[] = []
  settings: PortalSettings
  /** Last used ID per sequence (leads, multifield values, product rows, user fields, ...). */
  sequences: Record<string, number> = {}

  constructor(settings: Partial<PortalSettings> = {}) {
    this.settings = {
      lang: 'en',
      notFoundText: 'Not found',
      checkRequiredUserFields: true,
      crmMode: 1,
      plan: 'pro100',
      baseCurrency: settings.lang === 'ru' ? 'RUB' : 'USD',
      ...settings
    }
    this.users = defaultUsers(this.settings.lang)
    this.statuses = defaultStatuses(this.settings.lang)
  }

  nextId(sequence: string): number {
    const next = (this.sequences[sequence] ?? 0) + 1
    this.sequences[sequence] = next
    return next
  }

  user(id: number): PortalUser | undefined {
    return this.users.find((user) => user.id === id)
  }
}
