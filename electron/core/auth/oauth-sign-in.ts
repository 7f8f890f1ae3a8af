import { randomBytes } from 'node:crypto'
import { AppError } from '../errors'
import { PortalError } from '../portal/portal-error'
import type { FetchLike } from '../portal/transport'
import { failedPage, signedInPage } from './callback-pages'
import {
  DEFAULT_CALLBACK_PATH,
  DEFAULT_CALLBACK_PORT,
  listenForCallback,
  type CallbackListener,
  type OAuthCallback
} from './callback-listener'
import { requestTokens, type OAuthClient, type TokenGrant } from './oauth-token-request'
import { normalizePortalAddress, oauthServerFor, type PortalAddress } from './portal-address'
import { SignInError } from './sign-in-error'

export interface SignInRequest {
  /** As the user typed it: `acme.bitrix24.com` or `https://acme.bitrix24.com/`. */
  portalAddress: string
  clientId: string
  clientSecret: string
  /** The OAuth server; by default oauth.bitrix.info, or the portal itself when it is on this machine. */
  oauthServer?: string
}

export interface SignInOptions {
  /** Shows the portal's approve page to the user: `shell.openExternal` in the app. */
  openBrowser(url: string): Promise<void>
  /** The callback port registered in the portal (default 53682); 0 picks a free one (tests). */
  port?: number
  /** The callback path registered in the portal (default `/oauth/callback`). */
  callbackPath?: string
  /** How long the user has to approve (default 5 minutes). */
  timeoutMs?: number
  /** Cancels the sign-in: the listener closes and the promise rejects with reason 'cancelled'. */
  signal?: AbortSignal
  fetch?: FetchLike
  now?: () => number
}

/** A completed sign-in: the first token pair and what the portal told about itself. */
export interface SignInResult extends TokenGrant {
  portal: PortalAddress
  /** The portal's host as the redirect named it (`domain`). */
  domain: string
  /** Where to refresh the tokens later. */
  oauthServer: string
}

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000

function requireText(value: string, field: 'clientId' | 'clientSecret', label: string): string {
  const text = value.trim()
  if (text) return text
  const message = `The ${label} is empty. Copy it from the portal's local application settings.`
  throw new AppError('INVALID_ARGUMENT', message, { issues: [{ path: field, message }] })
}

/** Why the sign-in stopped before its end (browser, cancel or timeout), as a SignInError. */
function interruption(reason: unknown, options: SignInOptions): SignInError {
  if (reason instanceof SignInError) return reason
  if (options.signal?.aborted) return new SignInError('cancelled', 'The sign-in was cancelled.')
  const seconds = Math.round((options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS) / 1000)
  return new SignInError('timeout', `The portal did not send the sign-in back within ${seconds} seconds.`)
}

/** Checks the redirect; answers the browser with an error page when it cannot be used. */
async function codeFrom(callback: OAuthCallback, state: string): Promise<string> {
  const reject = async (reason: 'stateMismatch' | 'badCallback', message: string) => {
    await callback.reply(400, failedPage(`${message} Return to Lead Admin and start the sign-in again.`))
    return new SignInError(reason, message)
  }
  if (callback.query.get('state') !== state) {
    throw await reject('stateMismatch', 'This answer does not belong to the sign-in Lead Admin started.')
  }
  const error = callback.query.get('error')
  const code = callback.query.get('code')
  if (error || !code) {
    throw await reject('badCallback', error ? `The portal refused the sign-in (${error}).` : 'The portal sent no code.')
  }
  await callback.reply(200, signedInPage())
  return code
}

/** Opens the approve page and waits for the portal's redirect, or a browser failure, cancel, timeout. */
async function awaitRedirect(listener: CallbackListener, authorizeUrl: string, options: SignInOptions) {
  const browserFailed = new AbortController()
  const stops = [browserFailed.signal, AbortSignal.timeout(options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS)]
  if (options.signal) stops.push(options.signal)
  // Not awaited before the wait: the redirect may arrive before openBrowser settles.
  Promise.resolve(authorizeUrl)
    .then((url) => options.openBrowser(url))
    .catch((cause: unknown) => {
      const message = `The browser could not be opened: ${cause instanceof Error ? cause.message : String(cause)}`
      browserFailed.abort(new SignInError('browserFailed', message, undefined, { cause }))
    })
  try {
    return await listener.next(AbortSignal.any(stops))
  } catch (reason) {
    throw interruption(reason, options)
  }
}

async function exchangeCode(oauthServer: string, client: OAuthClient, code: string, options: SignInOptions) {
  const { fetch, signal, now } = options
  try {
    return await requestTokens(oauthServer, client, { grantType: 'authorization_code', code }, { fetch, signal, now })
  } catch (error) {
    if (signal?.aborted) throw interruption(error, options)
    if (!(error instanceof PortalError)) throw error
    const why = error.description ? `${error.code}: ${error.description}` : error.code
    throw new SignInError('exchangeFailed', `The OAuth server did not accept the sign-in: ${why}`, error.code, {
      cause: error
    })
  }
}

/**
 * Signs in to a portal in the system browser (docs/bitrix24-protocol.md §5.1): listens on the loopback
 * callback, opens the portal's approve page with a random `state`, takes the redirect, checks the
 * state and exchanges the code for the first token pair. The caller stores the secrets.
 */
export async function signIn(request: SignInRequest, options: SignInOptions): Promise<SignInResult> {
  const portal = normalizePortalAddress(request.portalAddress)
  const client = {
    clientId: requireText(request.clientId, 'clientId', 'client id'),
    clientSecret: requireText(request.clientSecret, 'clientSecret', 'client secret')
  }
  const oauthServer = oauthServerFor(portal, request.oauthServer)
  if (options.signal?.aborted) throw interruption(undefined, options)

  const listener = await listenForCallback(
    options.port ?? DEFAULT_CALLBACK_PORT,
    options.callbackPath ?? DEFAULT_CALLBACK_PATH
  )
  try {
    const state = randomBytes(24).toString('base64url')
    const query = new URLSearchParams({ client_id: client.clientId, state })
    const callback = await awaitRedirect(listener, `${portal.origin}/oauth/authorize/?${query}`, options)
    const code = await codeFrom(callback, state)
    await listener.close()
    const grant = await exchangeCode(oauthServer, client, code, options)
    return { ...grant, portal, domain: callback.query.get('domain') || portal.domain, oauthServer }
  } finally {
    await listener.close()
  }
}
