/** The grid's query vocabulary over the local copy of a portal's leads. */
import type { LeadKey, SyncState } from '../domain/lead-types'

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
