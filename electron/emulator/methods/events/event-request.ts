import type { CallContext } from '../context'
import { phpInt } from '../params'
import { phpText, upperKeys } from '../php-values'
import { eventErrors } from './event-errors'

export type EventType = 'online' | 'offline'

/** The parameters `event.bind` / `event.unbind` share, read the way the portal reads them. */
export interface EventRequest {
  /** Upper-cased event name ('' when missing). */
  event: string
  /** `event_type` as sent; check it with `eventTypeOf` at the point the portal does. */
  rawEventType: unknown
  handler: string
  /** `auth_type` as sent (undefined when absent), cast with (int). */
  authType: number | undefined
  isAdmin: boolean
  userId: number
}

/** Only application tokens may manage event handlers (`AuthTypeException` for webhooks). */
export function requireApplication(ctx: CallContext): void {
  if (ctx.caller.kind !== 'oauth') throw eventErrors.wrongAuthType()
}

/** `online` (default) or `offline`; anything else is an argument error. */
export function eventTypeOf(request: EventRequest): EventType {
  const type = phpText(request.rawEventType).toLowerCase()
  if (type === '') return 'online'
  if (type !== 'online' && type !== 'offline') throw eventErrors.wrongEventType()
  return type
}

/** Reads the request; keys are case-insensitive (the portal upper-cases them). */
export function readEventRequest(ctx: CallContext): EventRequest {
  const query = upperKeys(ctx.params)
  const rawAuthType = query.AUTH_TYPE
  return {
    event: phpText(query.EVENT).toUpperCase(),
    rawEventType: query.EVENT_TYPE,
    handler: phpText(query.HANDLER),
    authType: rawAuthType === undefined || rawAuthType === null ? undefined : phpInt(rawAuthType),
    isAdmin: ctx.caller.user.isAdmin,
    userId: ctx.caller.user.id
  }
}

/**
 * HandlerHelper::checkCallback: the URL needs a host with a dot in it (so `localhost` is refused,
 * `127.0.0.1` is fine) and the http or https scheme.
 */
export function checkHandlerUrl(handler: string): void {
  let url: URL
  try {
    url = new URL(handler)
  } catch {
    throw eventErrors.wrongHandlerUrl()
  }
  if (url.hostname.indexOf('.') <= 0) throw eventErrors.wrongHandlerUrl()
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw eventErrors.unsupportedProtocol()
}
