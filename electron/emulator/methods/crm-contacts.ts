import { parsePortalDate } from '../clock'
import { addMultifieldsJson } from '../state/multifield-json'
import { crmError, restErrors } from '../errors'
import { COST, listPageCost } from '../limits/cost-model'
import { CONTACT_FIELDS, createContactRecord } from '../state/contact-records'
import { MULTIFIELD_TYPES } from '../state/lead-fields'
import type { ContactRecord, PortalState } from '../state/portal'
import { ListResult, methods, type CallContext } from './context'
import { canReadContact, requireCrmAccess } from './crm-permissions'
import type { FieldKind } from './list/filter'
import { arraySource, parseOrder, parseStart, runListQuery, type OrderedSchema } from './list/list-query'
import { arrayParam, findParam, idParam, isMap, mapParam } from './params'

/** crm.contact.list / get / add: enough of the contact API for pickers, with the portal's envelopes. */

type ContactField = (typeof CONTACT_FIELDS)[number]

const FIELD_KINDS: Record<ContactField, FieldKind> = {
  ID: 'number',
  POST: 'string',
  COMMENTS: 'string',
  HONORIFIC: 'exact',
  NAME: 'string',
  SECOND_NAME: 'string',
  LAST_NAME: 'string',
  TYPE_ID: 'exact',
  SOURCE_ID: 'exact',
  COMPANY_ID: 'number',
  BIRTHDATE: 'date',
  DATE_CREATE: 'date',
  DATE_MODIFY: 'date',
  ASSIGNED_BY_ID: 'number',
  CREATED_BY_ID: 'number',
  MODIFY_BY_ID: 'number',
  OPENED: 'string'
}

const isContactField = (field: string): field is ContactField => Object.hasOwn(FIELD_KINDS, field)

function contactListSchema(portal: PortalState): OrderedSchema<ContactRecord> {
  return {
    id: (contact) => contact.id,
    kind: (field) => (isContactField(field) ? FIELD_KINDS[field] : undefined),
    value: (contact, field) => contact.values[field],
    multifield: (contact, type) => contact.multi.filter((item) => item.typeId === type).map((item) => item.value),
    parseDate: (text) => parsePortalDate(text, portal.clock.utcOffsetMinutes),
    now: () => portal.clock.now()
  }
}

interface ContactSelection {
  fields: readonly ContactField[]
  multifields: readonly string[]
}

/** `select`: empty or `*` → every column; multifields only when named exactly; ID always. */
function parseSelect(select: unknown[]): ContactSelection {
  const names = select.map((item) => String(item).trim()).filter(Boolean)
  const upper = new Set(names.map((name) => name.toUpperCase()))
  const all = names.length === 0 || upper.has('*')
  return {
    fields: CONTACT_FIELDS.filter((code) => code === 'ID' || all || upper.has(code)),
    multifields: MULTIFIELD_TYPES.filter((type) => names.includes(type))
  }
}

const FULL_SELECTION: ContactSelection = { fields: CONTACT_FIELDS, multifields: MULTIFIELD_TYPES }

/** A contact as JSON: scalars as strings (or null), multifield arrays only for types with values. */
function contactToJson(contact: ContactRecord, selection: ContactSelection): Record<string, unknown> {
  const json: Record<string, unknown> = {}
  for (const code of selection.fields) json[code] = contact.values[code] ?? null
  addMultifieldsJson(json, contact.multi, selection.multifields)
  return json
}

const readableBy = (ctx: CallContext) => (contact: ContactRecord) =>
  canReadContact(ctx.caller.user, Number(contact.values.ASSIGNED_BY_ID))

function list(ctx: CallContext): ListResult {
  const { portal, caller, params } = ctx
  requireCrmAccess(caller.user)
  const select = arrayParam(params, 'select', [])
  const selection = parseSelect(Array.isArray(select) ? select : Object.values(select))
  const schema = contactListSchema(portal)
  const { offset, count } = parseStart(params.start)
  const page = runListQuery(
    arraySource([...portal.contacts.values()], (contact) => contact.id),
    schema,
    { filter: mapParam(params, 'filter'), order: parseOrder(mapParam(params, 'order'), isContactField), offset, count },
    // Contacts the user may not read are simply absent.
    readableBy(ctx)
  )
  ctx.meter.add(listPageCost(page.rows.length, selection.fields.length + selection.multifields.length, page.total))
  // With start=-1 nothing is counted: total is 0 and there is no next.
  return new ListResult(
    page.rows.map((contact) => contactToJson(contact, selection)),
    count ? page.total : 0,
    page.next
  )
}

/** Permission before existence, as for leads: an unknown ID is "Access denied." for a limited user. */
function get(ctx: CallContext): Record<string, unknown> {
  const { portal, caller } = ctx
  requireCrmAccess(caller.user)
  const id = idParam(ctx.params)
  const contact = portal.contacts.get(id)
  if (caller.user.leadAccess !== 'all' && (!contact || !readableBy(ctx)(contact))) throw restErrors.accessDenied()
  if (!contact) throw crmError('Not found')
  ctx.meter.add(COST.read)
  return contactToJson(contact, FULL_SELECTION)
}

/** Returns the new ID as an integer. A user limited to their own records always gets the contact. */
function add(ctx: CallContext): number {
  const { portal, caller } = ctx
  requireCrmAccess(caller.user)
  const raw = findParam(ctx.params, 'fields')
  if (raw !== undefined && raw !== null && raw !== '' && !isMap(raw) && !Array.isArray(raw)) {
    throw crmError("Parameter 'fields' must be array.")
  }
  const fields = isMap(raw) ? { ...raw } : {}
  if (caller.user.leadAccess === 'own') fields.ASSIGNED_BY_ID = caller.user.id
  const contact = createContactRecord(portal, fields, { userId: caller.user.id })
  ctx.meter.add(COST.write)
  ctx.emit('ONCRMCONTACTADD', { ID: String(contact.id) })
  return contact.id
}

export const contactMethods = methods({
  'crm.contact.list': { scope: 'crm', handler: list },
  'crm.contact.get': { scope: 'crm', handler: get },
  'crm.contact.add': { scope: 'crm', handler: add }
})
