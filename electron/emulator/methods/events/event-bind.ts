import { COST } from '../../limits/cost-model'
import type { EventHandlerBinding } from '../../state/portal'
import type { CallContext } from '../context'
import { isBindableEvent } from './event-catalog'
import { eventErrors } from './event-errors'
import { checkHandlerUrl, eventTypeOf, readEventRequest, requireApplication } from './event-request'

/**
 * `event.bind`, checked in the order of the rest module's Event::eventBind. A non-admin binds
 * for themself only and cannot bind offline events; an offline binding has no handler URL.
 */
export function eventBind(ctx: CallContext): true {
  requireApplication(ctx)
  const request = readEventRequest(ctx)
  let authType = request.authType ?? 0
  if (authType > 0) {
    if (!request.isAdmin && authType !== request.userId) {
      throw eventErrors.accessDenied('Event binding with AUTH_TYPE requires administrator access rights')
    }
  } else if (!request.isAdmin) {
    authType = request.userId
  }
  if (request.event === '') throw eventErrors.argumentNull('EVENT')
  const eventType = eventTypeOf(request)
  let handler = request.handler
  if (eventType === 'offline') {
    if (!request.isAdmin) throw eventErrors.accessDenied('Offline events binding requires administrator access rights')
    handler = ''
    authType = 0
  } else if (handler === '') {
    throw eventErrors.argumentNull('HANDLER')
  }
  if (handler !== '') checkHandlerUrl(handler)
  if (!isBindableEvent(request.event, ctx.caller.scopes)) throw eventErrors.eventNotFound()

  const owner = ctx.caller.credential
  const { eventHandlers } = ctx.portal
  // EventTable::checkUniq: one row per application, event, handler and user.
  const taken = eventHandlers.some(
    (binding) =>
      binding.owner === owner &&
      binding.event === request.event &&
      binding.handler === handler &&
      binding.authType === authType
  )
  if (taken) throw eventErrors.alreadyBound()
  const binding: EventHandlerBinding = {
    id: ctx.portal.nextId('eventHandler'),
    event: request.event,
    handler,
    authType,
    eventType,
    owner
  }
  eventHandlers.push(binding)
  ctx.meter.add(COST.write)
  return true
}
