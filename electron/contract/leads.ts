/** The leads grid: rows, pages, facets, field descriptions, and local edits. */
import { z } from 'zod'
import { fieldCode, portalArgs, portalId } from './args'
import { channel } from './channel'
import { gridQuery } from './grid-query'
import { withinJsonBounds } from './json-bounds'

/** One grid row: the lead with local edits applied, and where it stands with the portal. */
export interface LeadRow {
  /** The portal's ID, or a negative key for a lead created offline and not yet pushed. */
  key: number
  values: Record<string, unknown>
  syncState: 'synced' | 'pending' | 'conflict' | 'error'
}

export interface LeadPage {
  rows: LeadRow[]
  total: number
}

export type LeadFacets = Record<'STATUS_ID' | 'SOURCE_ID', Record<string, number>>

/** The languages field labels are offered in (the UI's languages). */
export type FieldLabelLanguage = 'en' | 'ru'

/** One choice of a list field: a stage, source, list item, portal user. */
export interface LeadFieldItem {
  /** What the field holds: a status code, an item ID, a user ID. */
  value: string
  label: string
  /** Stages: the stage's colour (#rrggbb). */
  color?: string
  /** Stages: an ordinary stage, the success stage, or a failure. */
  semantics?: 'process' | 'success' | 'failure'
  /** Users: no longer active on the portal (kept so old values still read as names). */
  inactive?: boolean
}

/** CRM entity types a binding may point at. */
export type CrmEntityType = 'LEAD' | 'CONTACT' | 'COMPANY' | 'DEAL'

/** A field the grid and the card can show and edit, from the portal's field list and settings. */
export interface LeadFieldInfo {
  code: string
  /** The portal's type: `string`, `crm_status`, `user`, `employee`, `enumeration`, `money`, `crm`, ... */
  type: string
  /** The portal's caption (crm.lead.fields, in the portal's language); the code when it has none. */
  title: string
  /** The label by UI language, where the portal has one (userfields: list label, else form label). */
  labels?: Partial<Record<FieldLabelLanguage, string>>
  /** A userfield the portal's users added (crm.lead.fields isDynamic), not one of the portal's own. */
  isUserField: boolean
  readOnly: boolean
  multiple: boolean
  /** The portal refuses a lead without a value (isRequired, a mandatory userfield). */
  required?: boolean
  /** Choices of status, enumeration and user fields; a value not among them is refused. */
  items?: LeadFieldItem[]
  /** Amounts: the field holding the currency (OPPORTUNITY → CURRENCY_ID). */
  currencyField?: string
  /** crm bindings (userfields of type crm, COMPANY_ID, CONTACT_ID): the entity types they may point at. */
  entityTypes?: CrmEntityType[]
  /** Phones, e-mails, websites, messengers: the kinds an item may have (WORK, MOBILE, ...). */
  valueTypes?: string[]
}

/** A lead: the portal's ID, or the negative key of a lead made offline. */
export const leadKey = z
  .number()
  .int()
  .refine((key) => key !== 0, 'A lead key is never 0')
/** The most text one field value may hold (as JSON): far more than any field of the portal takes. */
export const MAX_FIELD_VALUE_CHARS = 100_000
/** Nesting of one field value: a file of a multiple file field, `[{fileData: [name, base64]}]`, is 3. */
export const MAX_FIELD_VALUE_DEPTH = 8
/** Fields one edit may change at once: more than a lead has. */
export const MAX_FIELDS_PER_EDIT = 500

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0
  } catch {
    // A cycle, or a BigInt: nothing the portal could take (the bounds above refuse them first).
    return Number.POSITIVE_INFINITY
  }
}

/**
 * One field's value: any JSON value, of bounded size and depth. (Text that is not well-formed
 * Unicode is refused by the lead's validation, which names the field.)
 */
export const fieldValue = z
  .unknown()
  .superRefine(
    withinJsonBounds(
      { maxDepth: MAX_FIELD_VALUE_DEPTH, maxEntries: MAX_FIELD_VALUE_CHARS, maxChars: MAX_FIELD_VALUE_CHARS },
      'A field value'
    )
  )
  .refine(
    (value) => jsonLength(value) <= MAX_FIELD_VALUE_CHARS,
    `A field value may hold at most ${MAX_FIELD_VALUE_CHARS.toLocaleString('en')} characters of JSON`
  )
export const fieldValues = z
  .record(fieldCode, fieldValue)
  .refine(
    (values) => Object.keys(values).length <= MAX_FIELDS_PER_EDIT,
    `One change may set at most ${MAX_FIELDS_PER_EDIT} fields`
  )

const leadQueryArgs = z.strictObject({ portalId, query: gridQuery })
/** Facet counts cover every matching lead: no window, no order. */
const leadFacetArgs = z.strictObject({ portalId, query: gridQuery.pick({ filter: true, search: true }) })
const leadEditArgs = z.strictObject({ portalId, key: leadKey, patch: fieldValues })
const leadCreateArgs = z.strictObject({ portalId, fields: fieldValues })
const leadKeyArgs = z.strictObject({ portalId, key: leadKey })
/** A lead has at most this many product rows, and this many bound contacts, in one change. */
export const MAX_PRODUCT_ROWS = 500
export const MAX_LEAD_CONTACTS = 100

