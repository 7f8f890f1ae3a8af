import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { memberIdOf } from '../../../electron/emulator/server/event-delivery'
import type { OAuthApp } from '../../../electron/emulator/state/credentials'
import { admin, call, startTestEmulator } from '../../support/emulator'
import { fetchJson, oauthBase } from '../../support/emulator-protocol'

const SECRET = /^[0-9a-f]{32}$/

describe('OAuth 2.0 (docs/bitrix24-protocol.md §5.1)', () => {
  let emulator: Emulator
  let app: OAuthApp
  let host: string

  beforeAll(async () => {
    emulator = await startTestEmulator()
    app = emulator.credentials.apps[0]!
    host = new URL(emulator.url).host
  })
  afterAll(() => emulator.close())
  beforeEach(async () => {
    await admin(emulator, 'reset', {})
    app = emulator.credentials.apps[0]!
    // A frozen portal clock makes lifetimes exact; tests move it with the admin API.
    emulator.portal.clock.freeze()
  })

  const authorizeUrl = (query: Record<string, string>) =>
    `${emulator.url}/oauth/authorize/?${new URLSearchParams(query)}`

  /** The approve form's hidden fields, read from the page as a browser would submit them. */
  async function openApprovePage(query: Record<string, string>) {
    const response = await fetch(authorizeUrl(query))
    const html = await response.text()
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1], match[2]])
    )
    return { response, html, hidden }
  }

  async function approve(form: Record<string, string>) {
    return fetch(`${emulator.url}/oauth/authorize/`, {
      method: 'POST',
      body: new URLSearchParams(form),
      redirect: 'manual'
    })
  }

  async function authorizationCode(userId = '1'): Promise<string> {
    const response = await approve({ client_id: app.clientId, state: 's', user_id: userId })
    return new URL(response.headers.get('location')!).searchParams.get('code')!
  }

  const tokenEndpoint = (query: Record<string, string>) => `${emulator.url}/oauth/token/?${new URLSearchParams(query)}`
  const exchange = (code: string, overrides: Record<string, string> = {}) =>
    fetchJson(
      tokenEndpoint({
        grant_type: 'authorization_code',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code,
        ...overrides
      })
    )
  const refresh = (refreshToken: string) =>
    fetchJson(`${emulator.url}/oauth/token/`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        refresh_token: refreshToken
      })
    })
  const profileWith = (token: string) => call(emulator, 'profile', { auth: token }, { url: oauthBase(emulator) })

  it('runs the whole flow: approve page → redirect with code → token → REST → expiry → refresh', async () => {
    // 1. The approve page: a plain HTML form, no scripts, user 1 preselected.
    const page = await openApprovePage({ client_id: app.clientId, state: 'opaque 42&x' })
    expect(page.response.status).toBe(200)
    expect(page.response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.html).toContain('<form method="post" action="/oauth/authorize/">')
    expect(page.html).not.toMatch(/<script/i)
    expect(page.html).toContain('<option value="1" selected>')
    expect(page.hidden).toEqual({ client_id: app.clientId, state: 'opaque 42&amp;x' })

    // 2. Submitting it redirects to the registered URI with the documented parameters.
    const approved = await approve({ client_id: app.clientId, state: 'opaque 42&x', user_id: '1' })
    expect(approved.status).toBe(302)
    const location = new URL(approved.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe(app.redirectUri)
    expect(Object.fromEntries(location.searchParams)).toEqual({
      code: expect.stringMatching(SECRET),
      state: 'opaque 42&x',
      domain: host,
      member_id: memberIdOf(host),
      scope: 'crm,user,profile',
      server_domain: host
    })
    expect(location.search).toContain('scope=crm%2Cuser%2Cprofile')

    // 3. The code buys the first pair (a GET, as documented).
    const now = emulator.portal.clock.now()
    const granted = await exchange(location.searchParams.get('code')!)
    expect(granted.status).toBe(200)
    expect(granted.body).toEqual({
      access_token: expect.stringMatching(SECRET),
      expires: Math.floor((now + 3_600_000) / 1000),
      expires_in: 3600,
      scope: 'crm,user,profile',
      domain: host,
      server_endpoint: `${emulator.url}/rest/`,
      status: 'L',
      client_endpoint: `${emulator.url}/rest/`,
      member_id: memberIdOf(host),
      user_id: 1,
      refresh_token: expect.stringMatching(SECRET)
    })
    const first = granted.body as { access_token: string; refresh_token: string }

    // 4. The token works on the REST endpoint given as client_endpoint.
    const before = await profileWith(first.access_token)
    expect(before.status).toBe(200)
    expect((before.body.result as { ID: string }).ID).toBe('1')

    // 5. One hour later it has expired.
    await admin(emulator, 'clock', { advanceMs: 3_600_000 })
    const expired = await profileWith(first.access_token)
    expect(expired.status).toBe(401)
    expect(expired.body).toEqual({
      error: 'expired_token',
      error_description: 'The access token provided has expired.'
    })

    // 6. Refresh (a POST form works too): a new pair that works.
    const renewed = await refresh(first.refresh_token)
    expect(renewed.status).toBe(200)
    const second = renewed.body as { access_token: string; refresh_token: string; expires: number }
    expect(second.access_token).not.toBe(first.access_token)
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.expires).toBe(Math.floor((emulator.portal.clock.now() + 3_600_000) / 1000))
    expect((await profileWith(second.access_token)).status).toBe(200)

    // 7. Refresh tokens rotate: the used one is rejected, the new one works once.
    const replayed = await refresh(first.refresh_token)
    expect(replayed.status).toBe(400)
    expect(replayed.body.error).toBe('invalid_grant')
    expect((await refresh(second.refresh_token)).status).toBe(200)
  })

  it('lets the approving user be chosen with the user_id field', async () => {
    const granted = await exchange(await authorizationCode('2'))
    expect(granted.body.user_id).toBe(2)
    const profile = await profileWith(granted.body.access_token as string)
    expect((profile.body.result as { ID: string }).ID).toBe('2')
  })

  it('keeps a query string already in the redirect URI and omits state when none was sent', async () => {
    await admin(emulator, 'oauth/app', { redirectUri: 'http://127.0.0.1:9/callback?tenant=7' })
    const approved = await approve({ client_id: app.clientId })
    const location = new URL(approved.headers.get('location')!)
    expect(location.pathname).toBe('/callback')
    expect(location.searchParams.get('tenant')).toBe('7')
    expect(location.searchParams.has('state')).toBe(false)
    expect(location.searchParams.get('code')).toMatch(SECRET)
  })

  describe('the portal shows its own error page instead of redirecting', () => {
    const expectErrorPage = async (response: Response, text: string) => {
      expect(response.status).toBe(400)
      expect(response.headers.get('location')).toBeNull()
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await response.text()).toContain(text)
    }

    it('for an unknown client_id on the page', async () => {
      await expectErrorPage(
        await fetch(authorizeUrl({ client_id: 'local.nope', state: 'x' }), { redirect: 'manual' }),
        'The application is not installed on this portal.'
      )
    })

    it('for a form posted with an unknown client_id', async () => {
      await expectErrorPage(
        await approve({ client_id: 'local.nope' }),
        'The application is not installed on this portal.'
      )
    })

    it('for an unknown or deactivated user', async () => {
      await expectErrorPage(
        await approve({ client_id: app.clientId, user_id: '42' }),
        'User 42 cannot authorize applications.'
      )
      await admin(emulator, 'users', { id: 3, active: false })
      await expectErrorPage(
        await approve({ client_id: app.clientId, user_id: '3' }),
        'User 3 cannot authorize applications.'
      )
    })
  })

  describe('token endpoint errors (HTTP 400 is UNCONFIRMED; the PHP SDK branches on it)', () => {
    const expectError = (reply: { status: number; body: Record<string, unknown> }, error: string) => {
      expect(reply.status).toBe(400)
      expect(reply.body.error).toBe(error)
      expect(typeof reply.body.error_description).toBe('string')
    }

    it('invalid_client for a wrong secret or an unknown client id', async () => {
      expectError(await exchange(await authorizationCode(), { client_secret: 'wrong' }), 'invalid_client')
      expectError(await exchange(await authorizationCode(), { client_id: 'local.unknown' }), 'invalid_client')
    })

    it('invalid_grant for an unknown code and for a code used twice', async () => {
      expectError(await exchange('0123456789abcdef0123456789abcdef'), 'invalid_grant')
      const code = await authorizationCode()
      expect((await exchange(code)).status).toBe(200)
      expectError(await exchange(code), 'invalid_grant')
    })

    it('invalid_grant for a code older than 30 seconds (29.999 s still works)', async () => {
      const fresh = await authorizationCode()
      await admin(emulator, 'clock', { advanceMs: 29_999 })
      expect((await exchange(fresh)).status).toBe(200)
      const late = await authorizationCode()
      await admin(emulator, 'clock', { advanceMs: 30_000 })
      expectError(await exchange(late), 'invalid_grant')
    })

    it('invalid_grant for a code issued to another application', async () => {
      const code = await authorizationCode()
      const other: OAuthApp = { ...app, clientId: 'local.other.app', clientSecret: 'other-secret' }
      emulator.credentials.apps.push(other)
      expectError(
        await exchange(code, { client_id: other.clientId, client_secret: other.clientSecret }),
        'invalid_grant'
      )
    })

    it('invalid_grant for a refresh token older than 180 days', async () => {
      const granted = await exchange(await authorizationCode())
      await admin(emulator, 'clock', { advanceMs: 180 * 24 * 3_600_000 })
      expectError(await refresh(granted.body.refresh_token as string), 'invalid_grant')
    })

    it('invalid_request for a missing grant_type, client_secret or code', async () => {
      expectError(await fetchJson(tokenEndpoint({ client_id: app.clientId })), 'invalid_request')
      expectError(await exchange(await authorizationCode(), { client_secret: '' }), 'invalid_request')
      expectError(await exchange(''), 'invalid_request')
    })

    it('invalid_request / unsupported_grant_type for another grant type', async () => {
      const reply = await fetchJson(
        tokenEndpoint({ grant_type: 'password', client_id: app.clientId, client_secret: app.clientSecret })
      )
      expectError(reply, 'invalid_request')
      expect(reply.body.error_description).toBe('unsupported_grant_type: password')
    })
  })
})
