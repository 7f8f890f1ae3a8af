import { AppError } from '../errors'
import { PortalError } from './portal-error'

/**
 * Says in the app's terms why a portal call failed: unreachable, credentials refused, or an
 * error the portal reported (its code and text kept in `details`).
 */
export function explainPortalFailure(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error
  if (!(error instanceof PortalError)) {
    return new AppError('INTERNAL', `${action} failed unexpectedly.`)
  }
  const details = { portalCode: error.code, portalMessage: error.description, status: error.status }
  if (['NETWORK', 'TIMEOUT', 'BAD_RESPONSE'].includes(error.code)) {
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
