import { backoffDelay, sleep, type BackoffOptions } from './backoff'
import { log } from '../log'
import { OperatingTracker } from './operating-tracker'
import { PortalLink } from './portal-link'
import {
  BAD_ANSWER,
  isReadMethod,
  portalError,
  PortalError,
  PortalMovedError,
  transportError,
  type PortalErrorKind
} from './portal-error'
import { RateLimiter } from './rate-limiter'
import { redact } from '../redact'
import { isSecureOrLocal } from './secure-address'
import { BadResponseError, exchange, type TransportOptions } from './transport'
import type { PortalLimitCode } from '../../contract/sync'

/** Where calls go, and with what: a webhook base URL, or the OAuth REST endpoint and a token. */
export interface PortalCredentials {
  /** Ends with '/': `https://x.bitrix24.com/rest/1/code/` or `https://x.bitrix24.com/rest/`. */
  baseUrl: string
  /** OAuth only; sent as the `auth` parameter. */
  accessToken?: string
}

/** What the client needs from sign-in. Implemented by the webhook and OAuth sessions. */
export interface AuthProvider {
  credentials(): Promise<PortalCredentials>
  /**
   * Gets fresh credentials after `expired_token`. Must be single-flight: many calls failing at
   * once cause one refresh. Absent for webhooks (they never expire).
   */
  refresh?(expired: PortalCredentials): Promise<void>
  /**
   * The portal redirected a call to another secure address (`origin`). The call was not sent
   * there: the provider notes the address for the user to confirm, and must not use it before.
   */
  movedTo?(origin: string): Promise<void>
}

/** The `time` block of an answer (every key optional, docs/bitrix24-protocol.md §2.1). */
export interface TimeInfo {
  start?: number
  finish?: number
  duration?: number
  processing?: number
  date_start?: string
  date_finish?: string
  operating?: number
  operating_reset_at?: number
}

export interface CallResult<T> {
  result: T
  total?: number
  next?: number
  time?: TimeInfo
}

export interface CallOptions {
  signal?: AbortSignal
  /**
   * Whether the call changes data. A write is never sent again after a failure in transit (it may
   * have been executed); by default, methods named like reads are reads.
   */
  write?: boolean
  /** The result is returned unparsed, as a RawJson, to be read in parts (big batch answers). */
  rawResult?: boolean
}

export interface PortalClientOptions extends TransportOptions {
  auth: AuthProvider
  limiter?: RateLimiter
  operating?: OperatingTracker
  backoff?: BackoffOptions
  /** Attempts for one call across every kind of retry. */
  maxAttempts?: number
}

export interface ClientStats {
  requests: number
  retries: number
  refreshes: number
  waitedMs: number
}

const MAX_MOVES = 3

/**
 * The REST client for one portal: every call goes through the portal's leaky bucket and
 * operating-time budget as we track them, retries what is safe to retry, refreshes an expired
 * OAuth token once, and turns every failure into a PortalError.
 *
 * Redirects: the request carries the webhook code (in its URL) or the access token (in its body),
 * so it is sent again only to the same origin (another path on the same portal). A redirect to
 * another origin or to plain http is refused — the call fails with a PortalMovedError that names
 * only the new origin — and a secure new address is handed to the credentials provider, which
 * keeps it for the user to confirm (docs/bitrix24-protocol.md §1.1).
 */
export class PortalClient {
  readonly limiter: RateLimiter
  readonly operating: OperatingTracker
  readonly stats: ClientStats = { requests: 0, retries: 0, refreshes: 0, waitedMs: 0 }
  /** Whether the portal answers right now, told as each attempt goes (not when a call gives up). */
  readonly link = new PortalLink()
  private readonly backoff: BackoffOptions
  /** The credentials of the latest attempt: their secrets are cut out of failures. */
  private lastCredentials: PortalCredentials | undefined
  private readonly maxAttempts: number

  constructor(private readonly options: PortalClientOptions) {
    this.limiter = options.limiter ?? RateLimiter.forPlan('standard')
    this.operating = options.operating ?? new OperatingTracker()
    this.backoff = options.backoff ?? { baseMs: 500, capMs: 15_000 }
    this.maxAttempts = options.maxAttempts ?? 8
  }

