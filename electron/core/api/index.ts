import type { ApiHandlers } from '../../contract'
import type { LeadsService } from '../leads/leads-service'
import type { SavedViewsService } from '../leads/saved-views'
import type { PortalWorkspaces } from '../workspaces/portal-workspaces'
import type { FilePort } from '../files/file-port'
import { createFileApi } from './files'
import type { LayoutsService } from '../layouts/layouts-service'
import type { UserfieldsService } from '../userfields/userfields-service'
import { createJobApi } from './jobs'
import { createLayoutApi } from './layouts'
import { createUserfieldApi } from './userfields'
import { createLeadApi } from './leads'
import { createLeadCardApi } from './lead-card'
import type { LeadCardService } from '../leads/lead-card-service'
import { createPortalApi, type PortalApiDeps } from './portals'
import { createSyncApi } from './sync'
import { createViewApi } from './views'

export interface ApiDeps extends PortalApiDeps {
  workspaces: PortalWorkspaces
  leads: LeadsService
  files: FilePort
  userfields: UserfieldsService
  layouts: LayoutsService
  views: SavedViewsService
  leadCard: LeadCardService
}

/**
 * The implementation of the contract: one async function per channel, gathered from the areas.
 * Arguments arrive already validated by the dispatcher. Served by Electron IPC in the app and by
 * the loopback bridge in browser tests, so both run exactly this code.
 */
export function createApi(deps: ApiDeps): ApiHandlers {
  return {
    ...createPortalApi(deps),
    ...createLeadApi(deps.leads),
    ...createLeadCardApi(deps.leadCard, deps.layouts),
    ...createSyncApi(deps.workspaces, deps.leads),
    ...createJobApi(deps.workspaces),
    ...createFileApi(deps.files),
    ...createUserfieldApi(deps.userfields),
    ...createLayoutApi(deps.layouts),
    ...createViewApi(deps.views)
  }
}
