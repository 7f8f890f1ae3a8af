import type { PortalClient } from '../portal-client'
import { readCommand, runCommand, runPageCommand, writeCommand, type Page, type RequestOptions } from './command'
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
import { asList } from './normalise'

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
export const contactCommands = {
  /** One page of 50; multifields only when named in `select`. */
  list: (query: ContactListQuery = {}) => readCommand('crm.contact.list', query, asList<ContactListItem>),

  get: (id: EntityId) => readCommand<Contact>('crm.contact.get', { id }),

  /** Creates a contact; answers its ID as a number. */
  add: (fields: NewContact) => writeCommand<number>('crm.contact.add', { fields })
}

/** The contact commands, each sent on its own. */
export function contactsApi(client: PortalClient) {
  return {
    list: (query: ContactListQuery = {}, options?: RequestOptions): Promise<Page<ContactListItem>> =>
      runPageCommand(client, contactCommands.list(query), options),

    get: (id: EntityId, options?: RequestOptions): Promise<Contact> =>
      runCommand(client, contactCommands.get(id), options),

    add: (fields: NewContact, options?: RequestOptions): Promise<number> =>
      runCommand(client, contactCommands.add(fields), options)
  }
}

export type ContactsApi = ReturnType<typeof contactsApi>
