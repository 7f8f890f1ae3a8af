import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebhookAuth } from '../../../electron/core/auth/webhook-auth'
import { OperatingTracker } from '../../../electron/core/portal/operating-tracker'
import { PortalClient } from '../../../electron/core/portal/portal-client'
import { RateLimiter } from '../../../electron/core/portal/rate-limiter'
import type { Emulator } from '../../../electron/emulator/emulator'
import { admin, startTestEmulator } from '../../support/emulator'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator({ leads: 200, seed: 4 })
})
afterAll(() => emulator.close())

function clientFor(
  options: { plan?: 'standard' | 'enterprise'; onMoved?: (origin: string) => Promise<void>; origin?: string } = {}
) {
  const hook = emulator.credentials.webhooks[0]!
  return new PortalClient({
    auth: new WebhookAuth(options.origin ?? emulator.url, hook.userId, hook.code, options.onMoved),
    limiter: RateLimiter.forPlan(options.plan ?? 'standard'),
    // A 429 without known operating figures blocks the method briefly here, not a minute.
    operating: new OperatingTracker(480, 0.85, () => Date.now(), 50),
    backoff: { baseMs: 20, capMs: 200 }
  })
}

interface Stats {
  requests: number
  errorsByCode: Record<string, number>
}

describe("the client under the portal's limits", () => {
  it('a burst beyond the bucket never gets a 503: our side of the bucket makes it wait', async () => {
    await admin(emulator, 'limits', { mode: 'enterprise', operatingLimitSeconds: null })
    await admin(emulator, 'stats/reset', {})
    const client = clientFor({ plan: 'enterprise' })
    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: 260 }, () => client.call('crm.lead.list', { select: ['ID'], start: -1 }))
    )
    expect(results).toHaveLength(260)
    const stats = (await admin(emulator, 'stats')) as Stats
    expect(stats.requests).toBe(260)
    expect(stats.errorsByCode.QUERY_LIMIT_EXCEEDED ?? 0).toBe(0)
    // 12 requests beyond the burst of 248 at 5 per second.
    expect(performance.now() - started).toBeGreaterThan(2000)
  })

  it('a 503 and 429 storm: every call still completes', async () => {
    await admin(emulator, 'limits', { mode: 'off' })
    await admin(emulator, 'faults', { kind: '503', method: '*', rate: 0.3 })
    await admin(emulator, 'faults', { kind: '429', method: 'crm.lead.get', count: 3 })
    try {
      // The enterprise bucket, so the retries do not have to wait for the standard one to drain.
      const client = clientFor({ plan: 'enterprise' })
      const ids = Array.from({ length: 40 }, (_, i) => i + 1)
      const leads = await Promise.all(ids.map((id) => client.call<{ ID: string }>('crm.lead.get', { id })))
      expect(leads.map((lead) => Number(lead.result.ID))).toEqual(ids)
      const stats = (await admin(emulator, 'stats')) as { faultsInjected: number }
      expect(stats.faultsInjected).toBeGreaterThan(3)
      expect(client.stats.retries).toBe(stats.faultsInjected)
    } finally {
      await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })
    }
  })

  it('dropped connections are retried for reads and reported, not repeated, for writes', async () => {
    await admin(emulator, 'faults', { kind: 'drop', method: 'crm.lead.get', count: 2 })
    await admin(emulator, 'faults', { kind: 'drop', method: 'crm.lead.add', count: 1 })
    try {
      const client = clientFor()
      expect((await client.call('crm.lead.get', { id: 1 })).result).toMatchObject({ ID: '1' })
      const before = emulator.portal.leads.size
      await expect(client.call('crm.lead.add', { fields: { TITLE: 'maybe' } })).rejects.toMatchObject({
        code: 'NETWORK',
        maybeExecuted: true
      })
      expect(emulator.portal.leads.size).toBe(before)
    } finally {
      await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })
    }
  })
})

describe('a portal that moved to a new address', () => {
  let oldAddress: Server
  let oldOrigin: string
  beforeAll(async () => {
    // The old address answers every request with 302 to the same path on the new one.
    oldAddress = createServer((request, response) => {
      response.writeHead(302, { Location: `${emulator.url}${request.url}` })
      response.end()
    })
    await new Promise<void>((resolve) => oldAddress.listen(0, '127.0.0.1', resolve))
    oldOrigin = `http://127.0.0.1:${(oldAddress.address() as { port: number }).port}`
  })
  afterAll(() => oldAddress.close())

  it('sends nothing to the new address: the call fails naming it, and the move is offered for confirmation', async () => {
    const claimed: string[] = []
    const client = clientFor({ origin: oldOrigin, onMoved: async (origin) => void claimed.push(origin) })
    await admin(emulator, 'stats/reset', {})
    const before = emulator.portal.leads.size
    await expect(client.call('crm.lead.add', { fields: { TITLE: 'After the move' } })).rejects.toMatchObject({
      code: 'PORTAL_MOVED',
      to: emulator.url,
      secure: true
    })
    expect(claimed).toEqual([emulator.url])
    expect(emulator.portal.leads.size).toBe(before)
    expect(((await admin(emulator, 'stats')) as Stats).requests).toBe(0)
  })

  it('follows a redirect within the portal (another path) with the same POST', async () => {
    const hook = emulator.credentials.webhooks[0]!
    await admin(emulator, 'faults', {
      kind: 'redirect',
      method: 'crm.lead.add',
      count: 1,
      location: `/rest/${hook.userId}/${hook.code}/crm.lead.add.json`
    })
    const { result: id } = await clientFor().call<number>('crm.lead.add', { fields: { TITLE: 'Redirected here' } })
    expect(emulator.portal.leads.get(id)?.values.TITLE).toBe('Redirected here')
    expect(((await admin(emulator, 'stats')) as { faultsByKind: Record<string, number> }).faultsByKind.redirect).toBe(1)
  })
})
