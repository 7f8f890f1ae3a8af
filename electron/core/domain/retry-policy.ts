import { SIGN_IN_REQUIRED } from '../auth/oauth-session'
import { backoffDelay } from '../portal/backoff'
import { classifyError, PORTAL_MOVED, PortalError, type PortalErrorKind } from '../portal/portal-error'
import type { OutboxOp } from './lead-types'

/**
 * What to do with an outbox op whose push failed (docs/architecture.md §5): retry on a timer with
 * backoff, park it as "needs attention" with the portal's message (it never blocks the rest of
 * the queue), or wait for the user to sign in again. A write that may have reached the portal
 * before the connection failed is retried only after the check that makes the retry safe.
 */

/** A push failure as the policy needs it; `failureOf` makes one from anything thrown. */
export interface Failure {
  kind: PortalErrorKind
  code: string
  /** The portal's error_description, verbatim. */
  description: string
  status: number
  /** The request may have been executed on the portal (the answer was lost). */
  maybeExecuted: boolean
}

/** Code of a failure that is none: the sync was cancelled while the op was under way. */
export const CANCELLED = 'CANCELLED'

/** Code of an op whose request cannot even be built (text with no UTF-8 form, ...): it never left. */
export const UNSENDABLE = 'UNSENDABLE'

/** The sync engine cancels with an AbortError; the client rethrows it as it is. */
const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError'

export function failureOf(error: unknown): Failure {
  if (error instanceof PortalError) {
    const { kind, code, description, status, maybeExecuted } = error
    return { kind, code, description, status, maybeExecuted }
  }
  if (isAbort(error)) {
    // The request may have left before the cancel: a retry checks first, as after a lost answer.
    const description = 'The sync was cancelled while this change was being sent.'
    return { kind: 'retryable', code: CANCELLED, description, status: 0, maybeExecuted: true }
  }
  if (error instanceof URIError) {
    // The request could not even be encoded: it never left, and it fails the same way every time.
    const description = `The request could not be built: ${error.message}.`
    return { kind: 'permanent', code: UNSENDABLE, description, status: 0, maybeExecuted: false }
  }
  // Not a portal answer: nothing says the request was not sent, so a retry checks first.
  const description = error instanceof Error ? error.message : String(error)
  return { kind: 'retryable', code: 'UNEXPECTED', description, status: 0, maybeExecuted: true }
}

/** What must be checked before a write that may have been executed is sent again. */
export type WriteCheck =
  /** Nothing: the write did not happen, or sending it again gives the same state. */
  | { kind: 'none' }
  /** A create: look the lead up by ORIGIN_ID; when found, take its ID instead of creating it again. */
  | { kind: 'find-by-origin-id'; originId: string }
  /** An update: read the lead and merge again; `mergeUpdate` drops what already arrived (added phones too). */
  | { kind: 'merge-again' }
  /** A delete: when the lead is gone, the delete went through. */
  | { kind: 'lead-exists' }

export type OpError = NonNullable<OutboxOp['lastError']>

export type RetryDecision =
  | { action: 'retry'; at: number; attempts: number; check: WriteCheck; lastError: OpError }
  /** Needs attention: the user fixes the value, retries or discards; the rest of the queue goes on. */
  | { action: 'park'; attempts: number; lastError: OpError }
  /** The credentials no longer work: hold the queue (attempts unchanged) until the user signs in. */
  | { action: 'await-sign-in'; lastError: OpError }
  /** The portal no longer has the lead: show it as deleted on the portal, the user decides. */
  | { action: 'lead-deleted'; lastError: OpError }
  /** A delete of a lead that is already gone: nothing left to do. */
  | { action: 'done' }

export interface RetryOptions {
  baseDelayMs: number
  maxDelayMs: number
  /** No retry sooner than this, whatever the jitter drew. */
  minDelayMs: number
  /**
   * Failed tries of one op (of any kind) after which a server error (5xx, or an unexpected
   * failure) parks it: the op itself may cause them. Connection and rate-limit failures never park.
   */
  maxServerFailures: number
  random?: () => number
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  minDelayMs: 1_000,
  maxServerFailures: 8
}

/**
 * Failures of the connection or of the portal's limits, or a portal that answers from another
 * address until the user confirms it: they say nothing about the op.
 */
const LINK_AND_LOAD_CODES = new Set([
  'NETWORK',
  'TIMEOUT',
  PORTAL_MOVED,
  'QUERY_LIMIT_EXCEEDED',
  'OPERATION_TIME_LIMIT',
  'OVERLOAD_LIMIT'
])

