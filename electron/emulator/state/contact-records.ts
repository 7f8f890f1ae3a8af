import { parsePortalDate } from '../clock'
import { isMap, phpInt } from '../methods/params'
import { DEFAULT_VALUE_TYPE, MULTIFIELD_TYPES, MULTIFIELD_VALUE_TYPES } from './lead-fields'
import type { ContactRecord, PortalState } from './portal'

/** The contact columns the emulator keeps, in the order crm.contact.get prints them (docs example). */
export const CONTACT_FIELDS = [
  'ID',
  'POST',
  'COMMENTS',
  'HONORIFIC',
  'NAME',
  'SECOND_NAME',
  'LAST_NAME',
  'TYPE_ID',
  'SOURCE_ID',
  'COMPANY_ID',
  'BIRTHDATE',
  'DATE_CREATE',
  'DATE_MODIFY',
  'ASSIGNED_BY_ID',
  'CREATED_BY_ID',
  'MODIFY_BY_ID',
  'OPENED'
] as const

const TEXT_FIELDS = ['POST', 'COMMENTS', 'NAME', 'SECOND_NAME', 'LAST_NAME'] as const
const STATUS_FIELDS = ['HONORIFIC', 'TYPE_ID', 'SOURCE_ID'] as const

/** The name a contact gets when it has none (emulator choice after CCrmContact::GetDefaultName, UNCONFIRMED text). */
const UNNAMED = { en: 'Untitled', ru: 'Без имени' }

/** Who creates the contact and when (the seed generator back-dates contacts). */
export interface ContactAuthor {
  userId: number
  /** Creation time in ms; default now. */
  at?: number
}

const isBlank = (value: unknown) => value === undefined || value === null || value === ''

/** New multifield values (PHONE, EMAIL, WEB, IM, LINK): empty values skipped, unknown VALUE_TYPE → default. */
function newMultifieldValues(portal: PortalState, fields: Record<string, unknown>): ContactRecord['multi'] {
  const values: ContactRecord['multi'] = []
  for (const type of MULTIFIELD_TYPES) {
    const raw = fields[type]
    const items = Array.isArray(raw) ? raw : isMap(raw) ? Object.values(raw) : []
    for (const item of items) {
      if (!isMap(item) || isBlank(item.VALUE) || String(item.VALUE).trim() === '') continue
      const requested = String(item.VALUE_TYPE ?? '').toUpperCase()
      const valueType = MULTIFIELD_VALUE_TYPES[type].includes(requested) ? requested : DEFAULT_VALUE_TYPE[type]
      values.push({ id: portal.nextId('multifield'), typeId: type, valueType, value: String(item.VALUE).trim() })
    }
  }
  return values
}

/**
 * Creates a contact from API-style fields (NAME, LAST_NAME, ASSIGNED_BY_ID, PHONE: [{VALUE,
 * VALUE_TYPE}], ...) and stores it; used by crm.contact.add and the seed generator. Unknown keys
 * are ignored, a BIRTHDATE that is not a date is dropped, IDs come from the `contact` sequence.
 */
export function createContactRecord(
  portal: PortalState,
  fields: Record<string, unknown>,
  author: ContactAuthor
): ContactRecord {
  const { clock } = portal
  const id = portal.nextId('contact')
  const created = clock.iso(author.at ?? clock.now())
  const values: Record<string, string | null> = Object.fromEntries(CONTACT_FIELDS.map((code) => [code, null]))
  for (const code of TEXT_FIELDS)
    if (fields[code] !== undefined && fields[code] !== null) values[code] = String(fields[code])
  for (const code of STATUS_FIELDS) if (!isBlank(fields[code])) values[code] = String(fields[code])
  if (!values.NAME && !values.LAST_NAME && !values.SECOND_NAME) values.NAME = UNNAMED[portal.settings.lang]
  const birthdate = isBlank(fields.BIRTHDATE)
    ? undefined
    : parsePortalDate(String(fields.BIRTHDATE), clock.utcOffsetMinutes)
  const companyId = phpInt(fields.COMPANY_ID)
  const assignedById = phpInt(fields.ASSIGNED_BY_ID)
  Object.assign(values, {
    ID: String(id),
    COMPANY_ID: companyId > 0 ? String(companyId) : null,
    // An empty date prints as "" (docs/bitrix24-protocol.md §6.1).
    BIRTHDATE: birthdate === undefined ? '' : clock.isoDate(birthdate),
    OPENED: String(fields.OPENED ?? 'Y').toUpperCase() === 'N' ? 'N' : 'Y',
    ASSIGNED_BY_ID: String(assignedById > 0 ? assignedById : author.userId),
    CREATED_BY_ID: String(author.userId),
    MODIFY_BY_ID: String(author.userId),
    DATE_CREATE: created,
    DATE_MODIFY: created
  })
  const contact: ContactRecord = { id, values, multi: newMultifieldValues(portal, fields) }
  portal.contacts.set(id, contact)
  return contact
}
