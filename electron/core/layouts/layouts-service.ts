import type { PortalWorkspaces } from '../workspaces/portal-workspaces'

/**
 * The card-layout editor's service, laid out and wired (contract area, handlers, services) and
 * still without operations: they come with the editor. It will work over the portal's workspace
 * and the typed `crm.lead.details.configuration.*` commands.
 */
export class LayoutsService {
  constructor(readonly workspaces: PortalWorkspaces) {}
}
