import type { PortalWorkspaces } from '../workspaces/portal-workspaces'

/**
 * The userfield designer's work on a portal's lead userfields: listing them with how much they
 * are used, creating, changing and deleting them, drafts kept offline, and copying a schema
 * between portals. It works over the portal's workspace (its store, metadata and client) and the
 * typed `crm.lead.userfield.*` commands. Its channels are in electron/contract/userfields.ts.
 */
export class UserfieldsService {
  constructor(private readonly workspaces: PortalWorkspaces) {}

  /** The workspace of a portal, as every operation of the designer starts. */
  protected workspace(portalId: string) {
    return this.workspaces.open(portalId)
  }
}
