import { log } from '../log'
import type { AuthProvider, PortalCredentials } from '../portal/portal-client'
import { PortalError } from '../portal/portal-error'
import type { FetchLike } from '../portal/transport'
import { requestTokens, type TokenGrant } from './oauth-token-request'
import type { PortalSecrets } from './portal-secrets'

/** `needs-sign-in`: the saved sign-in is gone or refused; only a new browser sign-in helps. */
export type OAuthSessionState = 'ok' | 'needs-sign-in'

/** The PortalError code of every call made while the session needs a new sign-in. */
export const SIGN_IN_REQUIRED = 'SIGN_IN_REQUIRED'

/** Token-server answers after which refreshing again cannot help (docs/bitrix24-protocol.md §5.1, step 7). */
const SIGN_IN_AGAIN_CODES = new Set(['invalid_grant', 'invalid_client'])

export interface OAuthSessionOptions {
  portalId: string
  clientId: string
  /** The REST base saved at sign-in (`client_endpoint`), ending with '/'. */
  clientEndpoint: string
  /** Where tokens are refreshed (see `oauthServerFor`). */
  oauthServer: string
  /** Holds the token pair and the client secret of the portal. */
  secrets: PortalSecrets
  onStateChange?: (state: OAuthSessionState) => void
  /** The REST base changed (a refresh or a new sign-in named another one): save it. */
  onEndpointChange?: (clientEndpoint: string) => Promise<void>
  /** The portal redirected a call to another address: note it for the user to confirm. */
  onMoveClaimed?: (origin: string) => Promise<void>
  fetch?: FetchLike
}

interface TokenPair {
  accessToken: string
  refreshToken: string
}

/**
 * The AuthProvider of a portal signed in with OAuth. Refreshes are single-flight: every call that
 * meets `expired_token` at the same time waits for one token request, and a call that failed with
 * a token already replaced does not refresh again, so the rotating refresh token is never used
 * twice. The new pair is in the keychain before any call uses it.
 */
export class OAuthSession implements AuthProvider {
  private currentState: OAuthSessionState = 'ok'
  private endpoint: string
  private oauthServer: string
  private tokens: TokenPair | undefined
  private loading: Promise<TokenPair> | undefined
  private refreshing: Promise<void> | undefined

  constructor(private readonly options: OAuthSessionOptions) {
    this.endpoint = options.clientEndpoint
    this.oauthServer = options.oauthServer
  }

  get state(): OAuthSessionState {
    return this.currentState
  }

  get clientEndpoint(): string {
    return this.endpoint
  }

  async credentials(): Promise<PortalCredentials> {
    // A call starting during a refresh waits for the new token instead of failing with the old one.
    if (this.refreshing) await this.refreshing.catch(() => undefined)
    const { accessToken } = await this.load()
    return { baseUrl: this.endpoint, accessToken }
  }

  async refresh(expired: PortalCredentials): Promise<void> {
    // Join a refresh under way; its failure (sign-in required, network) is every caller's failure.
    while (this.refreshing) await this.refreshing
    const current = await this.load()
    // Another call already replaced the token that expired: just use the new one.
    if (expired.accessToken !== current.accessToken) return
    this.refreshing ??= this.renew(current).finally(() => (this.refreshing = undefined))
    await this.refreshing
  }

  /** The access token never goes to the new address before the user confirmed the move. */
  async movedTo(origin: string): Promise<void> {
    await this.options.onMoveClaimed?.(origin)
  }

  /** After a new browser sign-in: saves the pair and makes the session usable again. */
  async signedIn(grant: TokenGrant): Promise<void> {
    await this.save(grant)
    if (grant.clientEndpoint !== this.endpoint) await this.changeEndpoint(grant.clientEndpoint)
    this.setState('ok')
  }

  private load(): Promise<TokenPair> {
    if (this.currentState === 'needs-sign-in')
      return Promise.reject(this.signInRequired('Sign in to the portal again.'))
    if (this.tokens) return Promise.resolve(this.tokens)
    this.loading ??= this.readTokens().finally(() => (this.loading = undefined))
    return this.loading
  }

  private async readTokens(): Promise<TokenPair> {
    const stored = await this.options.secrets.read(this.options.portalId)
    if (!stored?.accessToken || !stored.refreshToken) {
      throw this.needSignIn('No saved sign-in was found for this portal.')
    }
    this.tokens = { accessToken: stored.accessToken, refreshToken: stored.refreshToken }
    return this.tokens
  }

  /** One token request with the current refresh token; the rotated pair is saved before use. */
  private async renew(current: TokenPair): Promise<void> {
    const stored = await this.options.secrets.read(this.options.portalId)
    if (!stored?.clientSecret) throw this.needSignIn('The client secret of this portal is missing.')
    let grant: TokenGrant
    try {
      grant = await requestTokens(
        this.oauthServer,
        { clientId: this.options.clientId, clientSecret: stored.clientSecret },
        { grantType: 'refresh_token', refreshToken: current.refreshToken },
        { fetch: this.options.fetch }
      )
    } catch (error) {
      if (error instanceof PortalError && SIGN_IN_AGAIN_CODES.has(error.code)) {
        await this.forgetTokens()
        throw this.needSignIn(`The portal no longer accepts the saved sign-in (${error.code}).`)
      }
      throw error
    }
    await this.save(grant)
    if (grant.clientEndpoint !== this.endpoint) await this.changeEndpoint(grant.clientEndpoint)
  }

  /** Keychain first, memory second: a crash right after a refresh must not lose the rotated token. */
  private async save(grant: TokenGrant): Promise<void> {
    const pair = { accessToken: grant.accessToken, refreshToken: grant.refreshToken }
    try {
      const stored = await this.options.secrets.read(this.options.portalId)
      await this.options.secrets.write(this.options.portalId, { ...stored, ...pair })
    } catch (error) {
      // The old pair is already dead on the server: keep working with the new one in memory.
      log.warn(
        `Could not save the new tokens of portal ${this.options.portalId}; it will need a sign-in after a restart`,
        error
      )
    }
    this.tokens = pair
  }

  /** Drops the dead pair (keeps the client secret), so the next start asks for a sign-in at once. */
  private async forgetTokens(): Promise<void> {
    this.tokens = undefined
    try {
      const stored = await this.options.secrets.read(this.options.portalId)
      if (stored) {
        await this.options.secrets.write(this.options.portalId, {
          ...stored,
          accessToken: undefined,
          refreshToken: undefined
        })
      }
    } catch (error) {
      log.warn(`Could not drop the refused tokens of portal ${this.options.portalId}`, error)
    }
  }

  private async changeEndpoint(clientEndpoint: string): Promise<void> {
    this.endpoint = clientEndpoint
    await this.options.onEndpointChange?.(clientEndpoint)
  }

  private needSignIn(why: string): PortalError {
    this.setState('needs-sign-in')
    return this.signInRequired(why)
  }

  private signInRequired(why: string): PortalError {
    return new PortalError(SIGN_IN_REQUIRED, why, 401, 'oauth', 'auth')
  }

  private setState(state: OAuthSessionState): void {
    if (state === this.currentState) return
    this.currentState = state
    this.options.onStateChange?.(state)
  }
}
