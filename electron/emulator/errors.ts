/**
 * An error the emulated portal answers with: `{ error, error_description }` and an HTTP status,
 * exactly as docs/bitrix24-protocol.md §2.2–3 describes. `code` may be the empty string (CRM validation).
 */
export class RestError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status = 400,
    /** Extra keys some errors carry (e.g. `argument`). */
    readonly extra: Record<string, unknown> = {}
  ) {
    super(`${code || '(empty code)'}: ${description}`)
  }

  toBody(): Record<string, unknown> {
    return { error: this.code, error_description: this.description, ...this.extra }
  }
}

/** A CRM business error: empty code, HTTP 400 (plain RestException). */
export const crmError = (description: string) => new RestError('', description, 400)
/** An error raised through PHP's application exception: code ERROR_CORE. */
export const coreError = (description: string, status = 400) => new RestError('ERROR_CORE', description, status)

export const restErrors = {
  methodNotFound: () => new RestError('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404),
  noAuth: () => new RestError('NO_AUTH_FOUND', 'Wrong authorization data', 401),
  expiredToken: () => new RestError('expired_token', 'The access token provided has expired.', 401),
  invalidToken: () => new RestError('invalid_token', 'The access token provided is invalid.', 401),
  insufficientScope: () =>
    new RestError(
      'insufficient_scope',
      'The request requires higher privileges than provided by the webhook token',
      403
    ),
  queryLimit: () => new RestError('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503),
  operationLimit: () => new RestError('OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.', 429),
  internal: () => new RestError('INTERNAL_SERVER_ERROR', 'Internal server error', 500),
  batchLength: () => new RestError('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded', 400),
  batchMethodNotAllowed: () =>
    new RestError('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage', 405),
  /** Emulator choice (UNCONFIRMED): the cloud kills requests after 60 s; we answer 504. */
  requestTimeout: () => new RestError('REQUEST_TIMEOUT', 'The request was stopped after 60 seconds of execution.', 504),
  accessDenied: () => crmError('Access denied.'),
  idInvalid: () => crmError('ID is not defined or invalid.')
}
