import type { PortalState } from '../../state/portal'
import type { PortalUser } from '../../state/users'

/** The scopes that open `user.current` / `user.get`; which one decides the fields returned. */
export const USER_SCOPES = ['user', 'user_basic', 'user_brief'] as const
type UserScope = (typeof USER_SCOPES)[number]

/** `user` wins over `user_basic` over `user_brief`, as the rest module picks the field set. */
export function userScopeOf(scopes: readonly string[]): UserScope | undefined {
  return USER_SCOPES.find((scope) => scopes.includes(scope))
}

/** Emulated users have no registration date; every one registered on this day (portal midnight). */
const REGISTERED_AT = Date.UTC(2024, 0, 15, 12)

interface UserColumn {
  /** The user scopes whose field set contains the column. */
  scopes: readonly UserScope[]
  output(user: PortalUser, portal: PortalState): unknown
}

const EVERY: readonly UserScope[] = USER_SCOPES
const empty = () => ''

/**
 * The columns the emulator models, in the rest module's order. `user_brief` lacks EMAIL and
 * LAST_LOGIN, `user_basic` lacks LAST_LOGIN (rest/lib/api/user.php field lists). Columns with no
 * data in the emulator are empty strings, as the docs' examples show them.
 */
const COLUMNS: Record<string, UserColumn> = {
  ID: { scopes: EVERY, output: (user) => String(user.id) },
  ACTIVE: { scopes: EVERY, output: (user) => user.active },
  NAME: { scopes: EVERY, output: (user) => user.name },
  LAST_NAME: { scopes: EVERY, output: (user) => user.lastName },
  SECOND_NAME: { scopes: EVERY, output: empty },
  EMAIL: { scopes: ['user', 'user_basic'], output: (user) => user.email },
  LAST_LOGIN: { scopes: ['user'], output: empty },
  DATE_REGISTER: { scopes: EVERY, output: (_user, portal) => portal.clock.isoDate(REGISTERED_AT) },
  TIME_ZONE: { scopes: EVERY, output: empty },
  IS_ONLINE: { scopes: EVERY, output: () => 'N' },
  PERSONAL_GENDER: { scopes: EVERY, output: empty },
  PERSONAL_BIRTHDAY: { scopes: EVERY, output: empty },
  WORK_POSITION: { scopes: EVERY, output: empty },
  UF_EMPLOYMENT_DATE: { scopes: EVERY, output: empty },
  UF_DEPARTMENT: { scopes: EVERY, output: () => [1] },
  USER_TYPE: { scopes: EVERY, output: () => 'employee' }
}

/** Column names the scope may read (and filter and sort by). */
export function userColumns(scope: UserScope): string[] {
  return Object.keys(COLUMNS).filter((name) => COLUMNS[name]!.scopes.includes(scope))
}

/** One column's output value. */
export function userColumn(user: PortalUser, name: string, portal: PortalState): unknown {
  return COLUMNS[name]?.output(user, portal)
}

/** A user as `user.current` / `user.get` print it for a caller with this scope. */
export function userRecord(user: PortalUser, scope: UserScope, portal: PortalState): Record<string, unknown> {
  return Object.fromEntries(userColumns(scope).map((name) => [name, userColumn(user, name, portal)]))
}
