import type { Params } from '../methods/params'
import { phpInt } from '../methods/params'
import { phpText } from '../methods/php-values'
import { AUTHORIZATION_CODE_LIFETIME_MS, makeSecret, type Credentials } from '../state/credentials'
import type { PortalState } from '../state/portal'
import { memberIdOf } from './event-delivery'
import { approvePage, errorPage } from './oauth-pages'

/** An HTML page, or the redirect back to the application. */
export type AuthorizeAnswer = { status: number; html: string } | { status: 302; location: string }

interface AuthorizeServer {
  credentials: Credentials
  portal: PortalState
  portalUrl: string
}

const DEFAULT_USER_ID = 1

/** `state` exactly as sent, or undefined when the application sent none. */
const stateOf = (params: Params) => (params.state === undefined ? undefined : phpText(params.state))

/** GET `/oauth/authorize/?client_id=…&state=…`: the approve form, or an error page for an unknown app. */
export function showAuthorizePage(params: Params, server: AuthorizeServer): AuthorizeAnswer {
  const app = server.credentials.app(phpText(params.client_id))
  if (!app) return { status: 400, html: errorPage('The application is not installed on this portal.') }
  return { status: 200, html: approvePage(app, stateOf(params), server.portal.users, DEFAULT_USER_ID) }
}

/**
 * POST `/oauth/authorize/` (the form): issues a 30-second authorization code for the chosen user
 * and redirects to the application's registered redirect URI (docs/bitrix24-protocol.md §5.1, step 2).
 */
export function approveAuthorization(params: Params, server: AuthorizeServer): AuthorizeAnswer {
  const app = server.credentials.app(phpText(params.client_id))
  if (!app) return { status: 400, html: errorPage('The application is not installed on this portal.') }
  const userId = params.user_id === undefined ? DEFAULT_USER_ID : phpInt(params.user_id)
  const user = server.portal.user(userId)
  if (!user || !user.active) return { status: 400, html: errorPage(`User ${userId} cannot authorize applications.`) }

  const code = makeSecret(32)
  server.credentials.authorizationCodes.set(code, {
    code,
    clientId: app.clientId,
    userId,
    expiresAt: server.portal.clock.now() + AUTHORIZATION_CODE_LIFETIME_MS
  })
  const domain = new URL(server.portalUrl).host
  const location = new URL(app.redirectUri)
  location.searchParams.set('code', code)
  const state = stateOf(params)
  if (state !== undefined) location.searchParams.set('state', state)
  location.searchParams.set('domain', domain)
  location.searchParams.set('member_id', memberIdOf(domain))
  location.searchParams.set('scope', app.scopes.join(','))
  // The token endpoint lives on the emulator itself (oauth.bitrix.info on the real cloud).
  location.searchParams.set('server_domain', domain)
  return { status: 302, location: location.toString() }
}