const isLinkOrLoad = (failure: Failure) =>
  LINK_AND_LOAD_CODES.has(failure.code) || failure.status === 429 || failure.status === 503

/** "Not found" in its spellings (§8.2, §12 #2–3): `""` + "Not found", "Lead is not found", ERROR_NOT_FOUND. */
const isNotFound = (failure: Failure) =>
  failure.code === 'ERROR_NOT_FOUND' || failure.code === 'NOT_FOUND' || /\bnot found\b/i.test(failure.description)

function writeCheck(op: Pick<OutboxOp, 'kind' | 'clientKey'>, failure: Failure): WriteCheck | undefined {
  if (!failure.maybeExecuted) return { kind: 'none' }
  switch (op.kind) {
    case 'create':
      return op.clientKey ? { kind: 'find-by-origin-id', originId: op.clientKey } : undefined
    case 'update':
      return { kind: 'merge-again' }
    case 'delete':
      return { kind: 'lead-exists' }
    case 'productrows':
    case 'contacts':
      // Both replace the whole set: the same request again gives the same state.
      return { kind: 'none' }
  }
}

/**
 * A cancel is no failed try: the op goes with the next sync, no backoff, its count unchanged —
 * except a create's first try, which must count, because push looks a create up by ORIGIN_ID
 * (rather than creating it again) only once it has been tried.
 */
function triesAfterCancel(op: Pick<OutboxOp, 'attempts'>, check: WriteCheck): number {
  return check.kind === 'find-by-origin-id' ? Math.max(op.attempts, 1) : op.attempts
}

export function decideRetry(
  op: Pick<OutboxOp, 'kind' | 'attempts' | 'clientKey'>,
  failure: Failure,
  now: number,
  options: RetryOptions = DEFAULT_RETRY_OPTIONS
): RetryDecision {
  const lastError: OpError = {
    code: failure.code,
    message: failure.description,
    permanent: failure.kind === 'permanent'
  }
  const attempts = op.attempts + 1
  if (failure.kind === 'auth') return { action: 'await-sign-in', lastError }
  if (failure.kind === 'permanent') {
    if (isNotFound(failure) && op.kind === 'delete') return { action: 'done' }
    if (isNotFound(failure) && op.kind !== 'create') return { action: 'lead-deleted', lastError }
    return { action: 'park', attempts, lastError }
  }
  const check = writeCheck(op, failure)
  if (!check) {
    const message = `${failure.description} (the lead may have been created; it has no client key to find it by, so check the portal before retrying)`
    return { action: 'park', attempts, lastError: { ...lastError, message } }
  }
  if (failure.code === CANCELLED)
    return { action: 'retry', at: now, attempts: triesAfterCancel(op, check), check, lastError }
  if (!isLinkOrLoad(failure) && attempts >= options.maxServerFailures) return { action: 'park', attempts, lastError }
  const jittered = backoffDelay(attempts - 1, {
    baseMs: options.baseDelayMs,
    capMs: options.maxDelayMs,
    random: options.random
  })
  return { action: 'retry', at: now + Math.max(options.minDelayMs, jittered), attempts, check, lastError }
}

type WakeUpOp = Pick<OutboxOp, 'leadKey' | 'seq' | 'state' | 'nextAttemptAt' | 'lastError'>

/** Held for a new sign-in (push's 'await-sign-in'): the sign-in releases it, not the clock. */
const heldForSignIn = ({ lastError }: WakeUpOp) =>
  lastError !== undefined && (lastError.code === SIGN_IN_REQUIRED || classifyError(lastError.code, 0) === 'auth')

/** Each lead's first op not yet done: the store sends a lead's ops in order. */
function headOfEachLead(ops: readonly WakeUpOp[]): WakeUpOp[] {
  const heads = new Map<number, WakeUpOp>()
  for (const op of ops) {
    if (op.state === 'done') continue
    const head = heads.get(op.leadKey)
    if (!head || op.seq < head.seq) heads.set(op.leadKey, op)
  }
  return [...heads.values()]
}

/**
 * When the retry timer must fire next: the earliest time an op can really be sent, by the rule
 * the store picks due ops with (`nextOps`). Ops behind a lead's op that is being sent, parked or
 * in conflict wait for it, not for a time; an op held for a new sign-in waits for the sign-in.
 * So only each lead's first op counts, when it is pending and not held.
 */
export function nextWakeUp(ops: readonly WakeUpOp[]): number | undefined {
  let earliest: number | undefined
  for (const op of headOfEachLead(ops)) {
    if (op.state !== 'pending' || heldForSignIn(op)) continue
    if (earliest === undefined || op.nextAttemptAt < earliest) earliest = op.nextAttemptAt
  }
  return earliest
}
