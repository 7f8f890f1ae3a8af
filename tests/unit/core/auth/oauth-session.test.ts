import { setTimeout as delay } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { OAuthSession, type OAuthSessionState } from '../../../../electron/core/auth/oauth-session'
import { PortalSecrets } from '../../../../electron/core/auth/portal-secrets'
import { MemorySecretStore } from '../../../../electron/core/auth/secret-store'
import { PortalClient } from '../../../../electron/core/portal/portal-client'
import { PortalError } from '../../../../electron/core/portal/portal-error'
import { RateLimiter } from '../../../../electron/core/portal/rate-limiter'
import type { FetchLike } from '../../../../electron/core/portal/transport'

const PORTAL = 'https://acme.bitrix24.com'
const OAUTH_SERVER = 'https://oauth.example.test'
const PORTAL_ID = 'p1'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status })

/**
 * A portal and its OAuth server in one fetch. Only `validToken` works on /rest/ (anything else is
 * expired); only `validRefresh` can be redeemed, and each redemption rotates both. `log` records
 * every token use and every refresh, in order.
 */
function fakePortal(options: { validRefresh: string; restDelayMs?: number; tokenDelayMs?: number }) {
  const portal = {
    validToken: undefined as string | undefined,
    validRefresh: options.validRefresh as string | undefined,
    generation: 0,
    tokenRequests: 0,
    restRequests: [] as string[],
    log: [] as string[],
    tokenFailure: undefined as Error | undefined
  }
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input)
    if (url.pathname === '/oauth/token/') {
      portal.tokenRequests++
      await delay(options.tokenDelayMs ?? 5)
      if (portal.tokenFailure) throw portal.tokenFailure
      if (url.searchParams.get('refresh_token') !== portal.validRefresh) {
        return json(400, { error: 'invalid_grant', error_description: 'The refresh_token is invalid' })
      }
      portal.generation++
      portal.validToken = `access-${portal.generation}`
      portal.validRefresh = `refresh-${portal.generation}`
      portal.log.push(`issued ${portal.validToken}`)
      return json(200, {
        access_token: portal.validToken,
        refresh_token: portal.validRefresh,
        expires_in: 3600,
        client_endpoint: `${PORTAL}/rest/`,
        member_id: 'member-1',
        scope: 'crm',
        user_id: 1
      })
    }
    const token = String((JSON.parse(String(init.body)) as { auth?: unknown }).auth)
    portal.restRequests.push(token)
    portal.log.push(`used ${token}`)
    await delay(options.restDelayMs ?? 0)
    if (token !== portal.validToken) {
      return json(401, { error: 'expired_token', error_description: 'The access token provided has expired.' })
    }
    return json(200, { result: { method: url.pathname.split('/').pop() } })
  }
  return { portal, fetch }
}

/** A keychain that notes each saved access token in the portal's log. */
function recordingSecrets(log: string[]) {
  const store = new MemorySecretStore()
  const set = store.set.bind(store)
  store.set = async (account, value) => {
    await set(account, value)
    log.push(`saved ${(JSON.parse(value) as { accessToken?: string }).accessToken}`)
  }
  return new PortalSecrets(store)
}

async function setUp(
  stored: { accessToken?: string; refreshToken?: string; clientSecret?: string },
  fake = fakePortal({ validRefresh: 'refresh-0' })
) {
  const secrets = recordingSecrets(fake.portal.log)
  await secrets.write(PORTAL_ID, stored)
  fake.portal.log.length = 0
  const states: OAuthSessionState[] = []
  const endpoints: string[] = []
  const claimedMoves: string[] = []
  const session = new OAuthSession({
    portalId: PORTAL_ID,
    clientId: 'local.app.1',
    clientEndpoint: `${PORTAL}/rest/`,
    oauthServer: OAUTH_SERVER,
    secrets,
    fetch: fake.fetch,
    onStateChange: (state) => states.push(state),
    onEndpointChange: async (endpoint) => void endpoints.push(endpoint),
    onMoveClaimed: async (origin) => void claimedMoves.push(origin)
  })
  const client = new PortalClient({ auth: session, fetch: fake.fetch, limiter: new RateLimiter(1e9, 1e9) })
  return { ...fake, secrets, session, client, states, endpoints, claimedMoves }
}

const signedIn = { accessToken: 'access-0', refreshToken: 'refresh-0', clientSecret: 'client-secret' }

async function signInRequired(promise: Promise<unknown>): Promise<PortalError> {
  const error = await promise.catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(PortalError)
  expect(error).toMatchObject({ code: 'SIGN_IN_REQUIRED', kind: 'auth' })
  return error as PortalError
}

