import type { ApiError } from '@contract'
import { ApiCallError } from '../api/client'
import en from './en'

type Translate = (key: string, values?: Record<string, unknown>, plural?: number) => string

function detailOf(details: unknown, key: string): string | undefined {
  if (details && typeof details === 'object' && key in details) {
    const value = (details as Record<string, unknown>)[key]
    return typeof value === 'string' ? value : undefined
  }
  return undefined
}

/** One problem of an INVALID_VALUE error: a code with what its message names (`message` is for the log). */
interface FieldProblem {
  field: string
  label?: string
  code: string
  message: string
  params?: Record<string, string | number>
  item?: number
}

/** Which message a field problem takes: out of range says which limit. */
function fieldMessageKey(problem: FieldProblem): string | undefined {
  if (problem.code === 'out_of_range') {
    if (problem.params?.min !== undefined) return 'below_minimum'
    if (problem.params?.max !== undefined) return 'above_maximum'
  }
  return problem.code in en.errors.field ? problem.code : undefined
}

function describeFieldProblem(t: Translate, problem: FieldProblem): string {
  const key = fieldMessageKey(problem)
  if (!key) return problem.message
  const name = problem.label ?? problem.field
  const field = problem.item === undefined ? name : t('errors.fieldItem', { field: name, item: problem.item + 1 })
  const values = { ...problem.params, field }
  const count = problem.params?.count
  return typeof count === 'number' ? t(`errors.field.${key}`, values, count) : t(`errors.field.${key}`, values)
}

/**
 * Why a change waits for the user (an outbox entry's `lastError`): the app's own reasons in the UI
 * language; a portal's refusal in the portal's own words.
 */
export function describeChangeError(t: Translate, error: { code: string; message: string } | undefined): string {
  if (!error) return ''
  return error.code in en.sync.reason ? t(`sync.reason.${error.code}`) : error.message
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
      const errors = (apiError.details as { errors?: FieldProblem[] } | undefined)?.errors
      const detail = errors?.map((error) => describeFieldProblem(t, error)).join('; ') ?? apiError.message
      return t('errors.INVALID_VALUE', { detail })
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
