/**
 * Exponential backoff with full jitter: attempt n waits a random time in [0, min(cap, base·2ⁿ)],
 * so many clients hitting a limit at once do not come back at the same moment.
 */
export interface BackoffOptions {
  baseMs: number
  capMs: number
  random?: () => number
}

export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** attempt)
  return Math.floor((options.random ?? Math.random)() * ceiling)
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason)
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
