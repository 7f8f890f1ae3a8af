import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { LimitsMode } from './limits/leaky-bucket'
import { methodRegistry } from './methods'
import { generatePortalData } from './seed/generate'
import { serveAdmin } from './server/admin-api'
import { EventDelivery } from './server/event-delivery'
import { sendJson, serveRest } from './server/http-server'
import { serveOAuth } from './server/oauth-endpoints'
import { RestServer } from './server/rest-server'
import { selfSignedCertificate } from './server/tls'
import { ALL_SCOPES, Credentials, makeSecret } from './state/credentials'
import { PortalState, type PortalLang } from './state/portal'
import { readSnapshot, restoreSnapshot, writeSnapshot } from './state/snapshot'

export interface EmulatorOptions {
  /** 0 (default) picks a free port. The emulator listens on 127.0.0.1 only. */
  port?: number
  /** Leads to generate at start (ignored when `dataFile` already holds a portal). */
  leads?: number
  /** Seed of the data generator and of the printed credentials. */
  seed?: number
  limits?: LimitsMode
  /** Divides the modelled server time before it is waited out: 1 = real speed, Infinity = none. */
  speed?: number
  /** Per-method operating-time limit in seconds; null turns it off. Default 480 (the docs' example). */
  operatingLimitSeconds?: number | null
  lang?: PortalLang
  https?: boolean
  /** Keep the portal in this JSON file: loaded at start, saved after changes and at close. */
  dataFile?: string
  /** The OAuth application's registered redirect URI (handler URL). */
  oauthRedirectUri?: string
  /**
   * Whether `dataFile` keeps webhooks, apps and tokens too (default yes). Without them a restart
   * recreates the seed's credentials, so no secret is written to the file.
   */
  persistCredentials?: boolean
}

/** A running emulated portal. */
export class Emulator {
  readonly portal: PortalState
  readonly credentials = new Credentials()
  readonly events: EventDelivery
  readonly rest: RestServer
  private server: Server | undefined
  private baseUrl = ''
  private saveTimer: NodeJS.Timeout | undefined
  private saving: Promise<void> = Promise.resolve()

  constructor(readonly options: EmulatorOptions = {}) {
    this.portal = new PortalState({ lang: options.lang ?? 'en' })
    this.events = new EventDelivery(this.portal, this.credentials, () => this.baseUrl)
    this.rest = new RestServer(this.portal, this.credentials, methodRegistry(), this.events, {
      limits: options.limits ?? 'off',
      speed: options.speed ?? Infinity,
      operatingLimitSeconds: options.operatingLimitSeconds === undefined ? 480 : options.operatingLimitSeconds,
      requestCapSeconds: 60,
      faultSeed: options.seed
    })
    this.reset()
    const snapshot = options.dataFile ? readSnapshot(options.dataFile) : undefined
    if (snapshot) restoreSnapshot(snapshot, this.portal, this.credentials)
    else if (options.leads) this.seed(options.leads, options.seed)
  }

  get url(): string {
    return this.baseUrl
  }

  /** The admin's incoming webhook URL (user 1). */
  get webhookUrl(): string {
    return this.webhookUrlFor(1)
  }

  webhookUrlFor(userId: number): string {
    const hook = this.credentials.webhooks.find((candidate) => candidate.userId === userId)
    if (!hook) throw new Error(`No webhook for user ${userId}`)
    return `${this.baseUrl}/rest/${hook.userId}/${hook.code}/`
  }

  /** Back to an empty portal with the default users, statuses and credentials. */
  reset(): void {
    const seed = String(this.options.seed ?? 'lead-admin')
    const fresh = new PortalState({ lang: this.options.lang ?? 'en' })
    Object.assign(this.portal, fresh, { clock: this.portal.clock, leads: this.portal.leads })
    this.portal.leads.clear()
    this.credentials.webhooks = this.portal.users.map((user) => ({
      userId: user.id,
      code: makeSecret(16, `${seed}:webhook:${user.id}`),
      scopes: ALL_SCOPES
    }))
    this.credentials.apps = [
      {
        clientId: `local.${makeSecret(14, `${seed}:client`)}.${makeSecret(8, `${seed}:client2`)}`,
        clientSecret: makeSecret(50, `${seed}:secret`),
        redirectUri: this.options.oauthRedirectUri ?? 'http://127.0.0.1:53682/oauth/callback',
        scopes: ['crm', 'user', 'profile'],
        applicationToken: makeSecret(32, `${seed}:application`)
      }
    ]
    this.credentials.accessTokens.clear()
    this.credentials.refreshTokens.clear()
    this.credentials.authorizationCodes.clear()
    this.rest.budget.reset()
    this.rest.faults.clear()
    this.rest.stats.reset()
    this.rest.setLimits(this.rest.limits)
    this.events.deliveries = []
  }

  /** Generates `count` leads (and contacts, products, user fields); returns the seconds it took. */
  seed(count: number, seed = this.options.seed ?? 1): number {
    const started = performance.now()
    generatePortalData(this.portal, { leads: count, seed })
    return (performance.now() - started) / 1000
  }

  async listen(): Promise<string> {
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.route(request, response)
    this.server = this.options.https
      ? createHttpsServer(await selfSignedCertificate(), handler)
      : createHttpServer(handler)
    this.server.requestTimeout = 0
    // Kept-alive connections stay open as long as a portal's web server keeps them (75 s), not
    // Node's 5 s: a busy client reusing one just as it closes would see a drop no portal causes.
    this.server.keepAliveTimeout = 75_000
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject)
      this.server!.listen(this.options.port ?? 0, '127.0.0.1', () => resolve())
    })
    const { port } = this.server.address() as AddressInfo
    this.baseUrl = `${this.options.https ? 'https' : 'http'}://127.0.0.1:${port}`
    return this.baseUrl
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl || 'http://127.0.0.1')
    try {
      if (url.pathname.startsWith('/rest/')) {
        await serveRest(this.rest, request, response, url)
        if (request.method === 'POST' || url.search) this.scheduleSave()
      } else if (url.pathname.startsWith('/oauth/')) await serveOAuth(this, request, response, url)
      else if (url.pathname.startsWith('/_emulator/')) await serveAdmin(this, request, response, url)
      else sendJson(response, 404, { error: 'NOT_FOUND', error_description: 'Not found' })
    } catch (error) {
      if (!response.headersSent) {
        sendJson(response, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' })
      }
      this.rest.stats.lastInternalError = error instanceof Error ? (error.stack ?? error.message) : String(error)
    }
  }

  private scheduleSave(): void {
    if (!this.options.dataFile || this.saveTimer) return
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined
      void this.save()
    }, 1000)
  }

  /** Writes the portal to `dataFile` now (one write at a time). */
  save(): Promise<void> {
    const path = this.options.dataFile
    if (!path) return Promise.resolve()
    this.saving = this.saving.then(() =>
      writeSnapshot(path, this.portal, this.options.persistCredentials === false ? undefined : this.credentials)
    )
    return this.saving
  }

  async close(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    await this.save()
    await this.events.idle()
    const server = this.server
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** Creates, seeds and starts an emulated portal. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new Emulator(options)
  await emulator.listen()
  return emulator
}
