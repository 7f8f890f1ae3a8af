import { describe, expect, it } from 'vitest'
import { requestTokens } from '../../../../electron/core/auth/oauth-token-request'
import { PortalError } from '../../../../electron/core/portal/portal-error'
import type { FetchLike } from '../../../../electron/core/portal/transport'

const client = { clientId: 'local.app.1', clientSecret: 'client-secret-xyz' }
const SERVER = 'https://oauth.bitrix.info'

/** A token server that answers once with `status` and `body`, and records the request. */
function tokenServer(status: number, body: unknown) {
  const seen: Array<{ url: URL; init: RequestInit }> = []
  const fetch: FetchLike = async (input, init) => {
    seen.push({ url: new URL(input), init })
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })
  }
  return { fetch, seen }
}

const grantBody = {
  access_token: 'access-a',
  refresh_token: 'refresh-a',
  client_endpoint: 'https://acme.bitrix24.com/rest',
  member_id: 'member-1',
  scope: 'crm,user',
  user_id: '7',
  expires_in: 3600,
  domain: 'oauth.bitrix.info',
  status: 'L'
}

async function failureOf(promise: Promise<unknown>): Promise<PortalError> {
  const error = await promise.catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(PortalError)
  return error as PortalError
}

describe('requestTokens', () => {
  it('exchanges a code with a GET to {server}/oauth/token/ and reads the grant', async () => {
    const { fetch, seen } = tokenServer(200, grantBody)
    const grant = await requestTokens(
      SERVER,
      client,
      { grantType: 'authorization_code', code: 'code-1' },
      {
        fetch,
        now: () => 1_000_000
      }
    )
    expect(seen).toHaveLength(1)
    expect(seen[0]!.init.method).toBe('GET')
    expect(seen[0]!.init.redirect).toBe('manual')
    expect(`${seen[0]!.url.origin}${seen[0]!.url.pathname}`).toBe('https://oauth.bitrix.info/oauth/token/')
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'local.app.1',
      client_secret: 'client-secret-xyz',
      code: 'code-1'
    })
    expect(grant).toEqual({
      accessToken: 'access-a',
      refreshToken: 'refresh-a',
      expiresAt: 1_000_000 + 3_600_000,
      clientEndpoint: 'https://acme.bitrix24.com/rest/',
      memberId: 'member-1',
      scope: ['crm', 'user'],
      userId: 7
    })
  })

  it('refreshes with the refresh token and takes the expiry from `expires` when given', async () => {
    const { fetch, seen } = tokenServer(200, { ...grantBody, expires: 1_700_000_000 })
    const grant = await requestTokens(
      SERVER,
      client,
      { grantType: 'refresh_token', refreshToken: 'refresh-0' },
      { fetch }
    )
    expect(seen[0]!.url.searchParams.get('grant_type')).toBe('refresh_token')
    expect(seen[0]!.url.searchParams.get('refresh_token')).toBe('refresh-0')
    expect(seen[0]!.url.searchParams.has('code')).toBe(false)
    expect(grant.expiresAt).toBe(1_700_000_000_000)
  })

  it('turns an error answer into a PortalError of oauth/token, classified for the session', async () => {
    const grantError = await failureOf(
      requestTokens(
        SERVER,
        client,
        { grantType: 'refresh_token', refreshToken: 'old' },
        {
          fetch: tokenServer(400, { error: 'invalid_grant', error_description: 'The refresh_token is invalid' }).fetch
        }
      )
    )
    expect(grantError).toMatchObject({ code: 'invalid_grant', status: 400, kind: 'auth', method: 'oauth/token' })
    const payment = await failureOf(
      requestTokens(
        SERVER,
        client,
        { grantType: 'refresh_token', refreshToken: 'old' },
        {
          fetch: tokenServer(400, { error: 'PAYMENT_REQUIRED', error_description: 'Payment required' }).fetch
        }
      )
    )
    expect(payment).toMatchObject({ code: 'PAYMENT_REQUIRED', kind: 'permanent' })
  })

  it('reports a network failure as retryable, without the URL and its secret', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed')
    }
    const error = await failureOf(
      requestTokens(SERVER, client, { grantType: 'authorization_code', code: 'c' }, { fetch })
    )
    expect(error).toMatchObject({ code: 'NETWORK', kind: 'retryable', method: 'oauth/token' })
    expect(error.message).toBe('oauth/token: NETWORK: fetch failed')
  })

  it('refuses an answer that is not JSON, or a client_endpoint that is not https', async () => {
    const html = await failureOf(
      requestTokens(
        SERVER,
        client,
        { grantType: 'authorization_code', code: 'c' },
        {
          fetch: tokenServer(502, '<html>Bad gateway</html>').fetch
        }
      )
    )
    expect(html).toMatchObject({ code: 'BAD_RESPONSE', status: 502 })
    const plainHttp = await failureOf(
      requestTokens(
        SERVER,
        client,
        { grantType: 'authorization_code', code: 'c' },
        {
          fetch: tokenServer(200, { ...grantBody, client_endpoint: 'http://acme.bitrix24.com/rest/' }).fetch
        }
      )
    )
    expect(plainHttp.code).toBe('BAD_RESPONSE')
    expect(plainHttp.description).toBe(
      'The OAuth server answered HTTP 200 without a usable token answer (client_endpoint).'
    )
    expect(plainHttp.message).not.toContain('access-a')
  })
})
