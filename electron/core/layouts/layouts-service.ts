import type { LeadCardLayout } from '../../contract'
import type { LeadKey } from '../domain/lead-types'
import { leadRow } from '../leads/lead-row'
import type { PortalWorkspaces } from '../workspaces/portal-workspaces'
import { leadCustomerTypeOf, resolveCardLayout } from './card-layout'

/**
 * The lead card's layouts: which one a lead is shown with (from the metadata the sync keeps). The
 * card-layout editor's operations over `crm.lead.details.configuration.*` come with the editor.
 */
export class LayoutsService {
  constructor(readonly workspaces: PortalWorkspaces) {}

  /** The card of this lead (normal or repeat) for the app's user. */
  async cardLayout(portalId: string, key: LeadKey): Promise<LeadCardLayout> {
    const { store } = await this.workspaces.open(portalId)
    const { values } = leadRow(store, key)
    return resolveCardLayout(store.metadata(), leadCustomerTypeOf(values))
  }
}
