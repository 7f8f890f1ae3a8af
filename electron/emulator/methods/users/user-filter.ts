import { parsePortalDate } from '../../clock'
import type { PortalState } from '../../state/portal'
import type { PortalUser } from '../../state/users'
import { compileFilter, type FieldKind, type ListSchema } from '../list/filter'
import { phpInt } from '../params'
import { phpLooseTrue } from '../php-values'
import { userColumn } from './user-record'

const KINDS: Record<string, FieldKind> = {
  ID: 'number',
  UF_DEPARTMENT: 'number',
  ACTIVE: 'exact',
  IS_ONLINE: 'exact',
  USER_TYPE: 'exact',
  DATE_REGISTER: 'date',
  LAST_LOGIN: 'date',
  PERSONAL_BIRTHDAY: 'date'
}

/** Filter-only keys (rest/lib/api/user.php); their prefixes are dropped. */
const SEARCH_KEYS = new Set(['NAME_SEARCH', 'HAS_DEPARTAMENT'])

type Predicate = (user: PortalUser) => boolean

function userSchema(portal: PortalState, columns: ReadonlySet<string>): ListSchema<PortalUser> {
  return {
    kind: (field) => (columns.has(field) ? (KINDS[field] ?? 'string') : undefined),
    value: (user, field) => {
      if (field === 'ID') return user.id
      if (field === 'ACTIVE') return user.active ? 'Y' : 'N'
      return userColumn(user, field, portal)
    },
    parseDate: (text) => parsePortalDate(text, portal.clock.utcOffsetMinutes),
    now: () => portal.clock.now()
  }
}

/** prepareUserValue: ID cast to int, ACTIVE / IS_ONLINE to Y/N by PHP truthiness. */
function prepareValue(field: string, value: unknown): unknown {
  if (field === 'ID') return Array.isArray(value) ? value.map(phpInt) : phpInt(value)
  if (field === 'ACTIVE' || field === 'IS_ONLINE') return phpLooseTrue(value) && value !== 'N' ? 'Y' : 'N'
  return value
}

/**
 * The ORM treats a plain (or `=` / `!`) string condition holding `%` as LIKE with the caller's
 * pattern: `{"NAME": "Iva%"}` finds names starting with "Iva" (user.get docs).
 */
function filterKey(prefix: string, field: string, value: unknown): string {
  const plain = prefix === '' || prefix === '=' || prefix === '!' || prefix === '!='
  if (plain && typeof value === 'string' && value.includes('%')) return `${prefix.startsWith('!') ? '!' : ''}=%${field}`
  return `${prefix}${field}`
}

/** NAME_SEARCH: every word starts one of the name parts or the e-mail. */
function nameSearch(text: string, portal: PortalState): Predicate {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean)
  return (user) => {
    const parts = ['NAME', 'LAST_NAME', 'SECOND_NAME', 'EMAIL', 'WORK_POSITION'].map((field) =>
      String(userColumn(user, field, portal) ?? '').toLowerCase()
    )
    return words.every((word) => parts.some((part) => part.startsWith(word)))
  }
}

/**
 * The `user.get` filter: a key is `<prefix of 1–2 non-word chars><FIELD>` (so `!%=NAME` reads as
 * prefix `!%` on field `=NAME` and is ignored); keys that are not readable columns are dropped.
 */
export function userFilter(
  filter: Record<string, unknown>,
  columns: readonly string[],
  portal: PortalState
): Predicate {
  const readable = new Set(columns)
  const schema = userSchema(portal, readable)
  const predicates: Predicate[] = []
  for (const [key, raw] of Object.entries(filter)) {
    const match = /^(\W{1,2})(.+)$/s.exec(key)
    const prefix = match ? match[1]! : ''
    const field = match ? match[2]! : key
    if (field === 'NAME_SEARCH') predicates.push(nameSearch(String(raw ?? ''), portal))
    if (SEARCH_KEYS.has(field) || !readable.has(field)) continue
    const value = prepareValue(field, raw)
    predicates.push(compileFilter({ [filterKey(prefix, field, value)]: value }, schema))
  }
  return (user) => predicates.every((predicate) => predicate(user))
}
