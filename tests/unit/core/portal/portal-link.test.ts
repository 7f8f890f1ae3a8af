import { describe, expect, it } from 'vitest'
import type { PortalLinkStatus } from '../../../../electron/contract'
import { PortalClient } from '../../../../electron/core/portal/portal-client'
import { PortalLink } from '../../../../electron/core/portal/portal-link'
import { RateLimiter } from '../../../../electron/core/portal/rate-limiter'
import type { FetchLike } from '../../../../electron/core/portal/transport'

function fakeClock(start = 5_000_000) {
  const clock = { at: start, now: () => clock.at, advance: (ms: number) => void (clock.at += ms) }
  return clock
}

describe('PortalLink', () => {
  it('is unknown until a call tells, then follows what the calls find', () => {
    const clock = fakeClock()
    const link = new PortalLink(clock.now)
    const seen: PortalLinkStatus[] = []
    link.subscribe((status) => seen.push(status))
    expect(link.status()).toEqual({ state: 'unknown' })
    link.reached()
    link.unreachable('NETWORK', 4_000)
    link.refused('invalid_token')
    expect(seen).toEqual([
      { state: 'online' },
      { state: 'offline', code: 'NETWORK', retryAt: clock.at + 4_000 },
      { state: 'refused', code: 'invalid_token' }
    ])
  })

  it('tells nothing new when nothing changed', () => {
    const link = new PortalLink()
    const seen: PortalLinkStatus[] = []
    link.subscribe((status) => seen.push(status))
    link.reached()
    link.reached()
    expect(seen).toHaveLength(1)
  })

  it('says a call waits for a limit, and until when, only when the wait is long enough to notice', () => {
    const clock = fakeClock()
    const link = new PortalLink(clock.now)
    link.reached()
    link.limited('QUERY_LIMIT_EXCEEDED', 300)
    expect(link.status()).toEqual({ state: 'online' })
    link.limited('OPERATION_TIME_LIMIT', 45_000)
    expect(link.status()).toEqual({ state: 'limited', code: 'OPERATION_TIME_LIMIT', until: clock.at + 45_000 })
    // A shorter wait meanwhile does not hide the longer one.
    link.limited('QUERY_LIMIT_EXCEEDED', 2_000)
    expect(link.status()).toMatchObject({ code: 'OPERATION_TIME_LIMIT' })
    clock.advance(45_000)
    link.limitPassed()
    expect(link.status()).toEqual({ state: 'online' })
  })

  it('waitOut tells the wait while it lasts and ends it even when the wait is cancelled', async () => {
    const link = new PortalLink()
    const during: PortalLinkStatus[] = []
    await expect(
      link.waitOut('OPERATION_TIME_LIMIT', 60_000, async () => {
        during.push(link.status())
        throw new Error('cancelled')
      })
    ).rejects.toThrow('cancelled')
    expect(during[0]).toMatchObject({ state: 'limited', code: 'OPERATION_TIME_LIMIT' })
    // The wait did not run its time, so the state still names it: the next call says what is true.
    expect(link.status()).toMatchObject({ state: 'limited' })
  })
})

describe('the client reports to its link as each attempt goes', () => {
  const noLimits = () => new RateLimiter(1e9, 1e9)
  const auth = { credentials: async () => ({ baseUrl: 'https://acme.bitrix24.com/rest/1/code1234/' }) }

  it('says the portal is unreachable, and when the next try goes, while a read is still being retried', async () => {
    const states: PortalLinkStatus[] = []
    let calls = 0
    const fetch: FetchLike = async () => {
      calls++
      if (calls < 3) throw new TypeError('fetch failed')
      return new Response(JSON.stringify({ result: [] }), { status: 200 })
    }
    const client = new PortalClient({
      auth,
      fetch,
      limiter: noLimits(),
      backoff: { baseMs: 40, capMs: 40, random: () => 1 }
    })
    client.link.subscribe((status) => states.push(status))
    const before = Date.now()
    await client.call('crm.lead.list')
    // The second failure in a row tells it, and when the next try goes; the answer puts it back online.
    expect(states.map((status) => status.state)).toEqual(['offline', 'online'])
    const offline = states[0] as Extract<PortalLinkStatus, { state: 'offline' }>
    expect(offline.code).toBe('NETWORK')
    expect(offline.retryAt).toBeGreaterThanOrEqual(before + 40)
  })

  it('keeps quiet about a single failure that the next try mends', async () => {
    let calls = 0
    const fetch: FetchLike = async () => {
      if (++calls === 1) throw new TypeError('other side closed')
      return new Response(JSON.stringify({ result: [] }), { status: 200 })
    }
    const client = new PortalClient({ auth, fetch, limiter: noLimits(), backoff: { baseMs: 1, capMs: 1 } })
    const states: PortalLinkStatus[] = []
    client.link.subscribe((status) => states.push(status))
    await client.call('crm.lead.list')
    expect(states).toEqual([{ state: 'online' }])
  })

  it('says so when a call gives up on an unreachable portal (a write is never sent twice)', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed')
    }
    const client = new PortalClient({ auth, fetch, limiter: noLimits() })
    await expect(client.call('crm.lead.update', { id: 1, fields: {} })).rejects.toMatchObject({ code: 'NETWORK' })
    expect(client.link.status()).toEqual({ state: 'offline', code: 'NETWORK' })
  })

  it('says the portal refuses the sign-in when a call ends with an auth error', async () => {
    const fetch: FetchLike = async () =>
      new Response(JSON.stringify({ error: 'invalid_token', error_description: 'bad' }), { status: 401 })
    const client = new PortalClient({ auth, fetch, limiter: noLimits() })
    await expect(client.call('profile')).rejects.toMatchObject({ code: 'invalid_token' })
    expect(client.link.status()).toEqual({ state: 'refused', code: 'invalid_token' })
  })

  it('says a call waits for the request limit after the portal refused one with QUERY_LIMIT_EXCEEDED', async () => {
    const states: PortalLinkStatus[] = []
    let calls = 0
    const fetch: FetchLike = async () => {
      calls++
      if (calls === 1)
        return new Response(JSON.stringify({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many' }), {
          status: 503
        })
      return new Response(JSON.stringify({ result: true }), { status: 200 })
    }
    // A bucket of 10 that drains 2 requests a second: once full, the next request waits 1.5 s.
    const client = new PortalClient({ auth, fetch, limiter: new RateLimiter(10, 2) })
    client.link.subscribe((status) => states.push(status))
    await client.call('profile')
    expect(states.map((status) => status.state)).toEqual(['online', 'limited', 'online'])
    expect(states[1]).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED' })
  })
})
