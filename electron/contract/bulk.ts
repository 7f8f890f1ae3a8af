/** Work on many leads at once: a bulk edit or delete, undoable as one step while unsent. */
import { z } from 'zod'
import { portalId } from './args'
import { channel } from './channel'
import { gridQuery } from './grid-query'
import { fieldValues, leadKey } from './leads'

/** Leads one bulk change may touch: a whole portal of the size the app is built for. */
export const MAX_BULK_LEADS = 200_000

/** The leads a bulk change is for: chosen one by one, or every lead that matches a filter and search. */
const bulkTarget = z.union([
  z.strictObject({ keys: z.array(leadKey).min(1).max(MAX_BULK_LEADS) }),
  z.strictObject({ query: gridQuery.pick({ filter: true, search: true }) })
])
export type BulkTarget = z.output<typeof bulkTarget>

const bulkId = z.string().uuid('Not a bulk change id')

export interface BulkResult {
  bulkId: string
  /** Leads changed (queued). */
  leads: number
  /** Leads left as they are: a change of theirs the portal refused waits for the user first. */
  skipped: number
}

/** Where a bulk change stands with the portal. */
export interface BulkStatus {
  bulkId: string
  kind: 'edit' | 'delete'
  /** The fields a bulk edit sets. */
  fields: string[]
  total: number
  /** Taken by the portal. */
  sent: number
  /** Waiting for the user: refused by the portal, or in conflict. */
  failed: number
  /** Still to go. */
  unsent: number
  /** Taken back by undoing the bulk change. */
  withdrawn: number
  createdAt: string
}

export interface BulkUndoResult {
  /** Changes taken back. */
  withdrawn: number
  /** Changes already on the portal (undo those lead by lead) or being sent right now. */
  kept: number
}

export const bulkChannels = {
  /** Sets the same fields on every target lead, queued as one step. */
  'leads.bulkEdit': channel<BulkResult>()(z.strictObject({ portalId, target: bulkTarget, patch: fieldValues })),
  'leads.bulkDelete': channel<BulkResult>()(z.strictObject({ portalId, target: bulkTarget })),
  /** Takes back what of a bulk change is not sent yet. */
  'leads.bulkUndo': channel<BulkUndoResult>()(z.strictObject({ portalId, bulkId })),
  'leads.bulkStatus': channel<BulkStatus>()(z.strictObject({ portalId, bulkId }))
} as const
