import { describe, expect, it, vi } from 'vitest'
import { OperatingTracker } from '../../../../electron/core/portal/operating-tracker'
import { PortalClient, type AuthProvider, type PortalCredentials } from '../../../../electron/core/portal/portal-client'
import { PortalError, PortalMovedError } from '../../../../electron/core/portal/portal-error'
import { RateLimiter } from '../../../../electron/core/portal/rate-limiter'
import type { FetchLike } from '../../../../electron/core/portal/transport'

type Reply = { status: number; body?: unknown; location?: string } | Error

/** A fetch that answers from a script and records what was sent. */
function scriptedFetch(replies: Reply[]) {
  const sent: Array<{ url: string; body: Record<string, unknown>; redirect?: string }> = []
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, body: JSON.parse(String(init.body)), redirect: init.redirect })
    const reply = replies.shift()
    if (!reply) throw new Error('no more replies scripted')
    if (reply instanceof Error) throw reply
    const headers = reply.location ? { location: reply.location } : undefined
    return new Response(
      reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
      {
        status: reply.status,
        headers
      }
    )
  }
  return { fetch, sent }
}

/** Webhook credentials of acme.bitrix24.com; the moves it is told of are kept in `claimedMoves`. */
function auth(overrides: Partial<AuthProvider> = {}): AuthProvider & { claimedMoves: string[] } {
  const provider: AuthProvider & { claimedMoves: string[] } = {
    claimedMoves: [],
    async credentials(): Promise<PortalCredentials> {
      return { baseUrl: 'https://acme.bitrix24.com/rest/1/code1234/' }
    },
    async movedTo(origin: string) {
      provider.claimedMoves.push(origin)
    },
    ...overrides
  }
  return provider
}

const noLimits = () => new RateLimiter(1e9, 1e9)
const fast = { baseMs: 1, capMs: 2 }
const ok = (result: unknown, extra: Record<string, unknown> = {}) => ({ status: 200, body: { result, ...extra } })
const failure = (status: number, error: string, description = 'x') => ({
  status,
  body: { error, error_description: description }
})

