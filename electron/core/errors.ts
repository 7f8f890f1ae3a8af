import type { ApiError, ErrorCode } from '../contract'

/** An error meant for the user: it crosses the bridge with its code, message and details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'AppError'
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

/**
 * Turns anything thrown into the wire shape. Unknown errors keep only a generic message so no
 * internal detail (paths, tokens inside URLs) leaks to the renderer; the caller logs the original.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return error.toApiError()
  return { code: 'INTERNAL', message: 'Something went wrong inside the app. The details are in the log.' }
}
