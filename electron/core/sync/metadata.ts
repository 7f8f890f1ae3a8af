/**
 * What the app needs to know about a portal besides its leads (docs/architecture.md §5): lead fields,
 * user fields (labelled in English and in Russian), stages and sources, the lead card's layouts and the portal's users. Read in one
 * request (plus one per further 2,500 users) at the start of every sync; what the portal refuses
 * (a webhook without the `user` scope, say) keeps what was stored before.
 */
import { BATCH_LIMIT } from '../portal/batch'
import { portalCommands, runCommands, type PortalUser } from '../portal/methods'
import type { PortalClient } from '../portal/portal-client'
import type { LeadStore } from '../store/lead-store'
import { log } from '../log'
import { checkMetadataPart } from '../metadata/metadata-checks'
import type { MetadataPart } from '../metadata/portal-metadata'

interface MetadataContext {
  client: PortalClient
  store: LeadStore
  signal: AbortSignal
  /** Whose personal card layouts to read (the app user); undefined: the caller's own. */
  appUserId?: () => Promise<number | undefined>
}

/** user.get prints 50 users per page. */
const USERS_PER_PAGE = 50

const { leads, userFields, statuses, cardLayouts, users: portalUsers } = portalCommands
/** extras.leadCustomerType: normal and repeat leads have a card each (docs/bitrix24-protocol.md §8.11). */
const NORMAL_LEAD = 1
const REPEAT_LEAD = 2
const usersCommand = (start: number) => portalUsers.list({ start })

export async function refreshMetadata(context: MetadataContext): Promise<void> {
  const { store } = context
  const userId = await context.appUserId?.()
  const { outcomes } = await runCommands(
    context.client,
    {
      fields: leads.fields(),
      userfields: userFields.list({ lang: 'en' }),
      userfieldsRu: userFields.list({ lang: 'ru' }),
      statuses: statuses.list({ order: { SORT: 'ASC' } }),
      layoutCommon: cardLayouts.get({ scope: 'C', leadCustomerType: NORMAL_LEAD }),
      layoutPersonal: cardLayouts.get({ scope: 'P', userId, leadCustomerType: NORMAL_LEAD }),
      repeatCommon: cardLayouts.get({ scope: 'C', leadCustomerType: REPEAT_LEAD }),
      repeatPersonal: cardLayouts.get({ scope: 'P', userId, leadCustomerType: REPEAT_LEAD }),
      users: usersCommand(0)
    },
    { signal: context.signal }
  )
  const { fields, userfields, statuses: stages, layoutCommon: common, layoutPersonal: personal, users } = outcomes
  const { repeatCommon, repeatPersonal } = outcomes
  if (fields.ok) keepChecked(store, 'fields', fields.value)
  if (userfields.ok) keepChecked(store, 'userFields', userfields.value)
  if (outcomes.userfieldsRu.ok) keepChecked(store, 'userFieldsRu', outcomes.userfieldsRu.value)
  if (stages.ok) keepChecked(store, 'statuses', stages.value)
  if (common.ok && personal.ok) keepChecked(store, 'layouts', { common: common.value, personal: personal.value })
  if (repeatCommon.ok && repeatPersonal.ok)
    keepChecked(store, 'repeatLayouts', { common: repeatCommon.value, personal: repeatPersonal.value })
  if (users.ok) {
    const rest = await readMoreUsers(context, users.total ?? 0)
    if (rest) keepChecked(store, 'users', [...users.value, ...rest])
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

/** Checks a part as it comes from the portal and stores it; items the app cannot use are logged and left out. */
function keepChecked(store: LeadStore, part: MetadataPart, raw: unknown): void {
  const { value, dropped } = checkMetadataPart(part, raw)
  for (const item of dropped) log.warn(`The portal's ${item.part} item ${item.item} was left out: ${item.reason}`)
  store.setMetadata(part, value)
}
