import type { Params } from '../methods/params'
import { phpText } from '../methods/php-values'
import {
  ACCESS_TOKEN_LIFETIME_MS,
  type AccessToken,
  type Credentials,
  type OAuthApp,
  type RefreshToken
} from '../state/credentials'
import { memberIdOf } from './event-delivery'

/** What `/oauth/token/` answers: HTTP status and JSON body. */
export interface TokenAnswer {
  status: number
  body: Record<string, unknown>
}

interface TokenServer {
  credentials: Credentials
  now: number
  /** The portal's base URL; the emulator is its own OAuth server too. */
  portalUrl: string
}

/** Token-server errors. Their HTTP status is undocumented (UNCONFIRMED); the PHP SDK expects 400. */
const oauthError = (error: string, description: string): TokenAnswer => ({
  status: 400,
  body: { error, error_description: description }
})

/** The JSON of a successful grant (docs/bitrix24-protocol.md §5.1), in the order oauth.bitrix.info uses. */
function tokenBody(access: AccessToken, refresh: RefreshToken, portalUrl: string): Record<string, unknown> {
  // The OAuth server and the portal are one host here, so `domain` (the OAuth server) is the portal's.
  const domain = new URL(portalUrl).host
  return {
    access_token: access.token,
    expires: Math.floor(access.expiresAt / 1000),
    expires_in: ACCESS_TOKEN_LIFETIME_MS / 1000,
    scope: access.scopes.join(','),
    domain,
    server_endpoint: `${portalUrl}/rest/`,
    status: 'L',
    client_endpoint: `${portalUrl}/rest/`,
    member_id: memberIdOf(domain),
    user_id: access.userId,
    refresh_token: refresh.token
  }
}

/**
 * Redeems a one-time secret (authorization code or refresh token) of this application: it is
 * deleted even when it turns out to be expired, so a second attempt fails the same way.
 */
function redeem(
  store: Map<string, { clientId: string; userId: number; expiresAt: number }>,
  secret: string,
  app: OAuthApp,
  now: number
): number | undefined {
  const stored = store.get(secret)
  if (!stored || stored.clientId !== app.clientId) return undefined
  store.delete(secret)
  return stored.expiresAt > now ? stored.userId : undefined
}

const GRANTS = {
  authorization_code: { secretParam: 'code', store: (credentials: Credentials) => credentials.authorizationCodes },
  refresh_token: { secretParam: 'refresh_token', store: (credentials: Credentials) => credentials.refreshTokens }
} as const

/**
 * `/oauth/token/` with grant_type `authorization_code` (client_id, client_secret, code) or
 * `refresh_token` (client_id, client_secret, refresh_token). A refresh rotates the pair: the used
 * refresh token is gone, a new one comes back.
 */
export function grantTokens(params: Params, server: TokenServer): TokenAnswer {
  const grantType = phpText(params.grant_type)
  if (grantType === '') return oauthError('invalid_request', 'grant_type is required')
  if (!Object.hasOwn(GRANTS, grantType)) {
    return oauthError('invalid_request', `unsupported_grant_type: ${grantType}`)
  }
  const grant = GRANTS[grantType as keyof typeof GRANTS]
  const clientId = phpText(params.client_id)
  const clientSecret = phpText(params.client_secret)
  const secret = phpText(params[grant.secretParam])
  const missing = Object.entries({
    client_id: clientId,
    client_secret: clientSecret,
    [grant.secretParam]: secret
  }).find(([, value]) => value === '')
  if (missing) return oauthError('invalid_request', `${missing[0]} is required`)

  const app = server.credentials.app(clientId)
  if (!app || app.clientSecret !== clientSecret)
    return oauthError('invalid_client', 'Invalid client_id or client_secret')
  const userId = redeem(grant.store(server.credentials), secret, app, server.now)
  if (userId === undefined) {
    return oauthError('invalid_grant', `The ${grant.secretParam} is invalid, expired or already used`)
  }
  const { access, refresh } = server.credentials.issueTokens(app, userId, server.now)
  return { status: 200, body: tokenBody(access, refresh, server.portalUrl) }
}
