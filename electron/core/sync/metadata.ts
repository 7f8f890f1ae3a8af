/**
 * What the app needs to know about a portal besides its leads (docs/architecture.md §5): lead fields,
 * user fields, stages and sources, the lead card's layouts and the portal's users. Read in one
 * request (plus one per further 2,500 users) at the start of every sync; what the portal refuses
 * (a webhook without the `user` scope, say) keeps what was stored before.
 */
import { BATCH_LIMIT, runBatch, type BatchCommands } from '../portal/batch'
import type { PortalClient } from '../portal/portal-client'
import type { LeadStore } from '../store/lead-store'
import { log } from '../log'
import { checkMetadataPart } from '../metadata/metadata-checks'
import type { MetadataPart } from '../metadata/portal-metadata'

interface MetadataContext {
  client: PortalClient
  store: LeadStore
  signal: AbortSignal
}

/** user.get prints 50 users per page. */
const USERS_PER_PAGE = 50

const layoutCommand = (scope: 'C' | 'P') => ({ method: 'crm.lead.details.configuration.get', params: { scope } })
const usersCommand = (start: number) => ({ method: 'user.get', params: { start } })

export async function refreshMetadata(context: MetadataContext): Promise<void> {
  const { store } = context
  const { outcomes } = await runBatch(
    context.client,
    {
      fields: { method: 'crm.lead.fields' },
      userfields: { method: 'crm.lead.userfield.list', params: { filter: { LANG: 'en' } } },
      statuses: { method: 'crm.status.list', params: { order: { SORT: 'ASC' } } },
      layoutCommon: layoutCommand('C'),
      layoutPersonal: layoutCommand('P'),
      users: usersCommand(0)
    },
    { signal: context.signal }
  )
  const keep = (part: MetadataPart, raw: unknown) => keepChecked(store, part, raw)
  for (const [key, part] of [
    ['fields', 'fields'],
    ['userfields', 'userFields'],
    ['statuses', 'statuses']
  ] as const) {
    const outcome = outcomes[key]
    if (outcome?.ok) keep(part, outcome.result)
  }
  const [common, personal] = [outcomes.layoutCommon, outcomes.layoutPersonal]
  if (common?.ok && personal?.ok) keep('layouts', { common: common.result, personal: personal.result })
  const users = outcomes.users
  if (users?.ok) {
    const rest = await readMoreUsers(context, users.total ?? 0)
    if (rest) keep('users', [...(users.result as unknown[]), ...rest])
  }
}

/** The users after the first page: up to 50 pages per request. Undefined when a page failed. */
async function readMoreUsers(context: MetadataContext, total: number): Promise<unknown[] | undefined> {
  const starts: number[] = []
  for (let start = USERS_PER_PAGE; start < total; start += USERS_PER_PAGE) starts.push(start)
  const users: unknown[] = []
  for (let from = 0; from < starts.length; from += BATCH_LIMIT) {
    const commands: BatchCommands = Object.fromEntries(
      starts.slice(from, from + BATCH_LIMIT).map((start) => [`u${start}`, usersCommand(start)])
    )
    const { outcomes } = await runBatch(context.client, commands, { signal: context.signal })
    for (const outcome of Object.values(outcomes)) {
      if (!outcome.ok) return undefined
      users.push(...(outcome.result as unknown[]))
    }
  }
  return users
}

/** Checks a part as it comes from the portal and stores it; items the app cannot use are logged and left out. */
function keepChecked(store: LeadStore, part: MetadataPart, raw: unknown): void {
  const { value, dropped } = checkMetadataPart(part, raw)
  for (const item of dropped) log.warn(`The portal's ${item.part} item ${item.item} was left out: ${item.reason}`)
  store.setMetadata(part, value)
}
