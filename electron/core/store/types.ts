/**
 * The offline lead store's vocabulary (docs/architecture.md §5). The server is the authority; this local
 * copy answers every read. Local edits wait in the outbox until they are pushed.
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

export type OutboxKind = 'create' | 'update' | 'delete' | 'productrows' | 'contacts'

export type OutboxState = 'pending' | 'sending' | 'needs-attention' | 'done'

/** One queued change. Ops of one lead are pushed in `seq` order. */
export interface OutboxOp {
  opId: string
  seq: number
  kind: OutboxKind
  leadKey: LeadKey
  /** update: the changed fields; create: all fields; productrows: { rows }; contacts: { items }. */
  patch: FieldPatch
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

/** Grid filters: the operators users know from Bitrix24. */
export type GridOperator = '=' | '!' | '>' | '>=' | '<' | '<=' | '%' | '@' | 'empty' | 'notEmpty'

export interface GridCondition {
  field: string
  op: GridOperator
  value?: unknown
}

export interface GridQuery {
  filter?: GridCondition[]
  sort?: Array<{ field: string; direction: 'asc' | 'desc' }>
  /** Full-text search over title, names, company, phones, e-mails, comments. */
  search?: string
  offset: number
  limit: number
}

/** A grid row: the server copy with local edits applied, and its sync state. */
export interface GridRow {
  key: LeadKey
  values: Record<string, unknown>
  syncState: SyncState
}

export interface GridPage {
  rows: GridRow[]
  total: number
}

export type Facets = Record<'STATUS_ID' | 'SOURCE_ID', Record<string, number>>
