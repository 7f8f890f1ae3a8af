import { crmError, restErrors } from '../../errors'
import { COST, listPageCost } from '../../limits/cost-model'
import { setLeadContacts } from '../../state/lead-contact-bindings'
import type { LeadRecord } from '../../state/lead-store'
import { markLeadModified } from '../../state/lead-modification'
import { canReadLead } from '../../state/users'
import { ListResult, methods, type CallContext } from '../context'
import { parseOrder, parseStart, runListQuery } from '../list/list-query'
import { arrayParam, findParam, idParam, isMap, mapParam } from '../params'
import { leadFieldDescriptors } from './lead-fields-method'
import { fullSelection, leadListSchema, leadToJson, parseSelect, selectionWidth } from './lead-view'
import { autoTitle, newLeadRecord, writeLeadFields, type WriteOutcome } from './lead-write'

/** `fields` / `params` of add and update: optional maps, anything else is the proxy's error. */
function optionalMap(ctx: CallContext, name: string): Record<string, unknown> {
  const value = findParam(ctx.params, name)
  if (value === undefined || value === null || value === '') return {}
  if (!isMap(value)) {
    if (Array.isArray(value) && value.length === 0) return {}
    throw crmError(`Parameter '${name}' must be array.`)
  }
  return value
}

/**
 * The lead a call may touch. As on the portal, permission is checked before existence, so a
 * user limited to their own leads gets "Access denied." for an ID that does not exist.
 */
function accessibleLead(ctx: CallContext, id: number, notFoundText: string): LeadRecord {
  const { user } = ctx.caller
  if (user.leadAccess === 'none') throw restErrors.accessDenied()
  const lead = ctx.portal.leads.get(id)
  if (user.leadAccess === 'own' && (!lead || !canReadLead(user, Number(lead.values.ASSIGNED_BY_ID)))) {
    throw restErrors.accessDenied()
  }
  if (!lead) throw crmError(notFoundText)
  return lead
}

/** What every successful write ends with: contact bindings, the cost, the event. */
function finishWrite(ctx: CallContext, id: number, outcome: WriteOutcome, event: string): void {
  if (outcome.contactIds)
    setLeadContacts(
      ctx.portal,
      id,
      outcome.contactIds.map((contactId) => ({ contactId }))
    )
  ctx.meter.add(COST.write)
  ctx.emit(event, { ID: String(id) })
}

function add(ctx: CallContext): number {
  const { portal, caller } = ctx
  if (caller.user.leadAccess === 'none') throw restErrors.accessDenied()
  const fields = optionalMap(ctx, 'fields')
  const options = optionalMap(ctx, 'params')
  // The ID is taken only when the lead is really created (a failed add does not use one up).
  const id = (portal.sequences.lead ?? 0) + 1
  const record = newLeadRecord(portal, id, caller.user)
  const { draft, outcome } = writeLeadFields(portal, record, fields, {
    mode: 'add',
    importMode: String(options.IMPORT ?? '').toUpperCase() === 'Y',
    caller: caller.user
  })
  if (caller.user.leadAccess === 'own') draft.values.ASSIGNED_BY_ID = String(caller.user.id)
  autoTitle(portal, draft)
  portal.nextId('lead')
  portal.leads.insert(draft)
  finishWrite(ctx, id, outcome, 'ONCRMLEADADD')
  return id
}

function update(ctx: CallContext): boolean {
  const { portal, caller } = ctx
  const id = idParam(ctx.params)
  const lead = accessibleLead(ctx, id, portal.settings.notFoundText)
  const fields = optionalMap(ctx, 'fields')
  optionalMap(ctx, 'params')
  const { draft, outcome } = writeLeadFields(portal, lead, fields, {
    mode: 'update',
    importMode: false,
    caller: caller.user
  })
  Object.assign(lead, draft)
  markLeadModified(portal, lead, caller.user.id)
  finishWrite(ctx, id, outcome, 'ONCRMLEADUPDATE')
  return true
}

function get(ctx: CallContext): Record<string, unknown> {
  const lead = accessibleLead(ctx, idParam(ctx.params), 'Not found')
  ctx.meter.add(COST.read)
  return leadToJson(lead, fullSelection(ctx.portal))
}

function list(ctx: CallContext): ListResult {
  const { portal, caller, params } = ctx
  if (caller.user.leadAccess === 'none') throw restErrors.accessDenied()
  const order = mapParam(params, 'order')
  const filter = mapParam(params, 'filter')
  const select = arrayParam(params, 'select', [])
  const selection = parseSelect(portal, Array.isArray(select) ? select : Object.values(select))
  const schema = leadListSchema(portal)
  const { offset, count } = parseStart(params.start)
  const page = runListQuery(
    portal.leads,
    schema,
    { filter, order: parseOrder(order, (field) => field === 'ID' || schema.kind(field) !== undefined), offset, count },
    // Rows the user may not read are simply absent.
    (lead) => canReadLead(caller.user, Number(lead.values.ASSIGNED_BY_ID))
  )
  ctx.meter.add(listPageCost(page.rows.length, selectionWidth(selection), page.total))
  const items = page.rows.map((lead) => leadToJson(lead, selection))
  // With start=-1 nothing is counted: total is 0 and there is no next.
  return new ListResult(items, count ? page.total : 0, page.next)
}

function remove(ctx: CallContext): boolean {
  const { portal } = ctx
  const id = idParam(ctx.params)
  accessibleLead(ctx, id, portal.settings.notFoundText)
  portal.leads.delete(id)
  portal.productRows.delete(id)
  portal.contactBindings.delete(id)
  ctx.meter.add(COST.write)
  ctx.emit('ONCRMLEADDELETE', { ID: String(id) })
  return true
}

export const leadMethods = methods({
  'crm.lead.add': { scope: 'crm', handler: add },
  'crm.lead.update': { scope: 'crm', handler: update },
  'crm.lead.get': { scope: 'crm', handler: get },
  'crm.lead.list': { scope: 'crm', handler: list },
  'crm.lead.delete': { scope: 'crm', handler: remove },
  'crm.lead.fields': {
    scope: 'crm',
    handler: (ctx) => {
      if (ctx.caller.user.leadAccess === 'none') throw restErrors.accessDenied()
      ctx.meter.add(COST.read)
      return leadFieldDescriptors(ctx.portal)
    }
  }
})
