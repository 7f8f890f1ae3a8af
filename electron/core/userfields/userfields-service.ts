import type { PortalWorkspaces } from '../workspaces/portal-workspaces'

/**
 * The userfield designer's service, laid out and wired (contract area, handlers, services) and
 * still without operations: they come with the designer. It will work over the portal's
 * workspace and the typed `crm.lead.userfield.*` commands.
 */
export class UserfieldsService {
  constructor(readonly workspaces: PortalWorkspaces) {}
}
