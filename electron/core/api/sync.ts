import type { ApiHandlers, syncChannels } from '../../contract'
import type { LeadsService } from '../leads/leads-service'

export type SyncHandlers = Pick<ApiHandlers, keyof typeof syncChannels>

/** Running a portal's sync, resolving its conflicts, and handling its outbox. */
export function createSyncApi(leads: LeadsService): SyncHandlers {
  return {
    'sync.start': ({ portalId, mode }) => leads.syncStart(portalId, mode),
    'sync.cancel': ({ portalId }) => leads.syncCancel(portalId),
    'sync.status': ({ portalId }) => leads.syncStatus(portalId),
    'conflicts.list': ({ portalId }) => leads.conflicts(portalId),
    'conflicts.resolve': ({ portalId, id, choice }) => leads.resolve(portalId, id, choice),
    'outbox.list': ({ portalId }) => leads.outbox(portalId),
    'outbox.retry': ({ portalId, opId }) => leads.retry(portalId, opId),
    'outbox.discard': ({ portalId, opId }) => leads.discard(portalId, opId)
  }
}
