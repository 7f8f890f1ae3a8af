import { COST } from '../../limits/cost-model'
import type { EventHandlerBinding } from '../../state/portal'
import type { CallContext } from '../context'
import { eventErrors } from './event-errors'
import { eventTypeOf, readEventRequest, requireApplication } from './event-request'

/**
 * `event.unbind` → `{count}`. Matches this application's bindings of the event and handler; with
 * `auth_type` only that user's, and a non-admin only their own. Offline: the handler-less ones.
 */
export function eventUnbind(ctx: CallContext): { count: number } {
  requireApplication(ctx)
  const request = readEventRequest(ctx)
  if (request.event === '') throw eventErrors.argumentNull('EVENT')
  const eventType = eventTypeOf(request)
  let handler = request.handler
  let onlyUser: number | undefined
  if (eventType === 'offline') {
    if (!request.isAdmin)
      throw eventErrors.accessDenied('Offline events unbinding requires administrator access rights')
    handler = ''
  } else {
    if (handler === '') throw eventErrors.argumentNull('HANDLER')
    if (request.authType !== undefined) {
      if (!request.isAdmin && request.authType !== request.userId) {
        throw eventErrors.accessDenied('Event unbinding with AUTH_TYPE requires administrator access rights')
      }
      onlyUser = request.authType
    } else if (!request.isAdmin) {
      onlyUser = request.userId
    }
  }
  const matches = (binding: EventHandlerBinding) =>
    binding.owner === ctx.caller.credential &&
    binding.event === request.event &&
    binding.handler === handler &&
    (onlyUser === undefined || binding.authType === onlyUser)
  const before = ctx.portal.eventHandlers.length
  ctx.portal.eventHandlers = ctx.portal.eventHandlers.filter((binding) => !matches(binding))
  ctx.meter.add(COST.write)
  return { count: before - ctx.portal.eventHandlers.length }
}
