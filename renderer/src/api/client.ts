import type { ApiError, Envelope, WindowApi } from '@contract'

/** The error a failed call throws in the renderer, carrying the contract's typed error. */
export class ApiCallError extends Error {
  readonly error: ApiError
  constructor(error: ApiError) {
    super(error.message)
    this.error = error
  }
}

let api: WindowApi | undefined

export function setApi(value: WindowApi): void {
  api = value
}

/** The bridge to the main process. Throws if the app was started without one. */
export function useApi(): WindowApi {
  if (!api) throw new Error('window.api is not available: start the app through Electron or the loopback bridge')
  return api
}

/** Resolves to the value of a call, or throws ApiCallError with the typed error. */
export async function unwrap<T>(call: Promise<Envelope<T>>): Promise<T> {
  const envelope = await call
  if (envelope.ok) return envelope.value
  throw new ApiCallError(envelope.error)
}