describe('PortalClient', () => {
  it('posts JSON to the method URL without following redirects and returns result, total, next and time', async () => {
    const { fetch, sent } = scriptedFetch([ok([{ ID: '1' }], { total: 120, next: 50, time: { processing: 0.1 } })])
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits() })
    expect(await client.call('crm.lead.list', { select: ['ID'] })).toEqual({
      result: [{ ID: '1' }],
      total: 120,
      next: 50,
      time: { processing: 0.1 }
    })
    expect(sent).toEqual([
      { url: 'https://acme.bitrix24.com/rest/1/code1234/crm.lead.list', body: { select: ['ID'] }, redirect: 'manual' }
    ])
  })

  it('sends an OAuth token as the auth parameter', async () => {
    const { fetch, sent } = scriptedFetch([ok(true)])
    const client = new PortalClient({
      auth: auth({ credentials: async () => ({ baseUrl: 'https://acme.bitrix24.com/rest/', accessToken: 'tok' }) }),
      fetch,
      limiter: noLimits()
    })
    await client.call('crm.lead.update', { id: 1, fields: {} })
    expect(sent[0]).toMatchObject({
      url: 'https://acme.bitrix24.com/rest/crm.lead.update',
      body: { id: 1, fields: {}, auth: 'tok' }
    })
  })

  it('turns an error envelope into a typed PortalError, empty code included', async () => {
    const { fetch } = scriptedFetch([failure(400, '', 'The "Amount" field contains invalid characters.<br />')])
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits() })
    const error = await client.call('crm.lead.add', { fields: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PortalError)
    expect(error).toMatchObject({
      code: '',
      status: 400,
      kind: 'permanent',
      method: 'crm.lead.add',
      description: 'The "Amount" field contains invalid characters.<br />'
    })
  })

  it('retries 503 QUERY_LIMIT_EXCEEDED for writes too (the portal did not run it)', async () => {
    const { fetch, sent } = scriptedFetch([
      failure(503, 'QUERY_LIMIT_EXCEEDED'),
      failure(503, 'QUERY_LIMIT_EXCEEDED'),
      ok(5)
    ])
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits(), backoff: fast })
    expect((await client.call('crm.lead.add', { fields: {} })).result).toBe(5)
    expect(sent).toHaveLength(3)
    expect(client.stats.retries).toBe(2)
  })

  it("on 429 waits for the method's window and tries again", async () => {
    const { fetch, sent } = scriptedFetch([failure(429, 'OPERATION_TIME_LIMIT'), ok([])])
    const operating = new OperatingTracker(480, 0.85, () => Date.now())
    const markBlocked = vi.spyOn(operating, 'markBlocked').mockImplementation(() => {})
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits(), operating })
    await client.call('crm.lead.list')
    expect(markBlocked).toHaveBeenCalledWith('crm.lead.list')
    expect(sent).toHaveLength(2)
  })

  it('retries server errors and network failures for reads only', async () => {
    const read = scriptedFetch([failure(500, 'INTERNAL_SERVER_ERROR'), new TypeError('fetch failed'), ok({ ID: '1' })])
    const client = new PortalClient({ auth: auth(), fetch: read.fetch, limiter: noLimits(), backoff: fast })
    expect((await client.call('crm.lead.get', { id: 1 })).result).toEqual({ ID: '1' })

    const write = scriptedFetch([new TypeError('fetch failed'), ok(1)])
    const writer = new PortalClient({ auth: auth(), fetch: write.fetch, limiter: noLimits(), backoff: fast })
    const error = await writer.call('crm.lead.add', { fields: {} }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'NETWORK', kind: 'retryable', maybeExecuted: true })
    expect(write.sent).toHaveLength(1)

    const serverError = scriptedFetch([failure(500, 'INTERNAL_SERVER_ERROR'), ok(1)])
    const writer2 = new PortalClient({ auth: auth(), fetch: serverError.fetch, limiter: noLimits(), backoff: fast })
    await expect(writer2.call('crm.lead.update', { id: 1 })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' })
    expect(serverError.sent).toHaveLength(1)
  })

  it('does not resend a request the portal stopped at its 60-second cap', async () => {
    const { fetch, sent } = scriptedFetch([failure(504, 'REQUEST_TIMEOUT'), ok([])])
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits(), backoff: fast })
    await expect(client.call('batch', { cmd: {} }, { write: false })).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT' })
    expect(sent).toHaveLength(1)
  })

  it('a batch can be declared a read, so it is retried after a network failure', async () => {
    const { fetch, sent } = scriptedFetch([new TypeError('reset'), ok({ result: [] })])
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits(), backoff: fast })
    await client.call('batch', { cmd: {} }, { write: false })
    expect(sent).toHaveLength(2)
  })

  it('gives up after maxAttempts', async () => {
    const { fetch } = scriptedFetch(Array.from({ length: 3 }, () => failure(503, 'QUERY_LIMIT_EXCEEDED')))
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits(), backoff: fast, maxAttempts: 3 })
    await expect(client.call('crm.lead.list')).rejects.toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      kind: 'retryable'
    })
  })

  it('refreshes an expired token once and replays; a second expiry is an auth error', async () => {
    let token = 'old'
    const refresh = vi.fn(async () => void (token = 'new'))
    const provider = auth({
      credentials: async () => ({ baseUrl: 'https://a.bitrix24.com/rest/', accessToken: token }),
      refresh
    })
    const { fetch, sent } = scriptedFetch([failure(401, 'expired_token'), ok('done')])
    const client = new PortalClient({ auth: provider, fetch, limiter: noLimits() })
    expect((await client.call('crm.lead.add')).result).toBe('done')
    expect(refresh).toHaveBeenCalledOnce()
    expect(sent.map((request) => request.body.auth)).toEqual(['old', 'new'])

    const again = scriptedFetch([failure(401, 'expired_token'), failure(401, 'expired_token')])
    const client2 = new PortalClient({ auth: provider, fetch: again.fetch, limiter: noLimits() })
    await expect(client2.call('crm.lead.list')).rejects.toMatchObject({ code: 'expired_token', kind: 'auth' })
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('reports an answer that is not JSON', async () => {
    const { fetch } = scriptedFetch([{ status: 502, body: '<html>Bad gateway</html>' }])
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits(), maxAttempts: 1 })
    await expect(client.call('crm.lead.list')).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      status: 502,
      kind: 'retryable'
    })
  })

  it('cuts the webhook code and the access token out of what a failure says', async () => {
    const echo = `<html>Bad gateway for POST /rest/1/code1234/crm.lead.list?auth=token-abcdef</html>`
    const { fetch } = scriptedFetch([{ status: 502, body: echo }])
    const withToken = auth({
      credentials: async () => ({ baseUrl: 'https://acme.bitrix24.com/rest/1/code1234/', accessToken: 'token-abcdef' })
    })
    const client = new PortalClient({ auth: withToken, fetch, limiter: noLimits(), maxAttempts: 1 })
    const error = (await client.call('crm.lead.list').catch((caught: unknown) => caught)) as PortalError
    expect(error).toBeInstanceOf(PortalError)
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 502 })
    expect(error.message).toContain('/rest/1/•••/crm.lead.list?auth=•••')
    expect(error.message).not.toMatch(/code1234|token-abcdef/)
  })

  it('records operating figures of every answer', async () => {
    const { fetch } = scriptedFetch([
      ok([], { time: { operating: 470, operating_reset_at: Date.now() / 1000 + 300, finish: Date.now() / 1000 } })
    ])
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits() })
    await client.call('crm.lead.list')
    expect(client.operating.waitFor('crm.lead.list')).toBeGreaterThan(290_000)
  })

  it('can be cancelled while waiting', async () => {
    const { fetch } = scriptedFetch([failure(503, 'QUERY_LIMIT_EXCEEDED')])
    const client = new PortalClient({
      auth: auth(),
      fetch,
      limiter: noLimits(),
      backoff: { baseMs: 60_000, capMs: 60_000, random: () => 1 }
    })
    const controller = new AbortController()
    const pending = client.call('crm.lead.list', {}, { signal: controller.signal })
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 20)
    await expect(pending).rejects.toThrow('cancelled by the user')
  })
})

