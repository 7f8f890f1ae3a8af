import type { ApiHandlers, AppInfo } from '../contract'
import type { SecretStore } from './auth/secret-store'
import { connectWebhook, openDemo } from './portals/portal-connect'
import type { OAuthConnector } from './portals/portal-oauth'
import type { PortalService } from './portals/portal-service'
import { consoleCall } from './portals/rest-console'

export interface ApiDeps {
  app: Omit<AppInfo, 'secretStore'>
  secretStore: SecretStore
  portals: PortalService
  oauth: OAuthConnector
}

/**
 * The implementation of the contract: one async function per channel. Arguments arrive already
 * validated by the dispatcher. Served by Electron IPC in the app and by the loopback bridge in
 * browser tests, so both run exactly this code.
 */
export function createApi(deps: ApiDeps): ApiHandlers {
  const { portals } = deps

  return {
    'app.info': async () => ({ ...deps.app, secretStore: await deps.secretStore.status() }),

    'portals.list': () => portals.list(),

    'portals.connectWebhook': ({ url, name }) => connectWebhook(portals, url, name),

    'portals.startOAuth': (request) => deps.oauth.start(request),

    'portals.cancelOAuth': async () => deps.oauth.cancel(),

    'portals.openDemo': () => openDemo(portals),

    'portals.update': (change) => portals.update(change),

    'portals.remove': ({ id }) => portals.remove(id),

    'console.call': async ({ portalId, method, params }) => {
      const client = await portals.client(portalId)
      const secrets = Object.values((await portals.deps.secrets.read(portalId)) ?? {}).filter(
        (value): value is string => Boolean(value)
      )
      return consoleCall(client, method, params, secrets)
    }
  }
}
