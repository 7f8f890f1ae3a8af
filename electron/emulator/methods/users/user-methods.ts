import { COST, listPageCost } from '../../limits/cost-model'
import type { PortalState } from '../../state/portal'
import type { PortalUser } from '../../state/users'
import { ListResult, methods, type CallContext } from '../context'
import { PAGE_SIZE } from '../list/list-query'
import { isMap, phpInt } from '../params'
import { phpText, upperKeys } from '../php-values'
import { requireAnyScope } from '../scope-check'
import { userFilter } from './user-filter'
import { USER_SCOPES, userColumn, userColumns, userRecord, userScopeOf } from './user-record'

function callerUserScope(ctx: CallContext) {
  requireAnyScope(ctx, USER_SCOPES)
  return userScopeOf(ctx.caller.scopes)!
}

function userCurrent(ctx: CallContext): Record<string, unknown> {
  const scope = callerUserScope(ctx)
  ctx.meter.add(COST.read)
  return userRecord(ctx.caller.user, scope, ctx.portal)
}

/** `SORT` + `ORDER` (both needed) on a readable column; otherwise ID order. */
function sortUsers(users: PortalUser[], query: Record<string, unknown>, columns: string[], portal: PortalState) {
  const field = phpText(query.SORT).toUpperCase()
  const direction = phpText(query.ORDER).toUpperCase()
  const sorting = field !== '' && direction !== '' && columns.includes(field)
  const sign = direction === 'DESC' ? -1 : 1
  const key = (user: PortalUser) => (field === 'ID' ? user.id : String(userColumn(user, field, portal)).toLowerCase())
  return users.sort((a, b) => {
    const x = sorting ? key(a) : 0
    const y = sorting ? key(b) : 0
    if (x !== y) return x < y ? -sign : sign
    return a.id - b.id
  })
}

/**
 * `user.get`: the filter is `FILTER` when it is an array, otherwise the top-level keys (the rest
 * module keeps this "mistake" for compatibility). Paging is the ORM kind: `start` is the exact
 * offset, not floored to a page; `start=-1` skips counting. An empty page is a bare `[]`.
 */
function userGet(ctx: CallContext): ListResult | unknown[] {
  const scope = callerUserScope(ctx)
  const columns = userColumns(scope)
  const query = upperKeys(ctx.params)
  const filterSource = typeof query.FILTER === 'object' && query.FILTER !== null ? query.FILTER : query
  const filter = upperKeys(isMap(filterSource) ? filterSource : { ...(filterSource as unknown[]) })
  const accept = userFilter(filter, columns, ctx.portal)
  const matches = sortUsers(ctx.portal.users.filter(accept), query, columns, ctx.portal)

  const start = phpInt(ctx.params.start ?? 0)
  const counting = start >= 0
  const offset = counting ? start : 0
  const page = matches.slice(offset, offset + PAGE_SIZE)
  ctx.meter.add(listPageCost(page.length, columns.length, counting ? ctx.portal.users.length : undefined))
  if (!page.length) return []
  const total = counting ? matches.length : 0
  const next = offset + page.length < total ? offset + page.length : undefined
  return new ListResult(
    page.map((user) => userRecord(user, scope, ctx.portal)),
    total,
    next
  )
}

/** `user.current` and `user.get` (scopes user, user_basic or user_brief). */
export const userMethods = methods({
  'user.current': { scope: null, handler: userCurrent },
  'user.get': { scope: null, handler: userGet }
})
