import { describe, expect, it } from 'vitest'
import { portalError, transportError } from '../../../../electron/core/portal/portal-error'
import type { OutboxKind, OutboxState } from '../../../../electron/core/domain/lead-types'
import {
  decideRetry,
  DEFAULT_RETRY_OPTIONS,
  failureOf,
  nextWakeUp,
  type Failure,
  type OpError,
  type RetryOptions
} from '../../../../electron/core/domain/retry-policy'

const NOW = 1_700_000_000_000
const half: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, random: () => 0.5 }

const update = { kind: 'update' as const, attempts: 0 }
const create = { kind: 'create' as const, attempts: 0, clientKey: 'la-3f2c' }

const fromPortal = (code: string, description: string, status: number, method = 'crm.lead.update') =>
  failureOf(portalError(code, description, status, method))
const lostAnswer = (method = 'crm.lead.update') => failureOf(transportError(method, new Error('socket hang up'), true))
const refused = (method = 'crm.lead.update') =>
  failureOf(transportError(method, new Error('connect ECONNREFUSED'), false))

describe('decideRetry: retryable failures', () => {
  it.each<[string, Failure]>([
    ['a refused connection', refused()],
    ['503 QUERY_LIMIT_EXCEEDED', fromPortal('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503)],
    [
      '429 OPERATION_TIME_LIMIT',
      fromPortal('OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.', 429)
    ],
    ['500 INTERNAL_SERVER_ERROR', fromPortal('INTERNAL_SERVER_ERROR', 'Internal server error', 500)],
    ['502 without a code', fromPortal('', 'Bad gateway', 502)]
  ])('%s → retry later, nothing to check first', (_description, failure) => {
    const decision = decideRetry(update, failure, NOW, half)
    expect(decision).toMatchObject({ action: 'retry', attempts: 1, check: { kind: 'none' } })
    expect(decision.action === 'retry' && decision.lastError).toEqual({
      code: failure.code,
      message: failure.description,
      permanent: false
    })
  })

  it('backs off exponentially with jitter, capped, never sooner than the minimum', () => {
    const delays = (random: () => number) =>
      [0, 1, 2, 3, 10, 20].map((attempts) => {
        const decision = decideRetry({ kind: 'update', attempts }, refused(), NOW, { ...DEFAULT_RETRY_OPTIONS, random })
        return decision.action === 'retry' ? decision.at - NOW : undefined
      })
    // Upper bound of the jitter: base·2^(attempt-1), capped at maxDelayMs.
    expect(delays(() => 0.999999)).toEqual([1_999, 3_999, 7_999, 15_999, 299_999, 299_999])
    expect(delays(() => 0.5)).toEqual([1_000, 2_000, 4_000, 8_000, 150_000, 150_000])
    // Lower bound: the minimum delay.
    expect(delays(() => 0)).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 1_000])
  })

  it('jitter spreads retries of many ops over the window', () => {
    const times = new Set(
      Array.from({ length: 50 }, () => {
        const decision = decideRetry({ kind: 'update', attempts: 5 }, refused(), NOW)
        return decision.action === 'retry' ? decision.at : 0
      })
    )
    expect(times.size).toBeGreaterThan(40)
  })

  it('parks an op after repeated server errors (the op itself may cause them), keeping the message', () => {
    const failure = fromPortal('INTERNAL_SERVER_ERROR', 'Internal server error', 500)
    const limit = DEFAULT_RETRY_OPTIONS.maxServerFailures
    expect(decideRetry({ kind: 'update', attempts: limit - 2 }, failure, NOW, half).action).toBe('retry')
    expect(decideRetry({ kind: 'update', attempts: limit - 1 }, failure, NOW, half)).toEqual({
      action: 'park',
      attempts: limit,
      lastError: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', permanent: false }
    })
  })

  it.each<[string, Failure]>([
    ['connection failures', refused()],
    ['rate limits', fromPortal('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503)],
    ['operating-time limits', fromPortal('OPERATION_TIME_LIMIT', 'blocked', 429)]
  ])('never parks an op for %s: they say nothing about the op', (_description, failure) => {
    expect(decideRetry({ kind: 'update', attempts: 500 }, failure, NOW, half).action).toBe('retry')
  })
})

describe('decideRetry: writes that may have been executed (answer lost)', () => {
  it.each<[OutboxKind, string, object]>([
    ['update', 'crm.lead.update', { kind: 'merge-again' }],
    ['create', 'crm.lead.add', { kind: 'find-by-origin-id', originId: 'la-3f2c' }],
    ['delete', 'crm.lead.delete', { kind: 'lead-exists' }],
    ['productrows', 'crm.lead.productrows.set', { kind: 'none' }],
    ['contacts', 'crm.lead.contact.items.set', { kind: 'none' }]
  ])('%s → retry after checking %j', (kind, method, check) => {
    const decision = decideRetry({ kind, attempts: 2, clientKey: 'la-3f2c' }, lostAnswer(method), NOW, half)
    expect(decision).toMatchObject({ action: 'retry', attempts: 3, check })
  })

  it('a create without a client key cannot be found again: parked, with the reason', () => {
    const decision = decideRetry({ kind: 'create', attempts: 0 }, lostAnswer('crm.lead.add'), NOW, half)
    expect(decision.action).toBe('park')
    expect(decision.action === 'park' && decision.lastError.message).toMatch(/socket hang up.*may have been created/)
  })

  it('a failure that is not a portal answer counts as possibly executed', () => {
    expect(failureOf(new TypeError('boom'))).toEqual({
      kind: 'retryable',
      code: 'UNEXPECTED',
      description: 'boom',
      status: 0,
      maybeExecuted: true
    })
    expect(decideRetry(create, failureOf('weird'), NOW, half)).toMatchObject({
      action: 'retry',
      check: { kind: 'find-by-origin-id', originId: 'la-3f2c' }
    })
  })

  it('a request that cannot even be encoded never left: parked at once, not retried for minutes', () => {
    let thrown: unknown
    try {
      encodeURIComponent('\uD800')
    } catch (error) {
      thrown = error
    }
    const failure = failureOf(thrown)
    expect(failure).toMatchObject({ kind: 'permanent', code: 'UNSENDABLE', maybeExecuted: false })
    expect(decideRetry({ kind: 'update', attempts: 0 }, failure, NOW, half)).toEqual({
      action: 'park',
      attempts: 1,
      lastError: { code: 'UNSENDABLE', message: 'The request could not be built: URI malformed.', permanent: true }
    })
  })

  it('unexpected failures are parked after repeating (they may be bugs, not the network)', () => {
    const decision = decideRetry({ kind: 'update', attempts: 50 }, failureOf(new Error('boom')), NOW, half)
    expect(decision.action).toBe('park')
  })
})

describe('decideRetry: permanent failures', () => {
  it.each<[string, Failure]>([
    [
      'a validation error (code "")',
      fromPortal('', 'The field "Work E-mail" contains an incorrect address.<br />', 400)
    ],
    ['an ERROR_CORE validation', fromPortal('ERROR_CORE', 'The required field Budget is missing.<br>', 400)],
    ['access denied', fromPortal('', 'Access denied.', 400)],
    ['ACCESS_DENIED', fromPortal('ACCESS_DENIED', 'Access denied!', 403)],
    ['insufficient_scope', fromPortal('insufficient_scope', '', 403)]
  ])('%s → parked with the portal message verbatim', (_description, failure) => {
    expect(decideRetry(create, failure, NOW, half)).toEqual({
      action: 'park',
      attempts: 1,
      lastError: { code: failure.code, message: failure.description, permanent: true }
    })
  })

  it.each([
    ['Not found', ''],
    ['Lead is not found', ''],
    ['Lead was not found.', 'ERROR_CORE'],
    ["The entity with ID '5' is not found.", 'ERROR_NOT_FOUND']
  ])('"%s" on an update → the lead was deleted on the portal', (description, code) => {
    expect(decideRetry(update, fromPortal(code, description, 400), NOW, half)).toEqual({
      action: 'lead-deleted',
      lastError: { code, message: description, permanent: true }
    })
    expect(decideRetry({ kind: 'productrows', attempts: 0 }, fromPortal(code, description, 400), NOW).action).toBe(
      'lead-deleted'
    )
  })

  it('"not found" on a delete → done (the lead is gone, as wanted)', () => {
    expect(decideRetry({ kind: 'delete', attempts: 1 }, fromPortal('', 'Not found', 400), NOW, half)).toEqual({
      action: 'done'
    })
  })

  it('"not found" on a create is an ordinary permanent failure', () => {
    expect(decideRetry(create, fromPortal('', 'Not found', 400), NOW, half).action).toBe('park')
  })
})

describe('decideRetry: authorisation failures', () => {
  it.each(['expired_token', 'invalid_token', 'NO_AUTH_FOUND', 'INVALID_CREDENTIALS', 'invalid_grant'])(
    '%s → wait for sign-in, the attempt does not count',
    (code) => {
      expect(decideRetry({ kind: 'update', attempts: 3 }, fromPortal(code, 'auth', 401), NOW, half)).toEqual({
        action: 'await-sign-in',
        lastError: { code, message: 'auth', permanent: false }
      })
    }
  )
})

describe('decideRetry: a cancelled sync', () => {
  const cancelled = () => failureOf(new DOMException('Sync cancelled', 'AbortError'))

  it('is no failed try: due again at once, the count of tries unchanged', () => {
    const decision = decideRetry({ kind: 'update', attempts: 3 }, cancelled(), NOW, half)
    expect(decision).toMatchObject({ action: 'retry', at: NOW, attempts: 3, lastError: { code: 'CANCELLED' } })
  })

  it('never parks an op, however often it is cancelled', () => {
    const limit = DEFAULT_RETRY_OPTIONS.maxServerFailures
    expect(decideRetry({ kind: 'update', attempts: limit - 1 }, cancelled(), NOW, half).action).toBe('retry')
  })

  it("a create's first try still counts, so it is looked up by ORIGIN_ID before it is sent again", () => {
    expect(decideRetry(create, cancelled(), NOW, half)).toMatchObject({
      action: 'retry',
      attempts: 1,
      check: { kind: 'find-by-origin-id', originId: 'la-3f2c' }
    })
    expect(decideRetry({ ...create, attempts: 2 }, cancelled(), NOW, half)).toMatchObject({ attempts: 2 })
  })
})

describe('nextWakeUp', () => {
  const op = (leadKey: number, seq: number, state: OutboxState, nextAttemptAt: number, lastError?: OpError) => ({
    leadKey,
    seq,
    state,
    nextAttemptAt,
    lastError
  })
  const signInError: OpError = {
    code: 'expired_token',
    message: 'The access token provided has expired.',
    permanent: false
  }

  it('is the earliest due time of the pending ops that can be sent', () => {
    expect(
      nextWakeUp([
        op(1, 1, 'pending', 30),
        op(2, 2, 'needs-attention', 5),
        op(3, 3, 'sending', 1),
        op(4, 4, 'pending', 20)
      ])
    ).toBe(20)
  })

  it('ignores ops that wait behind a sending, parked or conflicted op of the same lead', () => {
    expect(nextWakeUp([op(7, 1, 'needs-attention', 0), op(7, 2, 'pending', 10)])).toBeUndefined()
    expect(nextWakeUp([op(7, 1, 'sending', 0), op(7, 2, 'pending', 10), op(8, 3, 'pending', 50)])).toBe(50)
  })

  it("a lead's later op is not due before the op ahead of it", () => {
    expect(nextWakeUp([op(7, 2, 'pending', 10), op(7, 1, 'pending', 40)])).toBe(40)
  })

  it('ignores ops held for a new sign-in: only the sign-in releases them', () => {
    expect(nextWakeUp([op(7, 1, 'pending', 0, signInError), op(7, 2, 'pending', 5)])).toBeUndefined()
    const oauthGone: OpError = { code: 'SIGN_IN_REQUIRED', message: 'Sign in again.', permanent: false }
    expect(nextWakeUp([op(8, 1, 'pending', 0, oauthGone)])).toBeUndefined()
    const serverError: OpError = { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', permanent: false }
    expect(nextWakeUp([op(7, 1, 'pending', 25, serverError)])).toBe(25)
  })

  it('is undefined when nothing waits, and handles long queues', () => {
    expect(nextWakeUp([op(1, 1, 'done', 1)])).toBeUndefined()
    const many = Array.from({ length: 300_000 }, (_, index) => op(index, index, 'pending', 300_000 - index))
    expect(nextWakeUp(many)).toBe(1)
  })
})
