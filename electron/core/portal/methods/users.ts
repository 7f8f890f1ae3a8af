import type { PortalClient } from '../portal-client'
import type { ListFilter, SortDirection } from './crm-values'
import { readCommand, runCommand, runPageCommand, type Page, type RequestOptions } from './command'
import { asList } from './normalise'

/**
 * A portal user as `user.current` / `user.get` print it. Which fields come depends on the scope:
 * `user_basic` has no LAST_LOGIN, `user_brief` neither EMAIL; the `user` scope adds PERSONAL_*,
 * WORK_* and more (kept as unknown).
 */
export interface PortalUser {
  ID: string
  ACTIVE: boolean
  NAME: string | null
  LAST_NAME: string | null
  SECOND_NAME: string | null
  EMAIL?: string | null
  LAST_LOGIN?: string | null
  DATE_REGISTER: string
  IS_ONLINE: 'Y' | 'N'
  TIME_ZONE?: string | null
  PERSONAL_GENDER?: string | null
  PERSONAL_BIRTHDAY?: string | null
  WORK_POSITION?: string | null
  /** IDs of the user's departments. */
  UF_DEPARTMENT?: number[]
  /** `employee`, `extranet`, ... */
  USER_TYPE?: string
  [otherField: string]: unknown
}

export interface UserListQuery {
  /** Prefixes as in CRM lists; also `NAME_SEARCH` (words of the name or e-mail) and `ACTIVE: true`. */
  filter?: ListFilter<string>
  /** Sorting needs both `sort` (a field) and `order`; by ID otherwise. */
  sort?: string
  order?: SortDirection
  /** The exact offset (not floored to a page); -1 skips counting. */
  start?: number
}

/** `user.current` and `user.get` (scope user, user_basic or user_brief). */
export const userCommands = {
  current: () => readCommand<PortalUser>('user.current'),

  /** One page of 50 users, inactive ones too unless filtered with `ACTIVE: true`. */
  list: (query: UserListQuery = {}) =>
    readCommand(
      'user.get',
      // user.get reads its keys upper-cased; FILTER, SORT and ORDER are its documented spellings.
      { FILTER: query.filter, SORT: query.sort, ORDER: query.order, start: query.start },
      asList<PortalUser>
    )
}

/** The user commands, each sent on its own. */
export function usersApi(client: PortalClient) {
  return {
    current: (options?: RequestOptions): Promise<PortalUser> => runCommand(client, userCommands.current(), options),

    list: (query: UserListQuery = {}, options?: RequestOptions): Promise<Page<PortalUser>> =>
      runPageCommand(client, userCommands.list(query), options)
  }
}

export type UsersApi = ReturnType<typeof usersApi>
