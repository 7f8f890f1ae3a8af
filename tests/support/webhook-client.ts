import { WebhookAuth } from '../../electron/core/auth/webhook-auth'
import { OperatingTracker } from '../../electron/core/portal/operating-tracker'
import { PortalClient, type PortalClientOptions } from '../../electron/core/portal/portal-client'
import { RateLimiter } from '../../electron/core/portal/rate-limiter'
import { admin } from './emulator'
import type { Emulator } from '../../electron/emulator/emulator'

/**
 * A PortalClient on the admin's webhook of an emulated portal. By default its own bucket never
 * makes a test wait (test emulators run without limits) and backoff is short.
 */
export function webhookClient(emulator: Emulator, options: Partial<PortalClientOptions> = {}): PortalClient {
  const hook = emulator.credentials.webhooks.find((candidate) => candidate.userId === 1)!
  return new PortalClient({
    auth: new WebhookAuth(emulator.url, hook.userId, hook.code),
    limiter: new RateLimiter(1_000_000, 1_000_000),
    backoff: { baseMs: 1, capMs: 20 },
    ...options
  })
}

/** An operating tracker whose pause after a 429 lasts `ms`, not the real minute. */
export class ShortBlockTracker extends OperatingTracker {
  constructor(private readonly blockMs: number) {
    super()
  }

  override markBlocked(method: string): void {
    this.record(method, { operating: this.limitSeconds, operating_reset_at: (Date.now() + this.blockMs) / 1000 })
  }
}

export interface EmulatorStats {
  requests: number
  requestsByMethod: Record<string, number>
  subCalls: number
  subCallsByMethod: Record<string, number>
  errorsByCode: Record<string, number>
  faultsInjected: number
}

export async function resetStats(emulator: Emulator): Promise<void> {
  await admin(emulator, 'stats/reset', {})
}

export async function stats(emulator: Emulator): Promise<EmulatorStats> {
  return (await admin(emulator, 'stats')) as EmulatorStats
}

/** Every lead ID the portal holds, ascending. */
export function leadIds(emulator: Emulator, accept: (values: Record<string, string | null>) => boolean = () => true) {
  return [...emulator.portal.leads.ascending(0)].filter((lead) => accept(lead.values)).map((lead) => lead.id)
}
