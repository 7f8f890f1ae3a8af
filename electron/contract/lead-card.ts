/** The lead card: its layout, the lead with what is not sent yet, pickers for products and contacts, and history. */
import { z } from 'zod'
import { portalId } from './args'
import { channel } from './channel'
import { isWellFormedText } from './json-bounds'
import { leadKey, type LeadRow } from './leads'

/** Where the card's layout came from: the user's own, the portal's common one, or the app's default. */
export type CardLayoutSource = 'personal' | 'common' | 'default'

/** 1 = a normal lead, 2 = a repeat lead (IS_RETURN_CUSTOMER = Y): each has its own card. */
export type LeadCustomerType = 1 | 2

/** A field placed in a card section. */
export interface CardFieldPlacement {
  code: string
  /** Shown even when empty. */
  showAlways: boolean
}

export interface CardSectionLayout {
  /** The section's name on the portal (`main`, ...). */
  name: string
  /** Its title on the portal; empty in the app's default layout (the window names those sections). */
  title: string
  fields: CardFieldPlacement[]
}

export interface LeadCardLayout {
  source: CardLayoutSource
  leadCustomerType: LeadCustomerType
  sections: CardSectionLayout[]
}

export type StageSemantics = 'process' | 'success' | 'failure'

/** A lead stage, in the portal's order. */
export interface LeadStage {
  id: string
  name: string
  semantics: StageSemantics
  color: string | null
}

/** The lead as the card shows it, with what is not on the portal yet. */
export interface LeadCardData {
  row: LeadRow
  /** The stages a lead goes through (for the stage bar). */
  stages: LeadStage[]
  /** Fields changed here and not sent yet. */
  unsentFields: string[]
  /** The portal refused the last change of these fields: the user can fix it in the card. */
  refused?: { fields: string[]; message: string }
}

/** A catalogue product the product-row editor offers. */
export interface ProductChoice {
  id: number
  name: string
  price: number
  currency: string | null
}

/** A contact the contacts panel shows or offers. */
export interface ContactChoice {
  id: number
  name: string
  phone?: string
  email?: string
}

/** What the portal answered to a search; `offline`: it could not be reached, `items` is empty. */
export interface PortalSearch<T> {
  items: T[]
  offline: boolean
}

export type LeadHistorySource = 'sync' | 'edit' | 'undo'

/** One field of a lead changed, as the app saw it. */
export interface LeadHistoryEntry {
  id: number
  /** ISO time. */
  at: string
  source: LeadHistorySource
  field: string
  before: unknown
  after: unknown
}

export const MAX_SEARCH_TEXT_CHARS = 200
/** Contacts named at once (the bound contacts of a lead). */
export const MAX_CONTACT_IDS = 100

const cardArgs = z.strictObject({ portalId, key: leadKey })
const searchText = z
  .string()
  .trim()
  .min(1)
  .max(MAX_SEARCH_TEXT_CHARS)
  .refine(isWellFormedText, 'The search text holds a character that is not valid Unicode (half of a pair)')
const searchArgs = z.strictObject({ portalId, text: searchText })
const contactNamesArgs = z.strictObject({
  portalId,
  ids: z.array(z.number().int().positive()).max(MAX_CONTACT_IDS)
})

export const leadCardChannels = {
  /** The card's sections for the current user: personal, else common, else the app's default. */
  'leads.cardLayout': channel<LeadCardLayout>()(cardArgs),
  /** The lead with its local edits, and which fields are not sent yet or were refused. */
  'leads.card': channel<LeadCardData>()(cardArgs),
  /** Catalogue products whose name holds the text (crm.product.list; online only). */
  'leads.searchProducts': channel<PortalSearch<ProductChoice>>()(searchArgs),
  /** Contacts whose name, last name, phone or e-mail holds the text (crm.contact.list; online only). */
  'leads.searchContacts': channel<PortalSearch<ContactChoice>>()(searchArgs),
  /** The names of these contacts (crm.contact.list; online only). */
  'leads.contactNames': channel<PortalSearch<ContactChoice>>()(contactNamesArgs),
  /** Every change the app saw to the lead's fields, newest first. */
  'leads.history': channel<LeadHistoryEntry[]>()(cardArgs)
} as const
