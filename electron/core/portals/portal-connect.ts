import type { PortalSummary } from '../../contract'
import { WebhookAuth } from '../auth/webhook-auth'
import { PortalClient } from '../portal/portal-client'
import { DEMO_PORTAL_ID } from './demo-portal'
import { explainPortalFailure } from '../portal/portal-failure'
import { probePortal } from './portal-probe'
import { nextColor, type PortalRecord } from './portal-record'
import type { PortalService } from './portal-service'
import { parseWebhookUrl } from './webhook-url'

/**
 * Connecting portals: a webhook is checked with real calls before anything is saved; the secret
 * goes to the keychain, the rest to the registry. Connecting the same webhook user of the same
 * portal again updates that portal instead of adding a twin.
 */
export async function connectWebhook(service: PortalService, url: string, name?: string): Promise<PortalSummary> {
  const webhook = parseWebhookUrl(url)
  const { origin } = webhook
  // A redirect to another address is refused (PORTAL_MOVED names it): the user connects there.
  const auth = new WebhookAuth(origin, webhook.userId, webhook.code)
  const client = new PortalClient({ ...service.deps.clientOptions, auth, maxAttempts: 3 })
  const identity = await probePortal(client).catch((error: unknown) => {
    throw explainPortalFailure(error, 'Checking the webhook')
  })
  const domain = new URL(origin).host
  const all = await service.deps.registry.list()
  const existing = all.find(
    (portal) =>
      portal.connection.kind === 'webhook' &&
      portal.connection.origin === origin &&
      portal.connection.userId === webhook.userId
  )
  const record: PortalRecord = {
    id: existing?.id ?? `webhook-${domain.replace(/[^a-z0-9]+/gi, '-')}-${webhook.userId}`,
    name: name?.trim() || existing?.name || domain,
    domain,
    authKind: 'webhook',
    color: existing?.color ?? nextColor(all),
    isProduction: existing?.isProduction ?? false,
    addedAt: existing?.addedAt ?? new Date().toISOString(),
    scopes: identity.scopes,
    user: identity.user,
    status: 'connected',
    plan: identity.plan,
    connection: { kind: 'webhook', origin, userId: webhook.userId }
  }
  await service.deps.secrets.write(record.id, { webhookCode: webhook.code })
  return service.save(record)
}

/** Starts the local demo portal if needed and connects it like any webhook portal. */
export async function openDemo(service: PortalService): Promise<PortalSummary> {
  const { demo, secrets, registry } = service.deps
  const existing = await registry.get(DEMO_PORTAL_ID)
  const client = new PortalClient({ ...service.deps.clientOptions, auth: demo.auth() })
  const identity = await probePortal(client).catch((error: unknown) => {
    throw explainPortalFailure(error, 'Opening the demo portal')
  })
  await secrets.write(DEMO_PORTAL_ID, { webhookCode: await demo.webhookCode() })
  return service.save({
    id: DEMO_PORTAL_ID,
    name: existing?.name ?? 'Demo portal',
    domain: 'demo.bitrix24.local',
    authKind: 'demo',
    color: existing?.color ?? nextColor(await registry.list()),
    isProduction: false,
    addedAt: existing?.addedAt ?? new Date().toISOString(),
    scopes: identity.scopes,
    user: identity.user,
    status: 'connected',
    plan: identity.plan,
    connection: { kind: 'demo' }
  })
}
