import { restErrors } from '../errors'
import { COST } from '../limits/cost-model'
import { checkedLayout, layoutKey, personalLayoutKeys, type LeadCardOption } from '../state/card-layout'
import type { LayoutKey, LayoutSection } from '../state/portal'
import { methods, type CallContext } from './context'
import { findParam, isMap, phpInt, scalarParam, type Params } from './params'

/**
 * `crm.lead.details.configuration.get/set/reset/forceCommonScopeForAll` (docs/bitrix24-protocol.md §8.11):
 * the lead card layout, personal ("P", per user) or common ("C"), for normal or repeat leads.
 */

/** The only spellings of `userId` the proxy reads; `USER_ID` is not one of them. */
const USER_ID_KEYS = ['userId', 'userid', 'USERID', 'UserId']
/** Spellings of extras.leadCustomerType; the docs' dotted `lead.customer.type` is not read. */
const LEAD_CUSTOMER_TYPE_KEYS = [
  'leadCustomerType',
  'leadcustomertype',
  'LEADCUSTOMERTYPE',
  'LeadCustomerType',
  'LEAD_CUSTOMER_TYPE'
]
const RETURNING_CUSTOMER = 2

const firstOf = (map: Params, keys: string[]): unknown => map[keys.find((key) => Object.hasOwn(map, key)) ?? '']

/** Which layout a call addresses. */
interface Target {
  option: LeadCardOption
  scope: 'C' | 'P'
  /** The layout's owner for scope P: `userId` when it is a positive number, otherwise the caller. */
  userId: number
}

function optionOf(params: Params): LeadCardOption {
  const extras = findParam(params, 'extras')
  const customerType = isMap(extras) ? phpInt(firstOf(extras, LEAD_CUSTOMER_TYPE_KEYS)) : 0
  return customerType === RETURNING_CUSTOMER ? 'returning_lead_details' : 'lead_details'
}

function targetOf(ctx: CallContext): Target {
  const requestedUser = phpInt(firstOf(ctx.params, USER_ID_KEYS))
  return {
    option: optionOf(ctx.params),
    // Anything but "C" (even "c") is the personal scope.
    scope: scalarParam(ctx.params, 'scope') === 'C' ? 'C' : 'P',
    userId: requestedUser > 0 ? requestedUser : ctx.caller.user.id
  }
}

/**
 * EntityEditorConfig::canDoOperation: a personal layout is its owner's, or anyone's for a user who
 * may edit others' settings; the common one is readable by all and writable with the CRM
 * configuration right. Both rights are `canConfigure` here.
 */
function requireAccess(ctx: CallContext, target: Target, operation: 'read' | 'write'): LayoutKey {
  const { user } = ctx.caller
  const allowed =
    target.scope === 'C' ? operation === 'read' || user.canConfigure : target.userId === user.id || user.canConfigure
  if (!allowed) throw restErrors.accessDenied()
  return layoutKey(target.option, target.scope, target.userId)
}

function get(ctx: CallContext): LayoutSection[] | null {
  const key = requireAccess(ctx, targetOf(ctx), 'read')
  ctx.meter.add(COST.read)
  return ctx.portal.layouts.get(key) ?? null
}

function set(ctx: CallContext): true {
  const key = requireAccess(ctx, targetOf(ctx), 'write')
  const sections = checkedLayout(findParam(ctx.params, 'data'))
  ctx.meter.add(COST.write)
  ctx.portal.layouts.set(key, sections)
  return true
}

function reset(ctx: CallContext): true {
  const key = requireAccess(ctx, targetOf(ctx), 'write')
  ctx.meter.add(COST.write)
  ctx.portal.layouts.delete(key)
  return true
}

function forceCommonScopeForAll(ctx: CallContext): true {
  if (!ctx.caller.user.canConfigure) throw restErrors.accessDenied()
  ctx.meter.add(COST.write)
  const { layouts } = ctx.portal
  for (const key of personalLayoutKeys(layouts, optionOf(ctx.params))) layouts.delete(key)
  return true
}

export const leadDetailsConfigurationMethods = methods({
  'crm.lead.details.configuration.get': { scope: 'crm', handler: get },
  'crm.lead.details.configuration.set': { scope: 'crm', handler: set },
  'crm.lead.details.configuration.reset': { scope: 'crm', handler: reset },
  'crm.lead.details.configuration.forceCommonScopeForAll': { scope: 'crm', handler: forceCommonScopeForAll }
})
