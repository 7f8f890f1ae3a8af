import type { ApiHandlers, AppInfo, appChannels, PortalSummary, portalChannels } from '../../contract'
import type { SecretStore } from '../auth/secret-store'
import { connectWebhook, openDemo } from '../portals/portal-connect'
import type { OAuthConnector } from '../portals/portal-oauth'
import type { PortalService } from '../portals/portal-service'
import { consoleCall } from '../portals/rest-console'
import type { PortalWorkspaces } from '../workspaces/portal-workspaces'

export interface PortalApiDeps {
  app: Omit<AppInfo, 'secretStore'>
  secretStore: SecretStore
  portals: PortalService
  oauth: OAuthConnector
  /**
   * A connected portal's workspace starts its sync; a removed portal's workspace (its database
   * and sync) is closed and its local copy deleted.
   */
  workspaces: Pick<PortalWorkspaces, 'connected' | 'forget'>
}

export type PortalHandlers = Pick<ApiHandlers, keyof typeof appChannels | keyof typeof portalChannels>

/** The app's facts, connecting and managing portals, and the REST console. */
export function createPortalApi(deps: PortalApiDeps): PortalHandlers {
  const { portals, workspaces } = deps
  /** Once a portal is connected, its leads start coming without the user asking. */
  const startSync = (summary: PortalSummary) => {
    workspaces.connected(summary.id)
    return summary
  }

  return {
    'app.info': async () => ({ ...deps.app, secretStore: await deps.secretStore.status() }),

    'portals.list': () => portals.list(),

    'portals.connectWebhook': async ({ url, name }) => startSync(await connectWebhook(portals, url, name)),

    'portals.startOAuth': async (request) => startSync(await deps.oauth.start(request)),

    'portals.cancelOAuth': async () => deps.oauth.cancel(),

    'portals.openDemo': async () => startSync(await openDemo(portals)),

    'portals.update': (change) => portals.update(change),

    'portals.confirmMove': ({ id, origin }) => portals.confirmMove(id, origin),

    'portals.dismissMove': ({ id }) => portals.dismissMove(id),

    'portals.remove': async ({ id }) => {
      // The record and the secrets first: a keychain that refuses leaves everything as it was,
      // and once the record is gone nothing can open the portal's workspace again.
      await portals.remove(id)
      await workspaces.forget(id)
    },

    'console.call': async ({ portalId, method, params }) => {
      const client = await portals.client(portalId)
      const secrets = Object.values((await portals.deps.secrets.read(portalId)) ?? {}).filter(
        (value): value is string => Boolean(value)
      )
      return consoleCall(client, method, params, secrets)
    }
  }
}
