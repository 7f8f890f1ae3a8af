import type { ApiHandlers, viewChannels } from '../../contract'
import type { SavedViewsService } from '../leads/saved-views'

export type ViewHandlers = Pick<ApiHandlers, keyof typeof viewChannels>

/** The grid's saved views of each portal. */
export function createViewApi(views: SavedViewsService): ViewHandlers {
  return {
    'views.list': ({ portalId }) => views.list(portalId),
    'views.save': ({ portalId, id, settings }) => views.save(portalId, id, settings),
    'views.remove': ({ portalId, id }) => views.remove(portalId, id),
    'views.setDefault': ({ portalId, id }) => views.setDefault(portalId, id)
  }
}
