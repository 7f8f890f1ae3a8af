import type { ApiHandlers, syncChannels } from '../../contract'
import type { LeadsService } from '../leads/leads-service'
import type { PortalWorkspaces } from '../workspaces/portal-workspaces'

export type SyncHandlers = Pick<ApiHandlers, keyof typeof syncChannels>

/** Running a portal's sync, resolving its conflicts, and handling its outbox. */
export function createSyncApi(workspaces: PortalWorkspaces, leads: LeadsService): SyncHandlers {
  return {
    'sync.start': async ({ portalId, mode }) => (await workspaces.open(portalId)).startSync(mode),
    'sync.cancel': async ({ portalId }) => (await workspaces.open(portalId)).cancelSync(),
    'sync.status': async ({ portalId }) => (await workspaces.open(portalId)).engine.status(),
    'conflicts.list': ({ portalId }) => leads.conflicts(portalId),
    'conflicts.resolve': ({ portalId, id, choice }) => leads.resolve(portalId, id, choice),
    'outbox.list': ({ portalId }) => leads.outbox(portalId),
    'outbox.retry': ({ portalId, opId }) => leads.retry(portalId, opId),
    'outbox.discard': ({ portalId, opId }) => leads.discard(portalId, opId)
  }
}
