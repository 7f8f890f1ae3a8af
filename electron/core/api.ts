import type { ApiHandlers, AppInfo } from '../contract'
import type { SecretStore } from './auth/secret-store'
import { connectWebhook, openDemo } from './portals/portal-connect'
import type { LeadsService } from './leads/leads-service'
import type { OAuthConnector } from './portals/portal-oauth'
import type { PortalService } from './portals/portal-service'
import { consoleCall } from './portals/rest-console'

export interface ApiDeps {
  app: Omit<AppInfo, 'secretStore'>
  secretStore: SecretStore
  portals: PortalService
  oauth: OAuthConnector
  leads: LeadsService
}

/**
 * The implementation of the contract: one async function per channel. Arguments arrive already
 * validated by the dispatcher. Served by Electron IPC in the app and by the loopback bridge in
 * browser tests, so both run exactly this code.
 */
export function createApi(deps: ApiDeps): ApiHandlers {
  const { portals, leads } = deps

  return {
    'app.info': async () => ({ ...deps.app, secretStore: await deps.secretStore.status() }),

    'portals.list': () => portals.list(),

    'portals.connectWebhook': ({ url, name }) => connectWebhook(portals, url, name),

    'portals.startOAuth': (request) => deps.oauth.start(request),

    'portals.cancelOAuth': async () => deps.oauth.cancel(),

    'portals.openDemo': () => openDemo(portals),

    'portals.update': (change) => portals.update(change),

    'portals.remove': async ({ id }) => {
      await leads.forget(id)
      await portals.remove(id)
    },

    'console.call': async ({ portalId, method, params }) => {
      const client = await portals.client(portalId)
      const secrets = Object.values((await portals.deps.secrets.read(portalId)) ?? {}).filter(
        (value): value is string => Boolean(value)
      )
      return consoleCall(client, method, params, secrets)
    },

    'leads.fields': ({ portalId }) => leads.fields(portalId),
    'leads.query': ({ portalId, query }) => leads.query(portalId, query),
    'leads.facets': ({ portalId, query }) => leads.facets(portalId, query),
    'leads.edit': ({ portalId, key, patch }) => leads.edit(portalId, key, patch),
    'leads.create': ({ portalId, fields }) => leads.create(portalId, fields),
    'leads.delete': ({ portalId, key }) => leads.delete(portalId, key),
    'leads.undo': ({ portalId, key }) => leads.undo(portalId, key),
    'leads.setProductRows': ({ portalId, key, rows }) => leads.queue(portalId, key, 'productrows', { rows }),
    'leads.setContacts': ({ portalId, key, items }) => leads.queue(portalId, key, 'contacts', { items }),
    'sync.start': ({ portalId, mode }) => leads.syncStart(portalId, mode),
    'sync.cancel': ({ portalId }) => leads.syncCancel(portalId),
    'sync.status': ({ portalId }) => leads.syncStatus(portalId),
    'conflicts.list': ({ portalId }) => leads.conflicts(portalId),
    'conflicts.resolve': ({ portalId, id, choice }) => leads.resolve(portalId, id, choice),
    'outbox.list': ({ portalId }) => leads.outbox(portalId),
    'outbox.retry': ({ portalId, opId }) => leads.retry(portalId, opId),
    'outbox.discard': ({ portalId, opId }) => leads.discard(portalId, opId),
    'jobs.list': ({ portalId, limit }) => leads.jobs(portalId, limit)
  }
}
