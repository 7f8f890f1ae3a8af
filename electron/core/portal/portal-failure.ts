import { AppError } from '../errors'
import { badAnswerReason, PortalError, PortalMovedError } from './portal-error'

/**
 * Says in the app's terms why a portal call failed: unreachable, an answer that is not a
 * Bitrix24 answer, a portal that moved, credentials refused, or an error the portal reported
 * (its code and text kept in `details`).
 */
export function explainPortalFailure(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error
  if (!(error instanceof PortalError)) {
    return new AppError('INTERNAL', `${action} failed unexpectedly.`)
  }
  const details = { portalCode: error.code, portalMessage: error.description, status: error.status }
  if (error instanceof PortalMovedError) {
    // Only the new origin: never the path, which may quote the webhook code.
    return new AppError('PORTAL_MOVED', `${action}: ${error.description}`, {
      to: error.to,
      domain: new URL(error.to).host,
      confirmable: error.secure
    })
  }
  const badAnswer = badAnswerReason(error.code)
  // A gateway's error page (5xx) is the way to the portal failing, not the portal.
  if (badAnswer && !(badAnswer === 'notJson' && error.status >= 500)) {
    return new AppError(
      'PORTAL_BAD_ANSWER',
      `${action}: the portal answered with something that is not a Bitrix24 answer (${error.description}).`,
      { ...details, reason: badAnswer }
    )
  }
  if (['NETWORK', 'TIMEOUT'].includes(error.code) || badAnswer) {
    return new AppError(
      'PORTAL_UNREACHABLE',
      `${action}: the portal could not be reached (${error.description}).`,
      details
    )
  }
  if (error.code === 'SIGN_IN_REQUIRED') {
    return new AppError('SIGN_IN_REQUIRED', 'The portal sign-in has expired. Sign in again.', details)
  }
  if (error.code === 'insufficient_scope') {
    return new AppError(
      'MISSING_SCOPE',
      `${action}: the webhook or application lacks a permission (${error.description || error.method}).`,
      details
    )
  }
  if (error.kind === 'auth') {
    return new AppError(
      'PORTAL_REJECTED',
      `${action}: the portal refused the credentials (${error.description}).`,
      details
    )
  }
  return new AppError(
    'PORTAL_ERROR',
    `${action}: the portal answered ${error.code || 'an error'}: ${error.description}`,
    details
  )
}
