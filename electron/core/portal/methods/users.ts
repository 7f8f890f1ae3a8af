import type { PortalClient } from '../portal-client'
import type { ListFilter, SortDirection } from './crm-values'
import { readPage, readResult, type Page, type RequestOptions } from './request'

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
export function usersApi(client: PortalClient) {
  return {
    current: (options?: RequestOptions): Promise<PortalUser> => readResult(client, 'user.current', {}, options),

    /** One page of 50 users, inactive ones too unless filtered with `ACTIVE: true`. */
    list: (query: UserListQuery = {}, options?: RequestOptions): Promise<Page<PortalUser>> =>
      readPage(
        client,
        'user.get',
        // user.get reads its keys upper-cased; FILTER, SORT and ORDER are its documented spellings.
        { FILTER: query.filter, SORT: query.sort, ORDER: query.order, start: query.start },
        options
      )
  }
}

export type UsersApi = ReturnType<typeof usersApi>
