import { RestError } from '../../errors'

/**
 * Errors of the rest module's `event.*` methods, as its exception classes build them:
 * AccessException prefixes "Access denied!", ArgumentException carries the argument name.
 */
export const eventErrors = {
  /** AuthTypeException: `event.*` need an application (OAuth) context; webhooks are refused. */
  wrongAuthType: () => new RestError('WRONG_AUTH_TYPE', 'Current authorization type is denied for this method', 403),
  accessDenied: (detail: string) => new RestError('ACCESS_DENIED', `Access denied! ${detail}`, 403),
  argumentNull: (argument: string) =>
    new RestError('ERROR_ARGUMENT', `Argument '${argument}' is null or empty`, 400, { argument }),
  wrongEventType: () =>
    new RestError('ERROR_ARGUMENT', 'Value must be one of {online|offline}', 400, { argument: 'EVENT_TYPE' }),
  eventNotFound: () => new RestError('ERROR_EVENT_NOT_FOUND', 'Event not found', 400),
  wrongHandlerUrl: () => new RestError('ERROR_WRONG_HANDLER_URL', 'Wrong handler URL', 400),
  unsupportedProtocol: () => new RestError('ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported handler protocol', 400),
  alreadyBound: () => new RestError('ERROR_CORE', 'Unable to set event handler: Handler already binded', 400)
}