describe('OAuthSession', () => {
  it('gives the client_endpoint and the saved token', async () => {
    const { session } = await setUp(signedIn)
    expect(await session.credentials()).toEqual({ baseUrl: `${PORTAL}/rest/`, accessToken: 'access-0' })
    expect(session.state).toBe('ok')
  })

  it('makes exactly one token request for 50 concurrent calls that all hit expired_token', async () => {
    // The REST answers come late, so all 50 calls are sent with the old token before any fails.
    const { client, portal, secrets } = await setUp(
      signedIn,
      fakePortal({ validRefresh: 'refresh-0', restDelayMs: 10 })
    )
    const results = await Promise.all(Array.from({ length: 50 }, () => client.call('crm.lead.list')))

    expect(portal.tokenRequests).toBe(1)
    expect(results.map((reply) => reply.result)).toEqual(Array(50).fill({ method: 'crm.lead.list' }))
    expect(portal.restRequests.filter((token) => token === 'access-0')).toHaveLength(50)
    expect(portal.restRequests.filter((token) => token === 'access-1')).toHaveLength(50)
    expect(client.stats.refreshes).toBe(50)
    expect(await secrets.read(PORTAL_ID)).toEqual({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      clientSecret: 'client-secret'
    })
  })

  it('saves the new pair before any call uses it', async () => {
    const { client, portal } = await setUp(signedIn)
    await Promise.all([client.call('profile'), client.call('crm.lead.list')])
    const issued = portal.log.indexOf('issued access-1')
    const saved = portal.log.indexOf('saved access-1')
    const firstUse = portal.log.indexOf('used access-1')
    expect(issued).toBeGreaterThanOrEqual(0)
    expect(saved).toBeGreaterThan(issued)
    expect(firstUse).toBeGreaterThan(saved)
  })

  it('does not refresh again for a token that was already replaced', async () => {
    const { session, portal } = await setUp(signedIn)
    const stale = await session.credentials()
    await session.refresh(stale)
    expect(portal.tokenRequests).toBe(1)
    await session.refresh(stale)
    await session.refresh({ baseUrl: stale.baseUrl, accessToken: 'access-0' })
    expect(portal.tokenRequests).toBe(1)
    expect((await session.credentials()).accessToken).toBe('access-1')
    // The current token expiring later is a new refresh.
    await session.refresh(await session.credentials())
    expect(portal.tokenRequests).toBe(2)
    expect((await session.credentials()).accessToken).toBe('access-2')
  })

  it('moves to needs-sign-in on invalid_grant, once, and stops calling the portal', async () => {
    const { client, session, portal, states, secrets } = await setUp({
      ...signedIn,
      refreshToken: 'refresh-used-elsewhere'
    })
    const failures = await Promise.all(Array.from({ length: 10 }, () => signInRequired(client.call('crm.lead.list'))))
    expect(failures[0]!.description).toBe('The portal no longer accepts the saved sign-in (invalid_grant).')
    expect(portal.tokenRequests).toBe(1)
    expect(session.state).toBe('needs-sign-in')
    expect(states).toEqual(['needs-sign-in'])
    // The refused pair is dropped; the client secret stays for the next sign-in.
    expect(await secrets.read(PORTAL_ID)).toEqual({ clientSecret: 'client-secret' })

    const requestsBefore = portal.restRequests.length
    await signInRequired(client.call('crm.lead.list'))
    await signInRequired(session.refresh({ baseUrl: `${PORTAL}/rest/`, accessToken: 'access-0' }))
    expect(portal.restRequests).toHaveLength(requestsBefore)
    expect(portal.tokenRequests).toBe(1)
    expect(states).toEqual(['needs-sign-in'])
  })

  it('needs a sign-in when the keychain has no refresh token, without asking the portal', async () => {
    const { client, session, portal, states } = await setUp({ accessToken: 'access-0', clientSecret: 'client-secret' })
    await signInRequired(client.call('profile'))
    expect(session.state).toBe('needs-sign-in')
    expect(states).toEqual(['needs-sign-in'])
    expect(portal.restRequests).toEqual([])
    expect(portal.tokenRequests).toBe(0)
  })

  it('keeps the session after a network failure of the OAuth server, and tries again next time', async () => {
    const { client, session, portal } = await setUp(signedIn)
    portal.tokenFailure = new TypeError('fetch failed')
    await expect(client.call('profile')).rejects.toMatchObject({ code: 'NETWORK', kind: 'retryable' })
    expect(session.state).toBe('ok')
    portal.tokenFailure = undefined
    expect((await client.call('profile')).result).toEqual({ method: 'profile' })
    expect(portal.tokenRequests).toBe(2)
  })

  it('is usable again after a new sign-in', async () => {
    const { client, session, secrets, states } = await setUp({ clientSecret: 'client-secret' })
    await signInRequired(client.call('profile'))
    await session.signedIn({
      accessToken: 'access-new',
      refreshToken: 'refresh-new',
      expiresAt: 0,
      clientEndpoint: `${PORTAL}/rest/`,
      memberId: 'member-1',
      scope: ['crm'],
      userId: 1
    })
    expect(session.state).toBe('ok')
    expect(states).toEqual(['needs-sign-in', 'ok'])
    expect(await session.credentials()).toEqual({ baseUrl: `${PORTAL}/rest/`, accessToken: 'access-new' })
    expect(await secrets.read(PORTAL_ID)).toEqual({
      accessToken: 'access-new',
      refreshToken: 'refresh-new',
      clientSecret: 'client-secret'
    })
  })

  it('reports a move the portal claims, and keeps using its own endpoint until the move is confirmed', async () => {
    const { session, endpoints, claimedMoves } = await setUp(signedIn)
    await session.movedTo('https://acme-new.bitrix24.com')
    expect(claimedMoves).toEqual(['https://acme-new.bitrix24.com'])
    expect(session.clientEndpoint).toBe(`${PORTAL}/rest/`)
    expect((await session.credentials()).baseUrl).toBe(`${PORTAL}/rest/`)
    expect(endpoints).toEqual([])
  })
})
