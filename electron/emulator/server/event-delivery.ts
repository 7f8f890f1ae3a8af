import { encodePhpQuery } from './php-query'
import type { Caller } from '../methods/context'
import type { Credentials } from '../state/credentials'
import type { PortalState } from '../state/portal'

/** One POST the portal made (or tried to make) to a bound handler. */
export interface Delivery {
  event: string
  handler: string
  handlerId: number
  body: Record<string, unknown>
  status: number | 'failed'
  at: number
}

/**
 * Outgoing events (docs/bitrix24-protocol.md §10): after a change, every handler bound to the event gets
 * a form-encoded POST with `event`, `data[FIELDS][ID]`, `ts` and an `auth` block. Deliveries run
 * in the background, like the portal's queue; tests can wait for them with `idle()`.
 */
export class EventDelivery {
  deliveries: Delivery[] = []
  private pending = new Set<Promise<void>>()

  constructor(
    private readonly portal: PortalState,
    private readonly credentials: Credentials,
    private readonly portalUrl: () => string
  ) {}

  /**
   * The `auth` block of a delivery (docs/bitrix24-protocol.md §10): for an application, fresh tokens of
   * the user the handler runs as (its auth_type, else the user who caused the event).
   */
  private authBlock(owner: string, userId: number): Record<string, unknown> {
    const domain = new URL(this.portalUrl()).host
    const app = owner.startsWith('app:') ? this.credentials.app(owner.slice(4)) : undefined
    const common = {
      domain,
      client_endpoint: `${this.portalUrl()}/rest/`,
      server_endpoint: `${this.portalUrl()}/rest/`,
      member_id: memberIdOf(domain),
      status: 'L'
    }
    if (!app) return { ...common, application_token: owner.replace(/^webhook:\d+:/, '').slice(0, 32) }
    const now = this.portal.clock.now()
    const { access, refresh } = this.credentials.issueTokens(app, userId, now)
    return {
      access_token: access.token,
      expires: String(Math.floor(access.expiresAt / 1000)),
      expires_in: '3600',
      scope: app.scopes.join(','),
      ...common,
      refresh_token: refresh.token,
      application_token: app.applicationToken,
      user_id: String(userId)
    }
  }

  emit(event: string, fields: Record<string, unknown>, caller: Caller): void {
    const name = event.toUpperCase()
    for (const binding of this.portal.eventHandlers) {
      // Offline bindings have no handler URL: the portal queues those for event.offline.get.
      if (binding.event !== name || binding.eventType === 'offline') continue
      const body: Record<string, unknown> = {
        event: name,
        event_handler_id: String(binding.id),
        data: { FIELDS: fields },
        ts: String(Math.floor(this.portal.clock.now() / 1000)),
        auth: this.authBlock(binding.owner, binding.authType > 0 ? binding.authType : caller.user.id)
      }
      const delivery: Delivery = {
        event: name,
        handler: binding.handler,
        handlerId: binding.id,
        body,
        status: 'failed',
        at: this.portal.clock.now()
      }
      this.deliveries.push(delivery)
      const task = this.post(binding.handler, body)
        .then((status) => void (delivery.status = status))
        .catch(() => void (delivery.status = 'failed'))
        .finally(() => this.pending.delete(task))
      this.pending.add(task)
    }
  }

  private async post(url: string, body: Record<string, unknown>): Promise<number> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: encodePhpQuery(body),
      signal: AbortSignal.timeout(10_000)
    })
    await response.arrayBuffer()
    return response.status
  }

  /** Resolves when every delivery started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending])
  }
}

/** A stable 32-hex-digit member_id for a portal address. */
export function memberIdOf(domain: string): string {
  let hash = 0x811c9dc5
  let out = ''
  for (let round = 0; round < 4; round++) {
    for (const char of `${round}:${domain}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
    out += hash.toString(16).padStart(8, '0')
  }
  return out
}
