import { coreError, RestError, restErrors } from '../errors'
import { COST } from '../limits/cost-model'
import { applyUserFieldUpdate, draftUserField } from '../state/userfield-edit'
import { prepareEnumChanges, setEnumValues } from '../state/userfield-enum'
import { adminExceptionText, isSet, LEAD_UF_ENTITY } from '../state/userfield-normalize'
import type { UserFieldDef } from '../state/userfield-types'
import { ListResult, methods, type CallContext } from './context'
import { requireCrmAccess } from './crm-permissions'
import { findParam, idParam, isMap, mapParam } from './params'
import { userFieldQuery } from './userfields/userfield-list-query'
import { userFieldView } from './userfields/userfield-view'

/**
 * `crm.lead.userfield.add/get/list/update/delete` (docs/bitrix24-protocol.md §8.10): the rest module's
 * UserFieldProxy for entity CRM_LEAD with prefix CRM. Permission failures are the source's plain
 * `Access denied.` (code "", HTTP 400), not the docs' 403.
 */

/** Creating, changing and deleting fields is a CRM settings right. */
function requireConfigure(ctx: CallContext): void {
  if (!ctx.caller.user.canConfigure) throw restErrors.accessDenied()
}

function findField(ctx: CallContext, id: number): UserFieldDef {
  const field = ctx.portal.userFields.find((candidate) => candidate.id === id)
  if (!field) throw new RestError('ERROR_NOT_FOUND', `The entity with ID '${id}' is not found.`, 400)
  return field
}

function emitFieldEvent(ctx: CallContext, event: string, field: UserFieldDef): void {
  ctx.emit(event, { ID: field.id, ENTITY_ID: LEAD_UF_ENTITY, FIELD_NAME: field.fieldName })
}

/** SetEnumValues failures come back as ERROR_CORE after the field itself was already saved. */
function saveEnumValues(ctx: CallContext, field: UserFieldDef, list: unknown, mode: 'add' | 'update'): void {
  const errors = setEnumValues(ctx.portal, field, prepareEnumChanges(list, field.multiple, mode))
  if (errors.length > 0) throw coreError(adminExceptionText(errors))
}

function add(ctx: CallContext): number {
  requireConfigure(ctx)
  // Without `fields` the proxy takes the whole parameter map as the fields.
  const sentFields = findParam(ctx.params, 'fields')
  const sent = isMap(sentFields) ? sentFields : ctx.params
  ctx.meter.add(COST.write)
  const draft = draftUserField(ctx.portal.userFields, sent, ctx.portal.clock)
  const field: UserFieldDef = { id: ctx.portal.nextId('userField'), ...draft }
  ctx.portal.userFields.push(field)
  if (field.userTypeId === 'enumeration') saveEnumValues(ctx, field, sent.LIST, 'add')
  emitFieldEvent(ctx, 'ONCRMLEADUSERFIELDADD', field)
  return field.id
}

function get(ctx: CallContext): Record<string, unknown> {
  const id = idParam(ctx.params)
  requireCrmAccess(ctx.caller.user)
  ctx.meter.add(COST.read)
  return userFieldView(findField(ctx, id), { kind: 'maps' })
}

function list(ctx: CallContext): ListResult {
  const order = mapParam(ctx.params, 'order')
  const filter = mapParam(ctx.params, 'filter')
  requireCrmAccess(ctx.caller.user)
  ctx.meter.add(COST.read)
  const query = userFieldQuery(order, filter)
  const items = ctx.portal.userFields
    .filter((field) => query.matches(field))
    .sort((a, b) => query.compare(a, b))
    .map((field) => userFieldView(field, query.labels))
  return new ListResult(items, items.length, undefined)
}

function update(ctx: CallContext): true {
  const id = idParam(ctx.params)
  const sent = mapParam(ctx.params, 'fields')
  requireConfigure(ctx)
  const field = findField(ctx, id)
  ctx.meter.add(COST.write)
  applyUserFieldUpdate(field, sent, ctx.portal.clock)
  const changesList = field.userTypeId === 'enumeration' && isSet(sent.LIST)
  if (changesList) saveEnumValues(ctx, field, sent.LIST, 'update')
  emitFieldEvent(ctx, 'ONCRMLEADUSERFIELDUPDATE', field)
  if (changesList) emitFieldEvent(ctx, 'ONCRMLEADUSERFIELDSETENUMVALUES', field)
  return true
}

function remove(ctx: CallContext): true {
  const id = idParam(ctx.params)
  requireConfigure(ctx)
  const field = findField(ctx, id)
  ctx.meter.add(COST.write)
  ctx.portal.userFields = ctx.portal.userFields.filter((candidate) => candidate !== field)
  for (const lead of ctx.portal.leads.all()) delete lead.uf[field.fieldName]
  emitFieldEvent(ctx, 'ONCRMLEADUSERFIELDDELETE', field)
  return true
}

export const leadUserFieldMethods = methods({
  'crm.lead.userfield.add': { scope: 'crm', handler: add },
  'crm.lead.userfield.get': { scope: 'crm', handler: get },
  'crm.lead.userfield.list': { scope: 'crm', handler: list },
  'crm.lead.userfield.update': { scope: 'crm', handler: update },
  'crm.lead.userfield.delete': { scope: 'crm', handler: remove }
})
