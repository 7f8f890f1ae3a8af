import type { LeadContactItem, OutboxKind, ProductRowValues } from '../../contract'

/**
 * The lead domain's vocabulary: leads as the portal prints them, the changes a user makes to them,
 * and the outbox ops and conflicts those changes become. The server is the authority; the local
 * copy answers every read, and local edits wait in the outbox until they are pushed.
 */

/** A lead as the portal printed it (crm.lead.get/list): scalars as strings or null, UF values, multifields. */
export type ServerLead = Record<string, unknown> & { ID: string }

/** The field values a local edit sets (same shapes as crm.lead.update `fields`). */
export type FieldPatch = Record<string, unknown>

/**
 * Lead keys: the portal's ID (> 0) for leads the portal knows; a negative number for a lead
 * created offline, until its create is pushed and the portal's ID replaces it.
 */
export type LeadKey = number

export type SyncState = 'synced' | 'pending' | 'conflict' | 'error'

export type OutboxState = 'pending' | 'sending' | 'needs-attention' | 'done'

export type { OutboxKind }

/** Kinds of op that replace a whole set of what is bound to a lead (not its fields). */
export const LEAD_RELATION_KINDS = ['productrows', 'contacts'] as const satisfies readonly OutboxKind[]
export type LeadRelationKind = (typeof LEAD_RELATION_KINDS)[number]

/** One item of each relation kind: a product row, a bound contact. */
export interface LeadRelationItem {
  productrows: ProductRowValues
  contacts: LeadContactItem
}

/** What each kind of op carries in `patch`. */
export interface OutboxPayloads {
  /** Every field of the new lead. */
  create: FieldPatch
  /** The changed fields. */
  update: FieldPatch
  /** Nothing for a lead the portal has; for a lead made offline, its fields (kept for a withdraw). */
  delete: FieldPatch
  productrows: { rows: ProductRowValues[] }
  contacts: { items: LeadContactItem[] }
}

/** What every queued change has, whatever its kind. */
interface OutboxOpBase {
  opId: string
  seq: number
  leadKey: LeadKey
  /** update: the server values of the patched fields when the edit was made (three-way merge base). */
  base: FieldPatch
  /** create: written to ORIGIN_ID (ORIGINATOR_ID = the app) so a retried create is found, not repeated. */
  clientKey?: string
  attempts: number
  lastError?: { code: string; message: string; permanent: boolean }
  state: OutboxState
  /** ms since epoch: not before this (backoff). */
  nextAttemptAt: number
  createdAt: number
}

/** One queued change, typed by its kind. Ops of one lead are pushed in `seq` order. */
export type OutboxOp = { [K in OutboxKind]: OutboxOpBase & { kind: K; patch: OutboxPayloads[K] } }[OutboxKind]

/** An op of one kind. */
export type OutboxOpOf<K extends OutboxKind> = Extract<OutboxOp, { kind: K }>

/** A whole-set change of a lead's product rows or contacts. */
export type LeadRelationOp = OutboxOpOf<LeadRelationKind>

/** The items a whole-set change of that kind sets. */
export function relationItems<K extends LeadRelationKind>(kind: K, payload: OutboxPayloads[K]): LeadRelationItem[K][] {
  return (
    kind === 'productrows'
      ? (payload as OutboxPayloads['productrows']).rows
      : (payload as OutboxPayloads['contacts']).items
  ) as LeadRelationItem[K][]
}

export const isLeadRelationOp = (op: OutboxOp): op is LeadRelationOp =>
  (LEAD_RELATION_KINDS as readonly string[]).includes(op.kind)

/** A field changed on both sides to different values, or a lead deleted on the portal under local edits. */
export interface Conflict {
  id: number
  leadKey: LeadKey
  opId: string
  kind: 'field' | 'deleted'
  field?: string
  base?: unknown
  mine?: unknown
  theirs?: unknown
  createdAt: number
}
