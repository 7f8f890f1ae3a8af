import type { PortalClient } from '../portal-client'
import type { ListFilter, ListOrder, YesNo } from './crm-values'
import { readCommand, runCommand, type RequestOptions } from './command'

/** Lists of the lead's status fields: stages, sources, salutations (docs/bitrix24-protocol.md §8.12). */
export type StatusEntityId = 'STATUS' | 'SOURCE' | 'HONORIFIC'

/** An item of `crm.status.list`: every scalar a string. */
export interface CrmStatus {
  ID: string
  ENTITY_ID: string
  /** The value a lead field holds, e.g. `NEW` or `CALL`. */
  STATUS_ID: string
  NAME: string
  /** The original name of a system item; `""` for others. */
  NAME_INIT: string
  SORT: string
  SYSTEM: YesNo
  CATEGORY_ID: string | null
  COLOR: string | null
  /** null for process stages (and non-stage lists), 'S' for the success stage, 'F' for failures. */
  SEMANTICS: 'S' | 'F' | null
  /** Stage lists only (STATUS, not SOURCE or HONORIFIC). */
  EXTRA?: { SEMANTICS: 'process' | 'success' | 'failure'; COLOR: string | null }
}

type StatusField = 'ID' | 'ENTITY_ID' | 'STATUS_ID' | 'NAME' | 'SORT' | 'SYSTEM' | 'SEMANTICS'

export interface StatusListQuery {
  /** E.g. `{ ENTITY_ID: 'STATUS' }` for the lead stages. */
  filter?: ListFilter<StatusField> & { ENTITY_ID?: StatusEntityId | (string & {}) }
  /** Default `{ SORT: 'ASC' }`. */
  order?: ListOrder<StatusField>
}

/** `crm.status.list`: every matching item (no paging). */
export const statusCommands = {
  list: (query: StatusListQuery = {}) => readCommand<CrmStatus[]>('crm.status.list', query)
}

/** The status commands, each sent on its own. */
export function statusesApi(client: PortalClient) {
  return {
    list: (query: StatusListQuery = {}, options?: RequestOptions): Promise<CrmStatus[]> =>
      runCommand(client, statusCommands.list(query), options)
  }
}

export type StatusesApi = ReturnType<typeof statusesApi>
