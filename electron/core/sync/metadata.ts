/**
 * What the app needs to know about a portal besides its leads (architecture §5): lead fields,
 * user fields, stages and sources, the lead card's layouts and the portal's users. Read in one
 * request (plus one per further 2,500 users) at the start of every sync; what the portal refuses
 * (a webhook without the `user` scope, say) keeps what was stored before.
 */
import { BATCH_LIMIT } from '../portal/batch'
import { portalCommands, runCommands, type PortalUser } from '../portal/methods'
import type { PortalClient } from '../portal/portal-client'
import type { LeadStore } from '../store/lead-store'
import { META_KEYS } from '../store/meta'

interface MetadataContext {
  client: PortalClient
  store: LeadStore
  signal: AbortSignal
}

/** The card layouts as stored under META_KEYS.layouts: the common one and the caller's own. */
export interface StoredLayouts {
  common: unknown
  personal: unknown
}

/** user.get prints 50 users per page. */
const USERS_PER_PAGE = 50

const { leads, userFields, statuses, cardLayouts, users: portalUsers } = portalCommands
const usersCommand = (start: number) => portalUsers.list({ start })

export async function refreshMetadata(context: MetadataContext): Promise<void> {
  const { store } = context
  const { outcomes } = await runCommands(
    context.client,
    {
      fields: leads.fields(),
      userfields: userFields.list({ lang: 'en' }),
      statuses: statuses.list({ order: { SORT: 'ASC' } }),
      layoutCommon: cardLayouts.get({ scope: 'C' }),
      layoutPersonal: cardLayouts.get({ scope: 'P' }),
      users: usersCommand(0)
    },
    { signal: context.signal }
  )
  for (const [key, metaKey] of [
    ['fields', META_KEYS.fields],
    ['userfields', META_KEYS.userfields],
    ['statuses', META_KEYS.statuses]
  ] as const) {
    const outcome = outcomes[key]
    if (outcome.ok) store.setMeta(metaKey, outcome.value)
  }
  const [common, personal] = [outcomes.layoutCommon, outcomes.layoutPersonal]
  if (common.ok && personal.ok) {
    store.setMeta(META_KEYS.layouts, { common: common.value, personal: personal.value } satisfies StoredLayouts)
  }
  const users = outcomes.users
  if (users.ok) {
    const rest = await readMoreUsers(context, users.total ?? 0)
    if (rest) store.setMeta(META_KEYS.users, [...users.value, ...rest])
  }
}

/** The users after the first page: up to 50 pages per request. Undefined when a page failed. */
async function readMoreUsers(context: MetadataContext, total: number): Promise<PortalUser[] | undefined> {
  const starts: number[] = []
  for (let start = USERS_PER_PAGE; start < total; start += USERS_PER_PAGE) starts.push(start)
  const users: PortalUser[] = []
  for (let from = 0; from < starts.length; from += BATCH_LIMIT) {
    const commands = Object.fromEntries(
      starts.slice(from, from + BATCH_LIMIT).map((start) => [`u${start}`, usersCommand(start)])
    )
    const { outcomes } = await runCommands(context.client, commands, { signal: context.signal })
    for (const outcome of Object.values(outcomes)) {
      if (!outcome.ok) return undefined
      users.push(...outcome.value)
    }
  }
  return users
}
