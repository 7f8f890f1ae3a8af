import type { ApiError } from '@contract'
import { ApiCallError } from '../api/client'

type Translate = (key: string, values?: Record<string, unknown>) => string

function detailOf(details: unknown, key: string): string | undefined {
  if (details && typeof details === 'object' && key in details) {
    const value = (details as Record<string, unknown>)[key]
    return typeof value === 'string' ? value : undefined
  }
  return undefined
}

/** An error as the contract carries it (a call's, or a sync's `lastError`). */
function isApiError(error: unknown): error is ApiError {
  return (
    typeof error === 'object' && error !== null && 'code' in error && 'message' in error && !(error instanceof Error)
  )
}

/** A translated, user-facing sentence for any error a call can end with, or an ApiError itself. */
export function describeError(t: Translate, error: unknown): string {
  const apiError: ApiError =
    error instanceof ApiCallError
      ? error.error
      : isApiError(error)
        ? error
        : { code: 'TRANSPORT', message: error instanceof Error ? error.message : String(error) }
  switch (apiError.code) {
    case 'INVALID_WEBHOOK_URL': {
      const problem = detailOf(apiError.details, 'problem')
      return problem ? t(`errors.webhook.${problem}`) : t('errors.INVALID_WEBHOOK_URL')
    }
    case 'INVALID_VALUE': {
      const errors = (apiError.details as { errors?: Array<{ message: string }> } | undefined)?.errors
      return t('errors.INVALID_VALUE', { detail: errors?.map((error) => error.message).join('; ') ?? apiError.message })
    }
    case 'SIGN_IN_FAILED': {
      const reason = detailOf(apiError.details, 'reason')
      return reason ? t(`errors.signIn.${reason}`) : t('errors.SIGN_IN_FAILED', { detail: apiError.message })
    }
    case 'PORTAL_BAD_ANSWER': {
      const reason = detailOf(apiError.details, 'reason')
      return reason ? t(`errors.badAnswer.${reason}`) : t('errors.PORTAL_BAD_ANSWER', { detail: apiError.message })
    }
    case 'PORTAL_MOVED': {
      const to = detailOf(apiError.details, 'to') ?? '—'
      const confirmable = (apiError.details as { confirmable?: unknown } | undefined)?.confirmable
      if (confirmable === undefined) return t('errors.PORTAL_MOVED', { to })
      return t(confirmable ? 'errors.moved.confirmable' : 'errors.moved.insecure', { to })
    }
    case 'INVALID_ARGUMENT': {
      const issues = (apiError.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues
      const detail = issues?.map((issue) => `${issue.path || '—'}: ${issue.message}`).join('; ') ?? apiError.message
      return t('errors.INVALID_ARGUMENT', { detail })
    }
    default:
      return t(`errors.${apiError.code}`, { detail: apiError.message })
  }
}
