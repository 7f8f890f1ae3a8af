import type { LeadFieldItem } from '../../contract'
import type { CrmStatus } from '../portal/methods/statuses'
import type { PortalUser } from '../portal/methods/users'

/** Status lists whose items are stages (they have a colour and a meaning). */
const STAGE_LISTS = new Set(['STATUS'])
const SEMANTICS_BY_LETTER = { S: 'success', F: 'failure' } as const
const COLOR_PATTERN = /^#[0-9a-f]{6}$/i

/** A stage's meaning: EXTRA.SEMANTICS where the portal prints it, else the SEMANTICS letter. */
function stageSemantics(status: CrmStatus): NonNullable<LeadFieldItem['semantics']> {
  const extra = status.EXTRA?.SEMANTICS
  if (extra === 'process' || extra === 'success' || extra === 'failure') return extra
  return status.SEMANTICS ? SEMANTICS_BY_LETTER[status.SEMANTICS] : 'process'
}

function stageColor(status: CrmStatus): string | undefined {
  const color = status.COLOR ?? status.EXTRA?.COLOR
  return typeof color === 'string' && COLOR_PATTERN.test(color) ? color.toLowerCase() : undefined
}

/** The items of one status list, in the portal's order; stages with their colour and meaning. */
export function statusItems(statuses: readonly CrmStatus[] | undefined, list: string): LeadFieldItem[] | undefined {
  if (!statuses || !list) return undefined
  return statuses
    .filter((status) => status.ENTITY_ID === list)
    .map((status) => {
      const item: LeadFieldItem = { value: status.STATUS_ID, label: status.NAME || status.STATUS_ID }
      if (STAGE_LISTS.has(list)) {
        const color = stageColor(status)
        if (color) item.color = color
        item.semantics = stageSemantics(status)
      }
      return item
    })
}

/** A user's name as people read it: first and last name, else the e-mail, else the ID. */
export function userName(user: PortalUser): string {
  const name = [user.NAME, user.LAST_NAME].map((part) => part?.trim()).filter(Boolean)
  if (name.length) return name.join(' ')
  return user.EMAIL?.trim() || user.ID
}

/** The portal's users as choices: by name, active ones first; inactive ones marked. */
export function userItems(users: readonly PortalUser[]): LeadFieldItem[] {
  return users
    .map((user) => {
      const item: LeadFieldItem = { value: user.ID, label: userName(user) }
      if (!user.ACTIVE) item.inactive = true
      return item
    })
    .sort((a, b) => Number(Boolean(a.inactive)) - Number(Boolean(b.inactive)) || a.label.localeCompare(b.label))
}
