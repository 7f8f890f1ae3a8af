/** Errors that cross the bridge. */

export const errorCodes = [
  'INVALID_ARGUMENT',
  'UNKNOWN_CHANNEL',
  'UNTRUSTED_SENDER',
  'NOT_FOUND',
  'INVALID_WEBHOOK_URL',
  'INVALID_PORTAL_ADDRESS',
  'SECRET_STORE_UNAVAILABLE',
  /** The portal could not be reached (network, timeout, a gateway's error page). */
  'PORTAL_UNREACHABLE',
  /**
   * The portal answered, but not as a Bitrix24 portal does; `details.reason`: `notJson` (an HTML
   * page, an empty or cut-off body), `noResult` (a batch without its results), `notList` (a list
   * method's result is not a list), `badId` (rows whose IDs are not numbers in order).
   */
  'PORTAL_BAD_ANSWER',
  /**
   * The portal redirected to another address, which is not followed (the request carries the
   * credentials). `details.to` is the new origin; `details.confirmable` false when it is not a
   * secure address, else the portal's summary shows the move for the user to confirm.
   */
  'PORTAL_MOVED',
  /** The portal refused the credentials (wrong webhook code, revoked app). */
  'PORTAL_REJECTED',
  /** The webhook or app lacks the `crm` scope. */
  'MISSING_SCOPE',
  /** OAuth tokens can no longer be refreshed: the user must sign in again. */
  'SIGN_IN_REQUIRED',
  /** The browser sign-in did not finish; `details.reason` says why. */
  'SIGN_IN_FAILED',
  /** The portal answered with an error; `details` has its code and text. */
  'PORTAL_ERROR',
  'CANCELLED',
  /** A lead value breaks a rule known locally; `details.errors` lists field, code and message. */
  'INVALID_VALUE',
  'INTERNAL',
  /** Made on the renderer side when the bridge itself fails (connection lost). */
  'TRANSPORT'
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** Every failure reaches the renderer in this shape, never as a bare string. */
export interface ApiError {
  code: ErrorCode
  message: string
  details?: unknown
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError }
