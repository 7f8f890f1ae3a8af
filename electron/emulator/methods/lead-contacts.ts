import { crmError, RestError } from '../errors'
import { COST } from '../limits/cost-model'
import { leadContactBindings, setLeadContacts, type ContactBindingInput } from '../state/lead-contact-bindings'
import { markLeadModified } from '../state/lead-modification'
import { methods, type CallContext } from './context'
import { canAccessLead, requireCrmAccess } from './crm-permissions'
import { findParam, idParam, isMap, phpInt } from './params'

/**
 * crm.lead.contact.* (docs/bitrix24-protocol.md §8.9), served by the portal's generic binding proxy, whose
 * errors differ from the other lead methods: a permission failure is an AccessException (HTTP 403,
 * ACCESS_DENIED, `Access denied!`), a missing lead is `Not found.`, and the bad-id text has two
 * spellings (quoted in add/delete, unquoted in items.*).
 */

const OWNER_ID_QUOTED = "The parameter 'ownerEntityID' is invalid or not defined."
const OWNER_ID_PLAIN = 'The parameter ownerEntityID is invalid or not defined.'
const FIELDS_NOT_VALID = "The parameter 'fields' is not valid."

const accessDenied = () => new RestError('ACCESS_DENIED', 'Access denied!', 403)

const FIELD_TITLES = {
  SORT: { en: 'Sorting', ru: 'Сортировка' },
  IS_PRIMARY: { en: 'Primary', ru: 'Основной' },
  CONTACT_ID: { en: 'Contact', ru: 'Контакт' }
}
const FIELD_TYPES = { SORT: 'integer', IS_PRIMARY: 'char', CONTACT_ID: 'integer' }

function fields(ctx: CallContext): Record<string, unknown> {
  requireCrmAccess(ctx.caller.user)
  ctx.meter.add(COST.read)
  const lang = ctx.portal.settings.lang
  return Object.fromEntries(
    (Object.keys(FIELD_TYPES) as Array<keyof typeof FIELD_TYPES>).map((code) => [
      code,
      {
        type: FIELD_TYPES[code],
        isRequired: code === 'CONTACT_ID',
        isReadOnly: false,
        isImmutable: false,
        isMultiple: false,
        isDynamic: false,
        title: FIELD_TITLES[code][lang]
      }
    ])
  )
}

/** A binding item of the API (`{CONTACT_ID, SORT?, IS_PRIMARY?}`) as a wanted binding. */
function bindingInput(item: Record<string, unknown>): ContactBindingInput {
  const sort = item.SORT === undefined || item.SORT === null || item.SORT === '' ? undefined : phpInt(item.SORT)
  return { contactId: phpInt(item.CONTACT_ID), sort, isPrimary: String(item.IS_PRIMARY ?? '').toUpperCase() === 'Y' }
}

/** The lead a changing call works on: update permission first (403), then existence. */
function requireWritableLead(ctx: CallContext, leadId: number): void {
  if (!canAccessLead(ctx.portal, ctx.caller.user, leadId)) throw accessDenied()
  if (!ctx.portal.leads.get(leadId)) throw crmError('Not found.')
}

/** A PHP array parameter (a map, or a list seen as an index map); anything else gets the proxy's message. */
function arrayParamOrFail(ctx: CallContext, name: string, message: string): Record<string, unknown> {
  const value = findParam(ctx.params, name)
  if (value === null || typeof value !== 'object') throw crmError(message)
  return Array.isArray(value) ? { ...value } : (value as Record<string, unknown>)
}

/** The contact named in `fields` of add/delete. */
function contactIdOf(item: Record<string, unknown>): number {
  const contactId = phpInt(item.CONTACT_ID)
  if (contactId <= 0) throw crmError(FIELDS_NOT_VALID)
  return contactId
}

/** Stores the new set; when it changed, the lead is modified and ONCRMLEADUPDATE goes out. */
function rebind(ctx: CallContext, leadId: number, bindings: ContactBindingInput[]): void {
  ctx.meter.add(COST.write)
  if (!setLeadContacts(ctx.portal, leadId, bindings)) return
  const lead = ctx.portal.leads.get(leadId)
  if (!lead) return
  markLeadModified(ctx.portal, lead, ctx.caller.user.id)
  ctx.emit('ONCRMLEADUPDATE', { ID: String(leadId) })
}

