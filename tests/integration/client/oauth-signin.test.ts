import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { callbackUrl } from '../../../electron/core/auth/callback-listener'
import { OAuthSession, type OAuthSessionState } from '../../../electron/core/auth/oauth-session'
import { signIn, type SignInResult } from '../../../electron/core/auth/oauth-sign-in'
import { PortalSecrets } from '../../../electron/core/auth/portal-secrets'
import { MemorySecretStore } from '../../../electron/core/auth/secret-store'
import { PortalClient } from '../../../electron/core/portal/portal-client'
import { RateLimiter } from '../../../electron/core/portal/rate-limiter'
import type { FetchLike } from '../../../electron/core/portal/transport'
import type { Emulator } from '../../../electron/emulator/emulator'
import { memberIdOf } from '../../../electron/emulator/server/event-delivery'
import type { OAuthApp } from '../../../electron/emulator/state/credentials'
import { admin, startTestEmulator } from '../../support/emulator'
import { freePort } from '../../support/free-port'
import { approveInBrowser } from '../../support/oauth-browser'

const PORTAL_ID = 'acme'
const HOUR = 3_600_000

let emulator: Emulator
let app: OAuthApp
let port: number

beforeAll(async () => {
  emulator = await startTestEmulator()
  port = await freePort()
})
afterAll(() => emulator.close())
beforeEach(async () => {
  await admin(emulator, 'reset', {})
  app = emulator.credentials.apps[0]!
  emulator.portal.clock.freeze()
  // The handler URL registered in the portal's local application: our loopback listener.
  await admin(emulator, 'oauth/app', { redirectUri: callbackUrl(port) })
})

/** A fetch that counts the requests to the OAuth server's token endpoint. */
function countingTokenRequests() {
  const counter = { tokenRequests: 0 }
  const fetchCounting: FetchLike = (input, init) => {
    if (new URL(input).pathname.startsWith('/oauth/token')) counter.tokenRequests++
    return fetch(input, init)
  }
  return { counter, fetch: fetchCounting }
}

async function signInToEmulator(): Promise<SignInResult> {
  const browserRuns: Array<Promise<void>> = []
  const result = await signIn(
    { portalAddress: emulator.url, clientId: app.clientId, clientSecret: app.clientSecret },
    { port, openBrowser: (url) => (browserRuns.push(approveInBrowser(url)), browserRuns.at(-1)!) }
  )
  await Promise.all(browserRuns)
  return result
}

/** What the main process does after a sign-in: secrets to the keychain, a session, a client. */
async function connect(result: SignInResult) {
  const secrets = new PortalSecrets(new MemorySecretStore())
  await secrets.write(PORTAL_ID, {
    clientSecret: app.clientSecret,
    accessToken: result.accessToken,
    refreshToken: result.refreshToken
  })
  return open(secrets, result)
}

function open(secrets: PortalSecrets, result: SignInResult) {
  const states: OAuthSessionState[] = []
  const { counter, fetch } = countingTokenRequests()
  const session = new OAuthSession({
    portalId: PORTAL_ID,
    clientId: app.clientId,
    clientEndpoint: result.clientEndpoint,
    oauthServer: result.oauthServer,
    secrets,
    fetch,
    onStateChange: (state) => states.push(state)
  })
  const client = new PortalClient({ auth: session, limiter: new RateLimiter(1e9, 1e9) })
  return { secrets, session, client, states, counter }
}

const profileId = async (client: PortalClient) => (await client.call<{ ID: string }>('profile')).result.ID

