import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { admin, call, startTestEmulator } from '../../support/emulator'

type Time = { operating: number; operating_reset_at: number }

describe('limits and fault injection (docs/bitrix24-protocol.md §4)', () => {
  let emulator: Emulator

  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(() => emulator.close())
  afterEach(async () => {
    await admin(emulator, 'limits', { mode: 'off', operatingLimitSeconds: 480 })
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })
    await admin(emulator, 'clock', { freeze: false })
    await admin(emulator, 'stats/reset', {})
  })

  const statusOf = async (method: string, userId = 1) => (await call(emulator, method, {}, { userId })).status
  const statusesOf = (method: string, count: number) =>
    Promise.all(Array.from({ length: count }, () => statusOf(method)))

  describe('leaky bucket', () => {
    const refusal = { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' }

    it('standard (50, 2/s): the 51st immediate request gets 503; 0.5 s of drain lets exactly one more through', async () => {
      await admin(emulator, 'clock', { freeze: true })
      await admin(emulator, 'limits', { mode: 'standard' })
      expect(new Set(await statusesOf('profile', 50))).toEqual(new Set([200]))
      const refused = await call(emulator, 'profile')
      expect(refused.status).toBe(503)
      expect(refused.body).toEqual(refusal)
      expect(((await admin(emulator, 'stats')) as { bucketLevel: number }).bucketLevel).toBe(50)

      await admin(emulator, 'clock', { advanceMs: 250 })
      expect(await statusOf('scope')).toBe(503)
      await admin(emulator, 'clock', { advanceMs: 250 })
      expect(await statusOf('scope')).toBe(200)
      expect(await statusOf('scope')).toBe(503)
    })

    it('enterprise (250, 5/s): the 251st immediate request gets 503; 0.2 s lets one more through', async () => {
      await admin(emulator, 'clock', { freeze: true })
      await admin(emulator, 'limits', { mode: 'enterprise' })
      expect(new Set(await statusesOf('profile', 250))).toEqual(new Set([200]))
      expect(await statusOf('profile')).toBe(503)
      await admin(emulator, 'clock', { advanceMs: 200 })
      expect(await statusOf('profile')).toBe(200)
      expect(await statusOf('profile')).toBe(503)
    })

    it('does not count requests when limits are off', async () => {
      expect(new Set(await statusesOf('profile', 60))).toEqual(new Set([200]))
    })
  })

  describe('operating budget', () => {
    it('blocks only the exhausted method with 429 OPERATION_TIME_LIMIT and reports operating / operating_reset_at', async () => {
      await admin(emulator, 'clock', { freeze: true })
      await admin(emulator, 'limits', { operatingLimitSeconds: 0.01 })
      const now = emulator.portal.clock.now()
      const resetAt = Math.floor((now + 600_000) / 1000)

      // profile is charged the modelled 4 ms per call; the limit is checked before each call.
      const times: Time[] = []
      for (let index = 0; index < 3; index++) {
        const reply = await call(emulator, 'profile')
        expect(reply.status).toBe(200)
        times.push(reply.body.time as Time)
      }
      expect(times.map((time) => time.operating)).toEqual([0.004, 0.008, 0.012])
      expect(times.map((time) => time.operating_reset_at)).toEqual([resetAt, resetAt, resetAt])

      const blocked = await call(emulator, 'profile')
      expect(blocked.status).toBe(429)
      expect(blocked.body).toEqual({
        error: 'OPERATION_TIME_LIMIT',
        error_description: 'Method is blocked due to operation time limit.'
      })

      // Other methods, and the same method through another credential, still work.
      const other = await call(emulator, 'scope')
      expect(other.status).toBe(200)
      expect((other.body.time as Time).operating).toBe(0.004)
      expect(await statusOf('profile', 2)).toBe(200)

      // Ten minutes later the window has passed.
      await admin(emulator, 'clock', { advanceMs: 600_000 })
      const again = await call(emulator, 'profile')
      expect(again.status).toBe(200)
      expect((again.body.time as Time).operating).toBe(0.004)
    })
  })

  describe('fault injection', () => {
    const addFault = (rule: Record<string, unknown>) => admin(emulator, 'faults', rule)

    it('fails the next N calls of one method, leaving other methods alone', async () => {
      const listed = await addFault({ kind: '503', method: 'profile', count: 2 })
      expect(listed).toEqual([{ kind: '503', method: 'profile', count: 2 }])
      const first = await call(emulator, 'profile')
      expect(first.status).toBe(503)
      expect(first.body).toEqual({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' })
      expect(await statusOf('scope')).toBe(200)
      expect(await statusOf('profile')).toBe(503)
      expect(await statusOf('profile')).toBe(200)
    })

    it("fails any method with '*'", async () => {
      await addFault({ kind: '500', method: '*', count: 2 })
      const reply = await call(emulator, 'scope')
      expect(reply.status).toBe(500)
      expect(reply.body).toEqual({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' })
      expect(await statusOf('user.current')).toBe(500)
      expect(await statusOf('profile')).toBe(200)
    })

    it('answers each kind as the portal would', async () => {
      await addFault({ kind: '429', method: 'profile', count: 1 })
      const limited = await call(emulator, 'profile')
      expect([limited.status, limited.body.error]).toEqual([429, 'OPERATION_TIME_LIMIT'])

      await addFault({ kind: 'expired_token', method: 'profile', count: 1 })
      const expired = await call(emulator, 'profile')
      expect(expired.status).toBe(401)
      expect(expired.body).toEqual({
        error: 'expired_token',
        error_description: 'The access token provided has expired.'
      })
    })

    it('drops the connection (fetch rejects)', async () => {
      await addFault({ kind: 'drop', method: 'profile', count: 1 })
      await expect(call(emulator, 'profile')).rejects.toThrow()
      expect(await statusOf('profile')).toBe(200)
    })

    it('drop (before) never runs the call; drop_after runs it and loses the answer', async () => {
      const titled = async (title: string) =>
        ((await call(emulator, 'crm.lead.list', { filter: { TITLE: title }, select: ['ID'] })).body.result as unknown[])
          .length
      await addFault({ kind: 'drop', method: 'crm.lead.add', count: 1 })
      await expect(call(emulator, 'crm.lead.add', { fields: { TITLE: 'Dropped before' } })).rejects.toThrow()
      expect(await titled('Dropped before')).toBe(0)
      await addFault({ kind: 'drop_after', method: 'crm.lead.add', count: 1 })
      await expect(call(emulator, 'crm.lead.add', { fields: { TITLE: 'Dropped after' } })).rejects.toThrow()
      expect(await titled('Dropped after')).toBe(1)
    })

    it('stalls a slow call, then answers normally', async () => {
      await addFault({ kind: 'slow', method: 'profile', count: 1, delayMs: 300 })
      const started = performance.now()
      expect(await statusOf('profile')).toBe(200)
      expect(performance.now() - started).toBeGreaterThanOrEqual(290)
    })

    it('fails a fraction of calls with a rate (seeded), all with rate 1 and none with rate 0', async () => {
      await addFault({ kind: '503', method: 'scope', rate: 1 })
      expect(new Set(await statusesOf('scope', 5))).toEqual(new Set([503]))
      await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })

      await addFault({ kind: '503', method: 'scope', rate: 0 })
      expect(new Set(await statusesOf('scope', 5))).toEqual(new Set([200]))
      await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })

      await admin(emulator, 'stats/reset', {})
      await addFault({ kind: '503', method: 'scope', rate: 0.5 })
      const statuses = await statusesOf('scope', 40)
      const failed = statuses.filter((status) => status === 503).length
      expect(failed).toBeGreaterThan(8)
      expect(failed).toBeLessThan(32)
      expect(failed + statuses.filter((status) => status === 200).length).toBe(40)
      expect(((await admin(emulator, 'stats')) as { faultsInjected: number }).faultsInjected).toBe(failed)
    })
  })

  it('counts requests, errors and operating time in the admin stats', async () => {
    await admin(emulator, 'stats/reset', {})
    await call(emulator, 'profile')
    await call(emulator, 'profile')
    await call(emulator, 'scope')
    await call(emulator, 'no.such.method')
    await fetch(`${emulator.url}/rest/1/wrong-code/profile`)
    const stats = (await admin(emulator, 'stats')) as Record<string, unknown>
    expect(stats).toMatchObject({
      requests: 5,
      requestsByMethod: { profile: 3, scope: 1, 'no.such.method': 1 },
      errorsByCode: { ERROR_METHOD_NOT_FOUND: 1, NO_AUTH_FOUND: 1 },
      faultsInjected: 0,
      internalErrors: 0,
      limits: 'off'
    })
    const operating = stats.operatingByMethod as Record<string, number>
    expect(Object.keys(operating).sort()).toEqual(['profile', 'scope'])
    expect(operating.profile).toBeCloseTo(0.008, 9)
    expect(operating.scope).toBeCloseTo(0.004, 9)
  })
})