describe('PortalClient and redirects', () => {
  const oauth = (claimedMoves: string[] = []) =>
    auth({
      credentials: async () => ({ baseUrl: 'https://acme.bitrix24.com/rest/', accessToken: 'token-abcdef' }),
      movedTo: async (origin) => void claimedMoves.push(origin)
    })

  it('never sends the webhook code to another origin: the call fails and names only the new origin', async () => {
    const provider = auth()
    const { fetch, sent } = scriptedFetch([{ status: 302, location: 'http://evil.invalid/rest/1/code1234/profile' }])
    const client = new PortalClient({ auth: provider, fetch, limiter: noLimits() })
    const error = await client.call('profile').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PortalMovedError)
    expect(error).toMatchObject({ code: 'PORTAL_MOVED', to: 'http://evil.invalid', secure: false, status: 302 })
    expect((error as Error).message).not.toContain('code1234')
    expect(sent.map((request) => request.url)).toEqual(['https://acme.bitrix24.com/rest/1/code1234/profile'])
    // Plain http elsewhere can never be confirmed: it is not even offered.
    expect(provider.claimedMoves).toEqual([])
  })

  it('never sends the access token to another origin; a secure one is offered for confirmation', async () => {
    const claimed: string[] = []
    const { fetch, sent } = scriptedFetch([
      { status: 301, location: 'https://acme-new.bitrix24.com/rest/crm.lead.update' },
      ok(true)
    ])
    const client = new PortalClient({ auth: oauth(claimed), fetch, limiter: noLimits() })
    await expect(client.call('crm.lead.update', { id: 1, fields: { TITLE: 'x' } })).rejects.toMatchObject({
      code: 'PORTAL_MOVED',
      to: 'https://acme-new.bitrix24.com',
      secure: true,
      kind: 'retryable',
      maybeExecuted: false
    })
    expect(claimed).toEqual(['https://acme-new.bitrix24.com'])
    // The next call still goes to the address the user confirmed last.
    await client.call('crm.lead.update', { id: 1, fields: { TITLE: 'x' } })
    expect(sent.map((request) => request.url)).toEqual([
      'https://acme.bitrix24.com/rest/crm.lead.update',
      'https://acme.bitrix24.com/rest/crm.lead.update'
    ])
    expect(sent.every((request) => request.body.auth === 'token-abcdef')).toBe(true)
  })

  it('refuses a move to plain http on the same host, and to an address with credentials in it', async () => {
    for (const location of ['http://acme.bitrix24.com/rest/', 'https://user:pass@acme-new.bitrix24.com/rest/']) {
      const claimed: string[] = []
      const { fetch, sent } = scriptedFetch([{ status: 307, location }])
      const client = new PortalClient({ auth: oauth(claimed), fetch, limiter: noLimits() })
      await expect(client.call('profile')).rejects.toMatchObject({ code: 'PORTAL_MOVED', secure: false })
      expect(claimed).toEqual([])
      expect(sent).toHaveLength(1)
    }
  })

  it('follows a redirect to another path of the same origin, with the same body', async () => {
    const { fetch, sent } = scriptedFetch([{ status: 308, location: '/rest/v2/crm.lead.add' }, ok(7)])
    const client = new PortalClient({ auth: oauth(), fetch, limiter: noLimits() })
    expect((await client.call('crm.lead.add', { fields: { TITLE: 'x' } })).result).toBe(7)
    expect(sent.map((request) => [request.url, request.body])).toEqual([
      ['https://acme.bitrix24.com/rest/crm.lead.add', { fields: { TITLE: 'x' }, auth: 'token-abcdef' }],
      ['https://acme.bitrix24.com/rest/v2/crm.lead.add', { fields: { TITLE: 'x' }, auth: 'token-abcdef' }]
    ])
  })

  it('stops a portal that keeps redirecting within itself', async () => {
    const loop = { status: 302, location: 'https://acme.bitrix24.com/rest/1/code1234/profile' }
    const { fetch, sent } = scriptedFetch([loop, loop, loop, loop, ok(1)])
    const client = new PortalClient({ auth: auth(), fetch, limiter: noLimits() })
    await expect(client.call('profile')).rejects.toMatchObject({ code: 'TOO_MANY_MOVES' })
    expect(sent).toHaveLength(4)
  })

  it('a noted move that cannot be saved still fails the call the same way', async () => {
    const provider = auth({ movedTo: () => Promise.reject(new Error('disk full')) })
    const { fetch } = scriptedFetch([{ status: 302, location: 'https://acme-new.bitrix24.com/' }])
    const client = new PortalClient({ auth: provider, fetch, limiter: noLimits() })
    await expect(client.call('profile')).rejects.toMatchObject({ code: 'PORTAL_MOVED', secure: true })
  })
})