describe('OAuth sign-in against the emulator, end to end', () => {
  it('signs in through the approve page and the loopback listener', async () => {
    const result = await signInToEmulator()
    const host = new URL(emulator.url).host
    expect(result).toEqual({
      accessToken: expect.stringMatching(/^[0-9a-f]{32}$/),
      refreshToken: expect.stringMatching(/^[0-9a-f]{32}$/),
      expiresAt: Math.floor((emulator.portal.clock.now() + HOUR) / 1000) * 1000,
      clientEndpoint: `${emulator.url}/rest/`,
      memberId: memberIdOf(host),
      scope: ['crm', 'user', 'profile'],
      userId: 1,
      portal: { origin: emulator.url, domain: host, isLoopback: true },
      domain: host,
      oauthServer: emulator.url
    })
  })

  it('calls REST with the session, refreshes once after an hour and rotates the saved refresh token', async () => {
    const result = await signInToEmulator()
    const { client, secrets, counter } = await connect(result)
    expect(await profileId(client)).toBe('1')
    expect(counter.tokenRequests).toBe(0)

    await admin(emulator, 'clock', { advanceMs: HOUR })
    const leads = await Promise.all(Array.from({ length: 20 }, () => client.call('crm.lead.list', { select: ['ID'] })))
    expect(leads.map((reply) => reply.result)).toEqual(Array(20).fill([]))
    expect(counter.tokenRequests).toBe(1)

    const saved = await secrets.read(PORTAL_ID)
    expect(saved?.clientSecret).toBe(app.clientSecret)
    expect(saved?.refreshToken).toMatch(/^[0-9a-f]{32}$/)
    expect(saved?.refreshToken).not.toBe(result.refreshToken)
    expect(saved?.accessToken).not.toBe(result.accessToken)
    expect(await profileId(client)).toBe('1')
    expect(counter.tokenRequests).toBe(1)

    // A second hour: a second refresh, with the rotated token.
    await admin(emulator, 'clock', { advanceMs: HOUR })
    expect(await profileId(client)).toBe('1')
    expect(counter.tokenRequests).toBe(2)
    expect((await secrets.read(PORTAL_ID))?.refreshToken).not.toBe(saved?.refreshToken)
  })

  it('needs a new sign-in when the saved refresh token was already used (old pair restored)', async () => {
    const result = await signInToEmulator()
    const first = await connect(result)
    await admin(emulator, 'clock', { advanceMs: HOUR })
    expect(await profileId(first.client)).toBe('1')
    expect(first.counter.tokenRequests).toBe(1)

    // The keychain goes back to the first pair (say, a restored backup): its refresh token is spent.
    const stale = new PortalSecrets(new MemorySecretStore())
    await stale.write(PORTAL_ID, {
      clientSecret: app.clientSecret,
      accessToken: result.accessToken,
      refreshToken: result.refreshToken
    })
    const second = open(stale, result)
    await expect(second.client.call('profile')).rejects.toMatchObject({ code: 'SIGN_IN_REQUIRED', kind: 'auth' })
    expect(second.session.state).toBe('needs-sign-in')
    expect(second.states).toEqual(['needs-sign-in'])
    expect(second.counter.tokenRequests).toBe(1)

    // No loop: later calls fail at once, without another token request.
    await expect(second.client.call('crm.lead.list')).rejects.toMatchObject({ code: 'SIGN_IN_REQUIRED' })
    expect(second.counter.tokenRequests).toBe(1)
    expect(await stale.read(PORTAL_ID)).toEqual({ clientSecret: app.clientSecret })
  })

  it('needs a new sign-in when someone else redeemed the refresh token, and works again after one', async () => {
    const { client, session, secrets, states, counter } = await connect(await signInToEmulator())
    // Another install of the app with the same keychain entry refreshed first.
    const saved = await secrets.read(PORTAL_ID)
    const elsewhere = await fetch(
      `${emulator.url}/oauth/token/?${new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        refresh_token: saved!.refreshToken!
      })}`
    )
    expect(elsewhere.status).toBe(200)

    await admin(emulator, 'clock', { advanceMs: HOUR })
    await expect(client.call('profile')).rejects.toMatchObject({ code: 'SIGN_IN_REQUIRED' })
    expect(states).toEqual(['needs-sign-in'])
    expect(counter.tokenRequests).toBe(1)

    await session.signedIn(await signInToEmulator())
    expect(states).toEqual(['needs-sign-in', 'ok'])
    expect(await profileId(client)).toBe('1')
  })
})