  private async wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0) return
    this.stats.waitedMs += ms
    await sleep(ms, signal)
  }

  /** A wait for one of the portal's limits: the link says so while it lasts. */
  private waitForLimit(code: PortalLimitCode, ms: number, signal?: AbortSignal): Promise<void> {
    return this.link.waitOut(code, ms, (wait) => this.wait(wait, signal))
  }

  async call<T = unknown>(
    method: string,
    params: Record<string, unknown> = {},
    options: CallOptions = {}
  ): Promise<CallResult<T>> {
    try {
      return await this.send<T>(method, params, options)
    } catch (error) {
      // Refused credentials end a call wherever they come from: an answer, or a failed refresh.
      if (error instanceof PortalError && error.kind === 'auth') this.link.refused(error.code)
      throw this.withoutSecrets(error)
    }
  }

  /**
   * A failure's text may quote the request (a proxy's error page, a network error naming the
   * URL): the webhook code and the access token are cut out before it goes anywhere.
   */
  private withoutSecrets(error: unknown): unknown {
    const used = this.lastCredentials
    if (!(error instanceof PortalError) || !used) return error
    const description = redact(error.description, secretsOf(used))
    if (description === error.description) return error
    return new PortalError(error.code, description, error.status, error.method, error.kind, error.maybeExecuted)
  }

  private async send<T>(method: string, params: Record<string, unknown>, options: CallOptions): Promise<CallResult<T>> {
    const { signal } = options
    const write = options.write ?? !isReadMethod(method)
    let refreshed = false
    let moves = 0
    // Set by a redirect within the portal's own origin: the rest of this call goes there.
    let redirectedTo: string | undefined
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted()
      await this.waitForLimit('OPERATION_TIME_LIMIT', this.operating.waitFor(method), signal)
      await this.waitForLimit('QUERY_LIMIT_EXCEEDED', this.limiter.reserve(), signal)
      const credentials = await this.options.auth.credentials()
      this.lastCredentials = credentials
      const body = credentials.accessToken ? { ...params, auth: credentials.accessToken } : params
      let outcome: Awaited<ReturnType<typeof exchange>>
      try {
        this.stats.requests++
        const url = redirectedTo ?? `${credentials.baseUrl}${method}`
        outcome = await exchange(url, body, signal, this.options, options.rawResult)
      } catch (cause) {
        if (signal?.aborted) throw signal.reason
        const failure =
          cause instanceof BadResponseError
            ? new PortalError(BAD_ANSWER.notJson, cause.message, cause.status, method, 'retryable', write)
            : transportError(method, cause, write)
        const unreachable = failure.code !== BAD_ANSWER.notJson || failure.status >= 500
        // A write may have been executed: never send it twice on our own.
        if (write || attempt + 1 >= this.maxAttempts) {
          if (unreachable) this.link.unreachable(failure.code)
          throw failure
        }
        await this.retryAfter(attempt, signal, unreachable ? failure.code : undefined)
        continue
      }

      if (outcome.kind === 'moved') {
        if (++moves > MAX_MOVES)
          throw new PortalError('TOO_MANY_MOVES', 'The portal keeps moving.', 302, method, 'permanent')
        const target = new URL(outcome.location)
        if (target.origin === new URL(credentials.baseUrl).origin) {
          redirectedTo = target.href
          continue
        }
        throw await this.refuseMove(method, target, credentials)
      }

      const { status, body: answer } = outcome
      const time = answer.time as TimeInfo | undefined
      if (!('error' in answer)) {
        this.link.reached()
        this.operating.record(method, time)
        return {
          result: answer.result as T,
          total: numberOrUndefined(answer.total),
          next: numberOrUndefined(answer.next),
          time
        }
      }

      const error = portalError(String(answer.error), String(answer.error_description ?? ''), status, method)
      if (!failsOnItsSide(error.code, error.kind, status)) this.link.reached()
      if (attempt + 1 >= this.maxAttempts) {
        if (failsOnItsSide(error.code, error.kind, status)) this.link.unreachable(error.code)
        throw error
      }
      switch (error.code) {
        case 'QUERY_LIMIT_EXCEEDED':
          // Refused before it ran: safe to send again, reads and writes alike. The bucket is
          // fuller than we counted (another app may share it): the limiter now waits for a slot.
          this.limiter.markFull()
          this.stats.retries++
          continue
        case 'OPERATION_TIME_LIMIT':
          this.operating.markBlocked(method)
          this.stats.retries++
          continue
        case 'expired_token':
          if (refreshed || !this.options.auth.refresh) throw error
          refreshed = true
          this.stats.refreshes++
          await this.options.auth.refresh(credentials)
          continue
        default:
          // A server failure may have happened half-way: only reads go again. A request stopped
          // at the 60-second cap would only be stopped again: the caller must make it smaller.
          if (error.kind === 'retryable' && !write && error.code !== 'REQUEST_TIMEOUT') {
            await this.retryAfter(
              attempt,
              signal,
              failsOnItsSide(error.code, error.kind, status) ? error.code : undefined
            )
            continue
          }
          if (failsOnItsSide(error.code, error.kind, status)) this.link.unreachable(error.code)
          throw error
      }
    }
  }

  /**
   * A redirect to another origin is not followed. A secure one is offered to the credentials
   * provider for the user to confirm; the error names the origin only (a path may echo the
   * webhook code back).
   */
  private async refuseMove(method: string, target: URL, credentials: PortalCredentials): Promise<PortalMovedError> {
    const secure = isSecureOrLocal(target) && !target.username && !target.password
    const origin = redact(target.origin, secretsOf(credentials))
    if (secure) {
      try {
        await this.options.auth.movedTo?.(origin)
      } catch (error) {
        log.warn(`Could not note that the portal asks to move to ${origin}`, error)
      }
    }
    return new PortalMovedError(method, origin, secure)
  }

  /**
   * Waits before the next attempt; `unreachableCode` when the portal could not be reached. From
   * the second failure in a row the link tells it, and when the next try goes: a single failure
   * that the next try mends at once (a kept-alive connection the server had just closed) is no
   * outage worth showing.
   */
  private async retryAfter(attempt: number, signal?: AbortSignal, unreachableCode?: string): Promise<void> {
    this.stats.retries++
    const delay = backoffDelay(attempt, this.backoff)
    if (unreachableCode !== undefined && attempt >= 1) this.link.unreachable(unreachableCode, delay)
    await this.wait(delay, signal)
  }
}

/** What a request carries that must never show: the access token, the parts of a webhook's path. */
function secretsOf(credentials: PortalCredentials): string[] {
  return [credentials.accessToken ?? '', ...new URL(credentials.baseUrl).pathname.split('/')]
}

/**
 * An error answer that says the portal itself is failing (a server error, not a refusal of this
 * call): as far as the user is concerned, it cannot be reached. Its limits are not failures.
 */
function failsOnItsSide(code: string, kind: PortalErrorKind, status: number): boolean {
  return kind === 'retryable' && status >= 500 && code !== 'QUERY_LIMIT_EXCEEDED' && code !== 'OPERATION_TIME_LIMIT'
}

function numberOrUndefined(value: unknown): number | undefined {
  return value === undefined || value === null ? undefined : Number(value)
}
