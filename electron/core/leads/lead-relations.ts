import type { LeadContactItem, LeadRelation, ProductRowValues } from '../../contract'
import type { LeadKey, LeadRelationItem, LeadRelationKind } from '../domain/lead-types'
import { AppError } from '../errors'
import { portalCommands, runCommand, type LeadContactBinding, type ProductRow } from '../portal/methods'
import { explainPortalFailure } from '../portal/portal-failure'
import { PortalError } from '../portal/portal-error'
import type { RelationItems } from '../store/lead-relations'
import type { PortalWorkspace } from '../workspaces/portal-workspace'

/** The portal could not be reached: the local copy answers instead. */
export const isUnreachable = (error: unknown) =>
  error instanceof PortalError && ['NETWORK', 'TIMEOUT', 'BAD_RESPONSE'].includes(error.code)

/** A product row as the portal printed it, kept with its plain values only. */
function productRowValues(row: ProductRow): ProductRowValues {
  return Object.fromEntries(
    Object.entries(row).filter(
      (entry): entry is [string, string | number | null] =>
        entry[1] === null || typeof entry[1] === 'string' || typeof entry[1] === 'number'
    )
  )
}

const contactItem = ({ CONTACT_ID, SORT, IS_PRIMARY }: LeadContactBinding): LeadContactItem => ({
  CONTACT_ID: Number(CONTACT_ID),
  SORT: Number(SORT),
  IS_PRIMARY
})

/** Reads a lead's items of one kind from the portal, in the shape the app keeps them. */
async function readFromPortal<K extends LeadRelationKind>(
  workspace: PortalWorkspace,
  key: LeadKey,
  kind: K
): Promise<RelationItems<K>> {
  const { productRows, leadContacts } = portalCommands
  const items =
    kind === 'productrows'
      ? (await runCommand(workspace.client, productRows.get(key))).map(productRowValues)
      : (await runCommand(workspace.client, leadContacts.items.get(key))).map(contactItem)
  return items as RelationItems<K>
}

/**
 * A lead's product rows or bound contacts for the card. They are read from the portal when the
 * card asks (`refresh`) and it can be reached, and kept, so the card shows them offline too; an
 * unsent change of them is what the user sees until it is sent.
 */
export async function readLeadRelation<K extends LeadRelationKind>(
  workspace: PortalWorkspace,
  key: LeadKey,
  kind: K,
  refresh: boolean
): Promise<LeadRelation<LeadRelationItem[K]>> {
  const { store } = workspace
  if (!store.getLead(key)) throw new AppError('NOT_FOUND', `There is no lead ${key} in the local copy.`)
  let offline = false
  // A lead made offline is not on the portal yet: there is nothing to read.
  if (refresh && key > 0) {
    try {
      const before = JSON.stringify(store.relation(key, kind))
      const read = await readFromPortal(workspace, key, kind)
      // A change sent or queued while the answer was on its way is newer than it: keep that.
      if (JSON.stringify(store.relation(key, kind)) === before) store.keepRelation(key, kind, read, Date.now())
    } catch (error) {
      if (!isUnreachable(error)) throw explainPortalFailure(error, 'Reading the lead')
      offline = true
    }
  }
  const local = store.relation(key, kind)
  return {
    items: local.items as LeadRelationItem[K][],
    pending: local.pending,
    offline,
    ...(local.readAt === undefined ? {} : { readAt: new Date(local.readAt).toISOString() })
  }
}
