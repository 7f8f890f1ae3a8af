import type { PortalSummary } from '../../contract'
import { OAuthSession } from '../auth/oauth-session'
import { signIn, type SignInOptions } from '../auth/oauth-sign-in'
import { SignInError } from '../auth/sign-in-error'
import { AppError } from '../errors'
import { log } from '../log'
import { PortalError } from '../portal/portal-error'
import { explainPortalFailure } from '../portal/portal-failure'
import { nextColor, type PortalRecord } from './portal-record'
import type { OAuthAuthFactory, PortalService } from './portal-service'

/** What the main process gives the OAuth sign-in: how to open the system browser, which port. */
export interface OAuthEnvironment {
  openBrowser: SignInOptions['openBrowser']
  /** The callback port registered in the portal's local application (default 53682). */
  port?: number
}

/** A sign-in that stopped, in the app's terms (the renderer translates `details.reason`). */
function explainSignInFailure(error: unknown): AppError {
  if (error instanceof SignInError) {
    if (error.reason === 'cancelled') return new AppError('CANCELLED', 'The sign-in was cancelled.')
    if (error.reason === 'exchangeFailed' && error.cause instanceof PortalError) {
      return explainPortalFailure(error.cause, 'Signing in')
    }
    return new AppError('SIGN_IN_FAILED', error.message, { reason: error.reason })
  }
  return explainPortalFailure(error, 'Signing in')
}

/**
 * Signs in to a portal with OAuth in the system browser, then keeps the token pair and the client
 * secret in the keychain and the rest in the registry. Signing in again to the same portal with
 * the same application refreshes that portal's entry.
 */
export class OAuthConnector {
  private running: AbortController | undefined

  constructor(
    private readonly service: PortalService,
    private readonly environment: OAuthEnvironment
  ) {}

  async start(request: { portalAddress: string; clientId: string; clientSecret: string }): Promise<PortalSummary> {
    this.running?.abort(new Error('A new sign-in was started'))
    const controller = new AbortController()
    this.running = controller
    try {
      const result = await signIn(request, { ...this.environment, signal: controller.signal }).catch(
        (error: unknown) => {
          throw explainSignInFailure(error)
        }
      )
      const { registry, secrets } = this.service.deps
      const all = await registry.list()
      const existing = all.find(
        (portal) =>
          portal.connection.kind === 'oauth' &&
          portal.connection.memberId === result.memberId &&
          portal.connection.clientId === request.clientId
      )
      const record: PortalRecord = {
        id: existing?.id ?? `oauth-${result.domain.replace(/[^a-z0-9]+/gi, '-')}`,
        name: existing?.name ?? result.domain,
        domain: result.domain,
        authKind: 'oauth',
        color: existing?.color ?? nextColor(all),
        isProduction: existing?.isProduction ?? false,
        addedAt: existing?.addedAt ?? new Date().toISOString(),
        scopes: result.scope,
        user: existing?.user ?? { id: result.userId, name: `User ${result.userId}` },
        status: 'connected',
        plan: existing?.plan ?? 'standard',
        connection: {
          kind: 'oauth',
          origin: result.portal.origin,
          clientId: request.clientId,
          memberId: result.memberId,
          oauthServer: result.oauthServer
        }
      }
      await secrets.write(record.id, {
        clientSecret: request.clientSecret,
        accessToken: result.accessToken,
        refreshToken: result.refreshToken
      })
      return this.service.save(record)
    } finally {
      if (this.running === controller) this.running = undefined
    }
  }

  cancel(): boolean {
    if (!this.running) return false
    this.running.abort(new Error('Cancelled by the user'))
    return true
  }
}

/** The AuthProvider of a stored OAuth portal: its OAuth session. */
export function oauthAuthFactory(service: () => PortalService): OAuthAuthFactory {
  return (record, onSignInNeeded) => {
    if (record.connection.kind !== 'oauth') throw new Error(`${record.id} is not an OAuth portal`)
    const { connection } = record
    return new OAuthSession({
      portalId: record.id,
      clientId: connection.clientId,
      clientEndpoint: `${connection.origin}/rest/`,
      oauthServer: connection.oauthServer,
      secrets: service().deps.secrets,
      onStateChange: (state) => {
        if (state === 'needs-sign-in')
          onSignInNeeded().catch((error: unknown) => log.error('Could not mark the portal', error))
      },
      onMoveClaimed: (origin) => service().noteMove(record.id, origin),
      onEndpointChange: async (endpoint) => {
        const current = await service().deps.registry.get(record.id)
        if (current?.connection.kind !== 'oauth') return
        const origin = new URL(endpoint).origin
        await service().deps.registry.save({
          ...current,
          domain: new URL(origin).host,
          connection: { ...current.connection, origin }
        })
      }
    })
  }
}
