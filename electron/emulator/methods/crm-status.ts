import { restErrors } from '../errors'
import { COST } from '../limits/cost-model'
import type { StatusItem } from '../state/statuses'
import { ListResult, methods } from './context'
import { compileFilter, type ListSchema } from './list/filter'
import { parseOrder } from './list/list-query'
import { mapParam } from './params'

const STAGE_LISTS = new Set(['STATUS', 'QUOTE_STATUS', 'DEAL_STAGE'])
const SEMANTIC_NAMES = { S: 'success', F: 'failure' } as const

/** A status item as `crm.status.list` prints it (docs/bitrix24-protocol.md §8.12): scalars as strings. */
function statusToJson(item: StatusItem): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ID: String(item.id),
    ENTITY_ID: item.entityId,
    STATUS_ID: item.statusId,
    NAME: item.name,
    NAME_INIT: item.system ? item.nameInit : '',
    SORT: String(item.sort),
    SYSTEM: item.system ? 'Y' : 'N',
    CATEGORY_ID: null,
    COLOR: item.color,
    SEMANTICS: item.semantics
  }
  // EXTRA exists only for stage-type lists.
  if (STAGE_LISTS.has(item.entityId) || item.entityId.startsWith('DEAL_STAGE_')) {
    json.EXTRA = { SEMANTICS: item.semantics ? SEMANTIC_NAMES[item.semantics] : 'process', COLOR: item.color }
  }
  return json
}

const COLUMNS: Record<string, (item: StatusItem) => unknown> = {
  ID: (item) => item.id,
  ENTITY_ID: (item) => item.entityId,
  STATUS_ID: (item) => item.statusId,
  NAME: (item) => item.name,
  SORT: (item) => item.sort,
  SYSTEM: (item) => (item.system ? 'Y' : 'N'),
  SEMANTICS: (item) => item.semantics
}

const statusSchema: ListSchema<StatusItem> = {
  kind: (field) => (field === 'ID' || field === 'SORT' ? 'number' : field in COLUMNS ? 'string' : undefined),
  value: (item, field) => COLUMNS[field]?.(item),
  parseDate: () => undefined,
  now: () => Date.now()
}

export const statusMethods = methods({
  'crm.status.list': {
    scope: 'crm',
    handler: (ctx) => {
      if (ctx.caller.user.leadAccess === 'none') throw restErrors.accessDenied()
      const filter = mapParam(ctx.params, 'filter')
      const order = mapParam(ctx.params, 'order')
      const keys = parseOrder(Object.keys(order).length ? order : { SORT: 'ASC' }, (field) => field in COLUMNS)
      const matches = compileFilter(filter, statusSchema)
      const items = ctx.portal.statuses.filter(matches).sort((a, b) => {
        for (const { field, ascending } of keys) {
          const x = COLUMNS[field]!(a) as string | number
          const y = COLUMNS[field]!(b) as string | number
          if (x !== y) return (x < y ? -1 : 1) * (ascending ? 1 : -1)
        }
        return a.id - b.id
      })
      ctx.meter.add(COST.read)
      // No paging: every match, and total = their count.
      return new ListResult(items.map(statusToJson), items.length, undefined)
    }
  }
})
