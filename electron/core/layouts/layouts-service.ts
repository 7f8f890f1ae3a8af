import type { PortalWorkspaces } from '../workspaces/portal-workspaces'

/**
 * The card-layout editor's work on a portal's lead card layouts: reading the common and personal
 * layouts of normal and repeat leads, drafts kept offline, applying a draft after showing its
 * difference, resetting, and forcing the common layout on everyone. It works over the portal's
 * workspace (its store, metadata and client) and the typed `crm.lead.details.configuration.*`
 * commands. Its channels are in electron/contract/layouts.ts.
 */
export class LayoutsService {
  constructor(private readonly workspaces: PortalWorkspaces) {}

  /** The workspace of a portal, as every operation of the editor starts. */
  protected workspace(portalId: string) {
    return this.workspaces.open(portalId)
  }
}
