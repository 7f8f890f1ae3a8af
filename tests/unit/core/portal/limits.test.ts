import { describe, expect, it } from 'vitest'
import { backoffDelay, sleep } from '../../../../electron/core/portal/backoff'
import { OperatingTracker } from '../../../../electron/core/portal/operating-tracker'
import { classifyError, isReadMethod } from '../../../../electron/core/portal/portal-error'
import { RateLimiter } from '../../../../electron/core/portal/rate-limiter'

function fakeClock(start = 0) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe("RateLimiter (the portal's leaky bucket, on our side)", () => {
  it('lets a burst of 48 through at once (two slots of headroom), then one request per 500 ms on the standard plan', () => {
    const clock = fakeClock()
    const limiter = RateLimiter.forPlan('standard', clock.now)
    const waits = Array.from({ length: 51 }, () => limiter.reserve())
    expect(waits.slice(0, 48)).toEqual(Array(48).fill(0))
    expect(waits.slice(48)).toEqual([500, 1000, 1500])
  })

  it('drains over time', () => {
    const clock = fakeClock()
    const limiter = RateLimiter.forPlan('standard', clock.now)
    for (let i = 0; i < 48; i++) limiter.reserve()
    clock.advance(5_000) // 10 slots drained
    expect(Array.from({ length: 11 }, () => limiter.reserve())).toEqual([...Array(10).fill(0), 500])
  })

  it('the enterprise plan has 250 / 5 per second', () => {
    const limiter = RateLimiter.forPlan('enterprise', fakeClock().now)
    const waits = Array.from({ length: 252 }, () => limiter.reserve())
    expect(waits.filter((wait) => wait === 0)).toHaveLength(248)
    expect(waits.slice(248)).toEqual([200, 400, 600, 800])
  })

  it('after a 503 it assumes the bucket is full', () => {
    const limiter = RateLimiter.forPlan('standard', fakeClock().now)
    limiter.markFull()
    expect(limiter.reserve()).toBe(1500)
  })
})

describe('backoff', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    const options = { baseMs: 100, capMs: 1000 }
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, { ...options, random: () => 0.999 }))).toEqual([
      99, 199, 399, 799, 999, 999
    ])
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0)
  })

  it('sleep can be cancelled', async () => {
    const controller = new AbortController()
    const pending = sleep(10_000, controller.signal)
    controller.abort(new Error('stop'))
    await expect(pending).rejects.toThrow('stop')
  })
})

describe('OperatingTracker', () => {
  it('pauses a method close to its limit until the window resets, leaves others alone', () => {
    const clock = fakeClock(1_000_000)
    const tracker = new OperatingTracker(480, 0.85, clock.now)
    // The server's clock is 5 s behind ours: finish 995 s, reset at 1600 s (server time).
    tracker.record('crm.lead.list', { operating: 420, operating_reset_at: 1600, finish: 995 })
    expect(tracker.waitFor('crm.lead.list')).toBe(1600_000 + 5_000 - 1_000_000)
    expect(tracker.waitFor('crm.lead.get')).toBe(0)
    tracker.record('crm.lead.update', { operating: 100, operating_reset_at: 1600, finish: 995 })
    expect(tracker.waitFor('crm.lead.update')).toBe(0)
    clock.advance(700_000)
    expect(tracker.waitFor('crm.lead.list')).toBe(0)
  })

  it('after a 429 blocks the method until its known reset, or a minute', () => {
    const clock = fakeClock(0)
    const tracker = new OperatingTracker(480, 0.85, clock.now)
    tracker.markBlocked('crm.lead.list')
    expect(tracker.waitFor('CRM.LEAD.LIST')).toBe(60_000)
  })

  it('ignores answers without operating figures', () => {
    const tracker = new OperatingTracker()
    tracker.record('profile', { finish: 2 })
    expect(tracker.waitFor('profile')).toBe(0)
  })
})

describe('error classification', () => {
  it.each([
    ['QUERY_LIMIT_EXCEEDED', 503, 'retryable'],
    ['OPERATION_TIME_LIMIT', 429, 'retryable'],
    ['INTERNAL_SERVER_ERROR', 500, 'retryable'],
    ['ERROR_CORE', 500, 'retryable'],
    ['expired_token', 401, 'auth'],
    ['invalid_token', 401, 'auth'],
    ['NO_AUTH_FOUND', 401, 'auth'],
    ['invalid_grant', 400, 'auth'],
    ['', 400, 'permanent'],
    ['ERROR_CORE', 400, 'permanent'],
    ['ACCESS_DENIED', 403, 'permanent'],
    ['insufficient_scope', 403, 'permanent'],
    ['ERROR_METHOD_NOT_FOUND', 404, 'permanent']
  ] as const)('%s (HTTP %i) is %s', (code, status, kind) => {
    expect(classifyError(code, status)).toBe(kind)
  })

  it('knows reads from writes by the method name', () => {
    for (const read of [
      'crm.lead.get',
      'crm.lead.list',
      'crm.lead.fields',
      'crm.lead.productrows.get',
      'crm.lead.contact.items.get',
      'crm.lead.details.configuration.get',
      'profile',
      'user.current'
    ]) {
      expect(isReadMethod(read), read).toBe(true)
    }
    for (const write of [
      'crm.lead.add',
      'crm.lead.update',
      'crm.lead.delete',
      'crm.lead.productrows.set',
      'crm.lead.userfield.add',
      'batch',
      'event.bind'
    ]) {
      expect(isReadMethod(write), write).toBe(false)
    }
  })
})
