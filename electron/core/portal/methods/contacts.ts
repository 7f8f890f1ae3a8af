import type { PortalClient } from '../portal-client'
import type {
  CrmText,
  EntityId,
  ListQuery,
  MultifieldChanges,
  Multifields,
  MultifieldType,
  UserFieldValues,
  WriteValue
} from './crm-values'
import { readPage, readResult, writeResult, type Page, type RequestOptions } from './request'

/** The contact columns a contact picker uses; portals print more (ADDRESS_*, EXPORT, UTM_*, ...). */
export const CONTACT_SCALAR_FIELDS = [
  'ID',
  'HONORIFIC',
  'NAME',
  'SECOND_NAME',
  'LAST_NAME',
  'POST',
  'COMMENTS',
  'TYPE_ID',
  'SOURCE_ID',
  'COMPANY_ID',
  'BIRTHDATE',
  'OPENED',
  'ASSIGNED_BY_ID',
  'CREATED_BY_ID',
  'MODIFY_BY_ID',
  'DATE_CREATE',
  'DATE_MODIFY'
] as const
export type ContactScalarField = (typeof CONTACT_SCALAR_FIELDS)[number]

/** A contact as `crm.contact.get` prints it: scalars as strings or null, like leads. */
export type Contact = { ID: string } & Record<Exclude<ContactScalarField, 'ID'>, CrmText> &
  Multifields &
  UserFieldValues & { [otherField: string]: unknown }

export type ContactListItem = Pick<Contact, 'ID'> & Partial<Contact>

type ContactReadOnlyField = 'ID' | 'CREATED_BY_ID' | 'MODIFY_BY_ID' | 'DATE_CREATE' | 'DATE_MODIFY'

export type NewContact = Partial<Record<Exclude<ContactScalarField, ContactReadOnlyField>, WriteValue>> &
  MultifieldChanges &
  UserFieldValues

/** Any contact column may be filtered and sorted by; multifields filter by value. */
export type ContactListQuery = ListQuery<string, ContactScalarField | MultifieldType | '*' | `UF_${string}`>

/** `crm.contact.list/get/add`, for picking and creating the contacts bound to leads. */
export function contactsApi(client: PortalClient) {
  return {
    /** One page of 50; multifields only when named in `select`. */
    list: (query: ContactListQuery = {}, options?: RequestOptions): Promise<Page<ContactListItem>> =>
      readPage(client, 'crm.contact.list', query, options),

    get: (id: EntityId, options?: RequestOptions): Promise<Contact> =>
      readResult(client, 'crm.contact.get', { id }, options),

    /** Creates a contact; answers its ID as a number. */
    add: (fields: NewContact, options?: RequestOptions): Promise<number> =>
      writeResult(client, 'crm.contact.add', { fields }, options)
  }
}

export type ContactsApi = ReturnType<typeof contactsApi>
