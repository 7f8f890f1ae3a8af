import type { ApiHandlers, AppInfo } from '../contract'
import type { PortalSecrets } from './auth/portal-secrets'
import type { SecretStore } from './auth/secret-store'
import { AppError, notImplemented } from './errors'
import type { EventBus } from './events'
import { DEMO_PORTAL_ID, type DemoPortal } from './portals/demo-portal'
import type { PortalRegistry } from './portals/portal-registry'
import { parseWebhookUrl } from './portals/webhook-url'

export interface ApiDeps {
  app: Omit<AppInfo, 'secretStore'>
  secretStore: SecretStore
  portalSecrets: PortalSecrets
  portals: PortalRegistry
  events: EventBus
  demo: DemoPortal
}

/**
 * The implementation of the contract: one async function per channel. Arguments arrive already
 * validated by the dispatcher. Served by Electron IPC in the app and by the loopback bridge in
 * browser tests, so both run exactly this code.
 */
export function createApi(deps: ApiDeps): ApiHandlers {
  const { portals, portalSecrets, events } = deps

  const announcePortals = async () => events.emit('portals.changed', await portals.list())

  return {
    'app.info': async () => ({ ...deps.app, secretStore: await deps.secretStore.status() }),

    'portals.list': () => portals.list(),

    'portals.connectWebhook': async ({ url }) => {
      parseWebhookUrl(url)
      // Checking the webhook with a real call needs the portal client.
      throw notImplemented('webhookConnect', 'Connecting a portal by webhook')
    },

    'portals.startOAuth': async () => {
      throw notImplemented('oauthSignIn', 'Signing in with OAuth')
    },

    'portals.openDemo': async () => {
      const portal = await deps.demo.open()
      await announcePortals()
      return portal
    },

    'portals.remove': async ({ id }) => {
      if (!(await portals.get(id))) {
        throw new AppError('NOT_FOUND', 'This portal is not connected (it may have been removed already).')
      }
      // Secrets first: if the keychain refuses, the portal stays listed and the user can retry.
      await portalSecrets.remove(id)
      await portals.remove(id)
      if (id === DEMO_PORTAL_ID) await deps.demo.stop()
      await announcePortals()
    }
  }
}
