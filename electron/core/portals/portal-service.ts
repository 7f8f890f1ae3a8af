import type { PortalSummary } from '../../contract'
import type { PortalSecrets } from '../auth/portal-secrets'
import { WebhookAuth } from '../auth/webhook-auth'
import { AppError } from '../errors'
import type { EventBus } from '../events'
import { log } from '../log'
import { PortalClient, type AuthProvider, type PortalClientOptions } from '../portal/portal-client'
import { RateLimiter } from '../portal/rate-limiter'
import { PromiseCache } from '../promise-cache'
import type { DemoPortal } from './demo-portal'
import { toSummary, type PortalRecord } from './portal-record'
import type { PortalRegistry } from './portal-registry'

/** Builds the AuthProvider of an OAuth portal (the OAuth session), given its record. */
export type OAuthAuthFactory = (record: PortalRecord, onSignInNeeded: () => Promise<void>) => AuthProvider

export interface PortalServiceDeps {
  registry: PortalRegistry
  secrets: PortalSecrets
  demo: DemoPortal
  events: EventBus
  oauthAuth?: OAuthAuthFactory
  /** Extra client settings (tests make waits short). */
  clientOptions?: Partial<PortalClientOptions>
}

/**
 * The connected portals: their records, one REST client each (created on first use and kept, so
 * switching portals is instant), and the changes the UI must hear about.
 */
export class PortalService {
  // Two first calls at once share one client, and so one rate limiter.
  private readonly clients = new PromiseCache<string, PortalClient>()

  constructor(readonly deps: PortalServiceDeps) {}

  async list(): Promise<PortalSummary[]> {
    return (await this.deps.registry.list()).map(toSummary)
  }

  /** The web origins of the connected portals (`https://acme.bitrix24.com`); the Demo portal has none. */
  async webOrigins(): Promise<string[]> {
    return (await this.deps.registry.list()).flatMap(({ connection }) =>
      connection.kind === 'demo' ? [] : [connection.origin]
    )
  }

  async record(id: string): Promise<PortalRecord> {
    const record = await this.deps.registry.get(id)
    if (!record) throw new AppError('NOT_FOUND', 'This portal is not connected (it may have been removed already).')
    return record
  }

  async announce(): Promise<void> {
    this.deps.events.emit('portals.changed', await this.list())
  }

  /** Saves a record (new or changed), forgets its cached client and tells the UI. */
  async save(record: PortalRecord): Promise<PortalSummary> {
    await this.deps.registry.save(record)
    this.clients.delete(record.id)
    await this.announce()
    return toSummary(record)
  }

  async update(change: { id: string; name?: string; color?: string; isProduction?: boolean }): Promise<PortalSummary> {
    const record = await this.record(change.id)
    const { id: _id, ...fields } = change
    return this.save({
      ...record,
      ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
    })
  }

  async remove(id: string): Promise<void> {
    const record = await this.record(id)
    // Secrets first: if the keychain refuses, the portal stays listed and the user can retry.
    await this.deps.secrets.remove(id)
    await this.deps.registry.remove(id)
    this.clients.delete(id)
    if (record.connection.kind === 'demo') await this.deps.demo.stop()
    await this.announce()
  }

  /** The REST client of a portal: one per portal, made on first use. */
  client(id: string): Promise<PortalClient> {
    return this.clients.get(id, () => this.createClient(id))
  }

  private async createClient(id: string): Promise<PortalClient> {
    const record = await this.record(id)
    return new PortalClient({
      limiter: RateLimiter.forPlan(record.plan),
      ...this.deps.clientOptions,
      auth: await this.authFor(record)
    })
  }

  private async authFor(record: PortalRecord): Promise<AuthProvider> {
    const { connection } = record
    switch (connection.kind) {
      case 'demo':
        return this.deps.demo.auth()
      case 'webhook': {
        const code = (await this.deps.secrets.read(record.id))?.webhookCode
        if (!code)
          throw new AppError(
            'SIGN_IN_REQUIRED',
            'The webhook of this portal is missing from the keychain. Add the portal again.'
          )
        return new WebhookAuth(connection.origin, connection.userId, code, (origin) => this.noteMove(record.id, origin))
      }
      case 'oauth': {
        if (!this.deps.oauthAuth) throw new AppError('INTERNAL', 'OAuth is not available in this build.')
        return this.deps.oauthAuth(record, () => this.markSignInNeeded(record.id))
      }
    }
  }

  /**
   * The portal redirected a call to another (secure) address. Following it would send the
   * credentials there, so it is only noted; the user confirms or dismisses it.
   */
  async noteMove(id: string, origin: string): Promise<void> {
    const record = await this.record(id)
    if (record.connection.kind === 'demo' || record.pendingMove?.origin === origin) return
    if (record.connection.origin === origin) return
    log.warn(`Portal ${id} redirects to ${origin}; the move waits for the user's confirmation`)
    const pendingMove = { origin, domain: new URL(origin).host, since: new Date().toISOString() }
    await this.deps.registry.save({ ...record, pendingMove })
    await this.announce()
  }

  /** The user confirmed the move the summary showed: the portal is reached at its new address from now on. */
  async confirmMove(id: string, origin: string): Promise<PortalSummary> {
    const { pendingMove, ...record } = await this.record(id)
    if (!pendingMove || pendingMove.origin !== origin || record.connection.kind === 'demo') {
      throw new AppError('NOT_FOUND', 'This portal has no such move to confirm (it may have changed meanwhile).')
    }
    const { connection } = record
    // A portal that is its own OAuth server (the emulator) moves with it; oauth.bitrix.info never does.
    const oauthServer =
      connection.kind === 'oauth' && connection.oauthServer === connection.origin ? { oauthServer: origin } : {}
    log.info(`Portal ${id} moved to ${origin}, as the user confirmed`)
    return this.save({ ...record, domain: pendingMove.domain, connection: { ...connection, origin, ...oauthServer } })
  }

  /** The user keeps the portal's address: the noted move is forgotten (a new redirect notes it again). */
  async dismissMove(id: string): Promise<PortalSummary> {
    const { pendingMove: _pendingMove, ...record } = await this.record(id)
    await this.deps.registry.save(record)
    await this.announce()
    return toSummary(record)
  }

  private async markSignInNeeded(id: string): Promise<void> {
    const record = await this.deps.registry.get(id)
    if (!record || record.status === 'needs-sign-in') return
    await this.deps.registry.save({ ...record, status: 'needs-sign-in' })
    await this.announce()
  }

  async dispose(): Promise<void> {
    this.clients.clear()
    await this.deps.demo.stop()
  }
}