/** Already bound → false. IS_PRIMARY = "Y" (or no primary yet) makes the new contact the primary one. */
function add(ctx: CallContext): boolean {
  requireCrmAccess(ctx.caller.user)
  const leadId = idParam(ctx.params, OWNER_ID_QUOTED)
  const item = arrayParamOrFail(ctx, 'fields', "The parameter 'fields' must be array.")
  requireWritableLead(ctx, leadId)
  const contactId = contactIdOf(item)
  const current = leadContactBindings(ctx.portal, leadId)
  if (current.some((binding) => binding.contactId === contactId)) return false
  const wanted = bindingInput(item)
  const lastSort = current.reduce((max, binding) => Math.max(max, binding.sort), 0)
  const others = current.map((binding) => (wanted.isPrimary ? { ...binding, isPrimary: false } : binding))
  rebind(ctx, leadId, [...others, { ...wanted, sort: wanted.sort ?? lastSort + 10 }])
  return true
}

/** Not bound → false. Removing the primary contact promotes the first remaining one. */
function remove(ctx: CallContext): boolean {
  requireCrmAccess(ctx.caller.user)
  const leadId = idParam(ctx.params, OWNER_ID_QUOTED)
  // The proxy reads `fields` but names it "item" in its message.
  const item = arrayParamOrFail(ctx, 'fields', "The parameter 'item' must be array.")
  requireWritableLead(ctx, leadId)
  const contactId = contactIdOf(item)
  const current = leadContactBindings(ctx.portal, leadId)
  if (!current.some((binding) => binding.contactId === contactId)) return false
  rebind(
    ctx,
    leadId,
    current.filter((binding) => binding.contactId !== contactId)
  )
  return true
}

/** Read permission only, no existence check: an unknown lead has no bindings. */
function itemsGet(ctx: CallContext): Array<Record<string, unknown>> {
  requireCrmAccess(ctx.caller.user)
  const leadId = idParam(ctx.params, OWNER_ID_PLAIN)
  if (!canAccessLead(ctx.portal, ctx.caller.user, leadId)) throw accessDenied()
  ctx.meter.add(COST.read)
  return leadContactBindings(ctx.portal, leadId).map((binding) => ({
    CONTACT_ID: binding.contactId,
    SORT: binding.sort,
    ROLE_ID: 0,
    IS_PRIMARY: binding.isPrimary ? 'Y' : 'N'
  }))
}

/** Replaces the whole set; items that are not objects or lack a CONTACT_ID > 0 are skipped. */
function itemsSet(ctx: CallContext): boolean {
  requireCrmAccess(ctx.caller.user)
  const leadId = idParam(ctx.params, OWNER_ID_PLAIN)
  const items = arrayParamOrFail(ctx, 'items', 'The parameter items must be array.')
  requireWritableLead(ctx, leadId)
  rebind(ctx, leadId, Object.values(items).filter(isMap).map(bindingInput))
  return true
}

/** Source quirks: only read permission is checked, and an unknown lead is fine (true). */
function itemsDelete(ctx: CallContext): boolean {
  requireCrmAccess(ctx.caller.user)
  const leadId = idParam(ctx.params, OWNER_ID_PLAIN)
  if (!canAccessLead(ctx.portal, ctx.caller.user, leadId)) throw accessDenied()
  rebind(ctx, leadId, [])
  return true
}

export const leadContactMethods = methods({
  'crm.lead.contact.fields': { scope: 'crm', handler: fields },
  'crm.lead.contact.add': { scope: 'crm', handler: add },
  'crm.lead.contact.delete': { scope: 'crm', handler: remove },
  'crm.lead.contact.items.get': { scope: 'crm', handler: itemsGet },
  'crm.lead.contact.items.set': { scope: 'crm', handler: itemsSet },
  'crm.lead.contact.items.delete': { scope: 'crm', handler: itemsDelete }
})