/** Money and quantities: finite, and far beyond any real price (the portal keeps them as doubles). */
const amount = z.number().finite().min(-1e15).max(1e15)
const yesNo = z.enum(['Y', 'N'])
/**
 * One product row as sent to the portal (crm.lead.productrows.set): the fields the portal takes,
 * each with its type. PRICE is the final unit price (after the discount, with tax); the portal
 * derives the ones left out.
 */
const productRow = z.strictObject({
  /** 0 or absent: a row typed by hand, not from the catalogue. */
  PRODUCT_ID: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  PRODUCT_NAME: z.string().max(255).optional(),
  PRICE: amount.optional(),
  PRICE_EXCLUSIVE: amount.optional(),
  PRICE_NETTO: amount.optional(),
  PRICE_BRUTTO: amount.optional(),
  QUANTITY: amount.optional(),
  /** 1 = an amount (DISCOUNT_SUM), 2 = a percentage (DISCOUNT_RATE). */
  DISCOUNT_TYPE_ID: z.union([z.literal(1), z.literal(2)]).optional(),
  DISCOUNT_RATE: z.number().finite().min(-1000).max(100).optional(),
  DISCOUNT_SUM: amount.optional(),
  /** Percent; null = no tax. */
  TAX_RATE: z.number().finite().min(0).max(1000).nullable().optional(),
  TAX_INCLUDED: yesNo.optional(),
  MEASURE_CODE: z.number().int().min(0).max(1_000_000).optional(),
  MEASURE_NAME: z.string().max(50).optional(),
  SORT: z.number().int().min(-1_000_000).max(1_000_000).optional()
})
/** One product row as the app sends it. */
export type ProductRowInput = z.output<typeof productRow>
/**
 * One product row as the app keeps it: what was sent, or what the portal printed (which adds its
 * ID, owner, and the columns it derives, as strings or numbers).
 */
export type ProductRowValues = ProductRowInput & {
  ID?: string
  OWNER_ID?: string
  OWNER_TYPE?: string
  ORIGINAL_PRODUCT_NAME?: string | null
  PRICE_ACCOUNT?: string
  TYPE?: number
  [printedColumn: string]: string | number | null | undefined
}
const contactBinding = z.strictObject({
  CONTACT_ID: z.number().int().positive(),
  SORT: z.number().int().optional(),
  IS_PRIMARY: z.enum(['Y', 'N']).optional()
})
/** A contact bound to a lead: the first, or the one marked primary, is the lead's main contact. */
export type LeadContactItem = z.output<typeof contactBinding>

const productRowsArgs = z.strictObject({ portalId, key: leadKey, rows: z.array(productRow).max(MAX_PRODUCT_ROWS) })
const leadContactsArgs = z.strictObject({
  portalId,
  key: leadKey,
  items: z.array(contactBinding).max(MAX_LEAD_CONTACTS)
})
/** `refresh`: read them from the portal first when it can be reached (else the local copy answers). */
const relationReadArgs = z.strictObject({ portalId, key: leadKey, refresh: z.boolean().default(false) })

/** A lead's related items as the app has them: the local copy, with an unsent change applied. */
export interface LeadRelation<T> {
  items: T[]
  /** An unsent change: `items` are what it sets. */
  pending: boolean
  /** When the items were last read from the portal (ISO); absent when never read. */
  readAt?: string
  /** A refresh was asked for, but the portal could not be reached: the local copy answered. */
  offline: boolean
}

export const leadChannels = {
  'leads.fields': channel<LeadFieldInfo[]>()(portalArgs),
  'leads.query': channel<LeadPage>()(leadQueryArgs),
  'leads.facets': channel<LeadFacets>()(leadFacetArgs),
  'leads.edit': channel<LeadRow>()(leadEditArgs),
  'leads.create': channel<LeadRow>()(leadCreateArgs),
  'leads.delete': channel<void>()(leadKeyArgs),
  'leads.undo': channel<LeadRow | null>()(leadKeyArgs),
  /** Replaces the lead's product rows (queued; pushed with crm.lead.productrows.set). */
  'leads.setProductRows': channel<void>()(productRowsArgs),
  /** Replaces the lead's bound contacts (queued; pushed with crm.lead.contact.items.set). */
  'leads.setContacts': channel<void>()(leadContactsArgs),
  /** The lead's product rows, from the local copy (read from the portal first with `refresh`). */
  'leads.productRows': channel<LeadRelation<ProductRowValues>>()(relationReadArgs),
  /** The lead's bound contacts, from the local copy (read from the portal first with `refresh`). */
  'leads.contacts': channel<LeadRelation<LeadContactItem>>()(relationReadArgs)
} as const
