/**
 * Errors of calls to a Bitrix24 portal (docs/bitrix24-protocol.md §2.2–3), classified so callers know what
 * to do: `retryable` (try again later, the call did not change anything or was a read), `auth`
 * (sign in again or refresh), `permanent` (the request itself is wrong: validation, access).
 */
export type PortalErrorKind = 'retryable' | 'auth' | 'permanent'

export class PortalError extends Error {
  constructor(
    /**
     * The portal's `error` code ('' for CRM validation), or one of ours: NETWORK, TIMEOUT, a
     * BAD_ANSWER code, PORTAL_MOVED.
     */
    readonly code: string,
    /** The portal's `error_description`, verbatim (may contain `<br>` and new lines). */
    readonly description: string,
    readonly status: number,
    readonly method: string,
    readonly kind: PortalErrorKind,
    /** For a write that failed in transit: it may have been executed on the portal. */
    readonly maybeExecuted = false
  ) {
    super(`${method}: ${code ? `${code}: ` : ''}${description}`)
    this.name = 'PortalError'
  }
}

/**
 * Our codes for answers that are not what a Bitrix24 portal answers: not JSON at all (an HTML
 * page, an empty or cut-off body), a `batch` without its result maps, a list method whose result
 * is not a list, rows whose IDs cannot be paged by.
 */
export const BAD_ANSWER = {
  notJson: 'BAD_RESPONSE',
  noResult: 'NO_RESULT',
  notList: 'NOT_A_LIST',
  badId: 'BAD_ROW_ID'
} as const
export type BadAnswerReason = keyof typeof BAD_ANSWER

/** Which kind of bad answer a code is, if it is one. */
export function badAnswerReason(code: string): BadAnswerReason | undefined {
  return (Object.keys(BAD_ANSWER) as BadAnswerReason[]).find((reason) => BAD_ANSWER[reason] === code)
}

/** Our code of a call refused because the portal redirected it to another address. */
export const PORTAL_MOVED = 'PORTAL_MOVED'

/**
 * The portal redirected a call to another origin, which the client does not follow: the request
 * carries the credentials. `secure` says whether the new address could be confirmed at all
 * (https, or plain http on this machine).
 */
export class PortalMovedError extends PortalError {
  constructor(
    method: string,
    /** The new origin, never its path. */
    readonly to: string,
    readonly secure: boolean
  ) {
    const why = secure ? 'not followed until the move is confirmed' : 'not followed: it is not a secure address'
    super(PORTAL_MOVED, `The portal redirected the call to ${to}; ${why}.`, 302, method, 'retryable')
    this.name = 'PortalMovedError'
  }
}

const RETRYABLE_CODES = new Set([
  'QUERY_LIMIT_EXCEEDED',
  'OPERATION_TIME_LIMIT',
  'OVERLOAD_LIMIT',
  'INTERNAL_SERVER_ERROR',
  'ERROR_UNEXPECTED_ANSWER',
  'REQUEST_TIMEOUT'
])
const AUTH_CODES = new Set([
  'expired_token',
  'invalid_token',
  'NO_AUTH_FOUND',
  'INVALID_CREDENTIALS',
  'authorization_error',
  'invalid_grant',
  'invalid_client',
  'APPLICATION_NOT_FOUND',
  'user_access_error'
])

export function classifyError(code: string, status: number): PortalErrorKind {
  if (AUTH_CODES.has(code)) return 'auth'
  if (RETRYABLE_CODES.has(code) || status >= 500 || status === 429) return 'retryable'
  return 'permanent'
}

export function portalError(code: string, description: string, status: number, method: string): PortalError {
  return new PortalError(code, description, status, method, classifyError(code, status))
}

/** A failure before an answer arrived (connection refused, reset, DNS, timeout). */
export function transportError(method: string, cause: unknown, maybeExecuted: boolean): PortalError {
  const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
  const message = cause instanceof Error ? cause.message : String(cause)
  return new PortalError(timedOut ? 'TIMEOUT' : 'NETWORK', message, 0, method, 'retryable', maybeExecuted)
}

/** Every call the client knows is a read: safe to send again after a failure in transit. */
const READ_METHOD =
  /\.(get|list|fields)$|^(profile|scope|app\.info|user\.current|user\.get|crm\.settings\.mode\.get)$|\.items\.get$|productrows\.get$|configuration\.get$/i

export function isReadMethod(method: string): boolean {
  return READ_METHOD.test(method)
}
