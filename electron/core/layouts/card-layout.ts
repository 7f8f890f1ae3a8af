import type { CardFieldPlacement, CardSectionLayout, LeadCardLayout, LeadCustomerType } from '../../contract'
import type { FieldDescriptor } from '../portal/methods/field-descriptors'
import type { CardElement, CardSection } from '../portal/methods/lead-details-configuration'
import type { CardLayouts, PortalMetadata } from '../metadata/portal-metadata'

/**
 * Which card a lead gets, as the portal decides it (docs/bitrix24-protocol.md §8.11): repeat leads
 * (IS_RETURN_CUSTOMER = Y) have their own layouts; the user's personal layout wins over the
 * common one; with neither stored, the app lays the fields out itself.
 */

/** A repeat lead is one whose client came back (the portal sets IS_RETURN_CUSTOMER). */
export function leadCustomerTypeOf(values: Record<string, unknown>): LeadCustomerType {
  return values.IS_RETURN_CUSTOMER === 'Y' ? 2 : 1
}

/** `optionFlags` 1 (as a number or a string), or an `options.showAlways` that is set: shown when empty. */
function showsAlways(element: CardElement): boolean {
  if (Number(element.optionFlags) === 1) return true
  const flag = element.options?.showAlways
  return flag === true || flag === 'Y' || flag === 'y' || flag === 1 || flag === '1'
}

/** The portal's sections as the card reads them; fields the portal no longer has are left out. */
function fromPortal(sections: CardSection[], fields: PortalMetadata['fields']): CardSectionLayout[] {
  return sections.map((section) => {
    const seen = new Set<string>()
    const placements: CardFieldPlacement[] = []
    for (const element of section.elements) {
      if (seen.has(element.name) || (fields && !fields[element.name])) continue
      seen.add(element.name)
      placements.push({ code: element.name, showAlways: showsAlways(element) })
    }
    return { name: section.name, title: section.title || section.name, fields: placements }
  })
}

/** The fields of the default card's first two sections, as a new portal lays them out. */
const MAIN_FIELDS = ['TITLE', 'STATUS_ID', 'OPPORTUNITY', 'CURRENCY_ID', 'SOURCE_ID', 'SOURCE_DESCRIPTION']
const CONTACT_FIELDS = [
  'HONORIFIC',
  'NAME',
  'SECOND_NAME',
  'LAST_NAME',
  'BIRTHDATE',
  'POST',
  'COMPANY_TITLE',
  'PHONE',
  'EMAIL',
  'WEB',
  'IM',
  'ADDRESS',
  'ADDRESS_2',
  'ADDRESS_CITY',
  'ADDRESS_POSTAL_CODE',
  'ADDRESS_REGION',
  'ADDRESS_PROVINCE',
  'ADDRESS_COUNTRY'
]
/** Shown even when empty in the default card: what a user fills in first. */
const DEFAULT_ALWAYS = new Set(['TITLE', 'STATUS_ID', 'OPPORTUNITY', 'NAME', 'LAST_NAME', 'PHONE', 'EMAIL'])
/**
 * Fields the default card leaves out: the portal's bookkeeping, flags it computes, and the
 * bindings the card has panels for (contacts, company).
 */
const NOT_ON_DEFAULT_CARD = new Set([
  'ID',
  'CONTACT_ID',
  'CONTACT_IDS',
  'COMPANY_ID',
  'ADDRESS_LOC_ADDR_ID',
  'ADDRESS_COUNTRY_CODE',
  'ORIGINATOR_ID',
  'ORIGIN_ID',
  'STATUS_SEMANTIC_ID'
])

const placement = (code: string): CardFieldPlacement => ({ code, showAlways: DEFAULT_ALWAYS.has(code) })

/**
 * The app's card when the portal has none stored: main (title, stage, amount, source), contact
 * (the person and how to reach them), more (every other field one can edit) and user fields.
 * Only fields the portal has; sections left empty are left out.
 */
export function defaultCardSections(fields: PortalMetadata['fields']): CardSectionLayout[] {
  const known = fields ?? {}
  const has = (code: string) => fields === undefined || Object.hasOwn(known, code)
  const placed = new Set([...MAIN_FIELDS, ...CONTACT_FIELDS])
  const isMore = (code: string, descriptor: FieldDescriptor) =>
    !descriptor.isDynamic && !placed.has(code) && !NOT_ON_DEFAULT_CARD.has(code) && !descriptor.isReadOnly
  const sections: CardSectionLayout[] = [
    { name: 'main', title: '', fields: MAIN_FIELDS.filter(has).map(placement) },
    { name: 'contact', title: '', fields: CONTACT_FIELDS.filter(has).map(placement) },
    {
      name: 'more',
      title: '',
      fields: Object.entries(known)
        .filter(([code, descriptor]) => isMore(code, descriptor))
        .map(([code]) => placement(code))
    },
    {
      name: 'userfields',
      title: '',
      fields: Object.entries(known)
        .filter(([, descriptor]) => descriptor.isDynamic)
        .map(([code]) => placement(code))
    }
  ]
  return sections.filter((section) => section.fields.length > 0)
}

/** The card of one lead type for the app's user: personal, else common, else the default. */
export function resolveCardLayout(
  metadata: Pick<PortalMetadata, 'fields' | 'layouts' | 'repeatLayouts'>,
  leadCustomerType: LeadCustomerType
): LeadCardLayout {
  const stored: CardLayouts | undefined = leadCustomerType === 2 ? metadata.repeatLayouts : metadata.layouts
  // An empty list is what a broken save would leave: the portal itself shows its default then.
  if (stored?.personal?.length)
    return { source: 'personal', leadCustomerType, sections: fromPortal(stored.personal, metadata.fields) }
  if (stored?.common?.length)
    return { source: 'common', leadCustomerType, sections: fromPortal(stored.common, metadata.fields) }
  return { source: 'default', leadCustomerType, sections: defaultCardSections(metadata.fields) }
}
