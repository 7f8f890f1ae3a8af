import type { CallContext } from '../context'
import { requireApplication } from './event-request'

type HandlerRow =
  | { event: string; handler: string; auth_type: string; offline: 0 }
  | { event: string; connector_id: string; offline: 1 }

/**
 * `event.get`: this application's bindings by ID; a non-admin sees only their own. `auth_type`
 * is a string (a database column), offline rows carry `connector_id` instead of a handler.
 */
export function eventGet(ctx: CallContext): HandlerRow[] {
  requireApplication(ctx)
  const { user, credential } = ctx.caller
  return ctx.portal.eventHandlers
    .filter((binding) => binding.owner === credential && (user.isAdmin || binding.authType === user.id))
    .sort((a, b) => a.id - b.id)
    .map((binding): HandlerRow =>
      binding.handler === ''
        ? { event: binding.event, connector_id: '', offline: 1 }
        : { event: binding.event, handler: binding.handler, auth_type: String(binding.authType), offline: 0 }
    )
}
