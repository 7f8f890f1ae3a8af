import type { LeadsService } from '../../electron/core/leads/leads-service'
import { readKeysetPages } from '../../electron/core/portal/keyset-reader'
import { FULL_SELECT } from '../../electron/core/sync/pull'
import { ORIGINATOR } from '../../electron/core/sync/push'
import type { Emulator } from '../../electron/emulator/emulator'
import { webhookClient } from './webhook-client'
import { seededRandom } from '../../electron/emulator/seed/random'

/**
 * What the reliability tests plan and check: a seeded plan of offline edits and creates, the
 * portal read back in full, and the exact differences from the expected state. (No vitest here:
 * the sync child process builds the same plan.)
 */

export type Lead = Record<string, unknown>

export interface PlannedEdit {
  /** Index into `creates` for a lead made offline, else the portal ID. */
  lead: { id: number } | { create: number }
  fields: Record<string, unknown>
}

export interface SyncPlan {
  edits: PlannedEdit[]
  creates: Array<Record<string, unknown>>
}

const STAGES = ['NEW', 'IN_PROCESS', 'PROCESSED']
const SOURCES = ['CALL', 'EMAIL', 'WEB', 'PARTNER', 'OTHER']

/**
 * `edits` edits of existing leads (1..leadCount) and of leads made offline, over several fields
 * (a phone added too), about a tenth of them on a lead edited before (the same field or
 * another); then `creates` new leads with unique titles and client-side values only.
 */
export function planOfflineWork(options: { seed: number; leadCount: number; edits: number; creates: number }) {
  const random = seededRandom(options.seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const creates = Array.from({ length: options.creates }, (_, index) => ({
    TITLE: `Offline lead ${options.seed}-${index}`,
    NAME: `New${index}`,
    COMMENTS: `made offline #${index}`,
    ...(index % 3 === 0
      ? { PHONE: [{ VALUE: `+1 555 100-${String(index).padStart(4, '0')}`, VALUE_TYPE: 'WORK' }] }
      : {})
  }))
  const edits: PlannedEdit[] = []
  const touched: number[] = []
  for (let n = 0; n < options.edits; n++) {
    const again = touched.length > 0 && random() < 0.1
    let lead: PlannedEdit['lead']
    // One edit in fifty is of a lead made offline and not sent yet.
    if (n % 50 === 49) lead = { create: Math.floor(random() * options.creates) }
    else {
      const id = again ? pick(touched) : 1 + Math.floor(random() * options.leadCount)
      if (!again) touched.push(id)
      lead = { id }
    }
    const roll = random()
    const fields: Record<string, unknown> =
      roll < 0.2
        ? { TITLE: `Edited title ${n}` }
        : roll < 0.35
          ? { COMMENTS: `Edited comment ${n}` }
          : roll < 0.5
            ? { NAME: `Name${n}`, LAST_NAME: `Last${n}` }
            : roll < 0.6
              ? { OPPORTUNITY: String(1000 + n) }
              : roll < 0.7
                ? { STATUS_ID: pick(STAGES) }
                : roll < 0.8
                  ? { SOURCE_ID: pick(SOURCES), COMMENTS: `Source changed ${n}` }
                  : roll < 0.9
                    ? { UF_CRM_VISITS: String(n) }
                    : { PHONE: [{ VALUE: `+1 555 200-${String(n).padStart(4, '0')}`, VALUE_TYPE: 'MOBILE' }] }
    edits.push({ lead, fields })
  }
  return { edits, creates }
}

/** The portal's leads, every field, read with the chained keyset reader (2,500 per request). */
export async function readPortalLeads(emulator: Emulator): Promise<Map<number, Lead>> {
  const leads = new Map<number, Lead>()
  for await (const page of readKeysetPages<Lead>(webhookClient(emulator), { select: FULL_SELECT }))
    for (const lead of page) leads.set(Number(lead.ID), lead)
  return leads
}

/** Every lead of the local copy, as the grid shows it, paged by ID. */
export async function readLocalLeads(leads: LeadsService, portalId: string): Promise<Map<number, Lead>> {
  const local = new Map<number, Lead>()
  for (let offset = 0; ; offset += 1000) {
    const page = await leads.query(portalId, { offset, limit: 1000, sort: [{ field: 'ID', direction: 'asc' }] })
    for (const row of page.rows) local.set(row.key, row.values)
    if (page.rows.length < 1000) return local
  }
}

/** Fields the portal derives itself when a lead is written (dates, flags, who and when). */
const DERIVED = new Set([
  'DATE_MODIFY',
  'MODIFY_BY_ID',
  'HAS_PHONE',
  'HAS_EMAIL',
  'STATUS_SEMANTIC_ID',
  'MOVED_BY_ID',
  'MOVED_TIME',
  'DATE_CLOSED'
])

type Phone = { VALUE: string; VALUE_TYPE: string }
const phoneTexts = (items: unknown) =>
  ((items as Phone[] | undefined) ?? []).map((item) => `${item.VALUE_TYPE}:${item.VALUE}`).sort()
const phonesOf = (lead: Lead) => phoneTexts(lead.PHONE)

/** A value as the portal stores it: amounts as numbers ("1599.00" is 1599), phones as sorted texts. */
function comparable(field: string, value: unknown): unknown {
  if (field === 'PHONE') return phoneTexts(value)
  if (field === 'OPPORTUNITY') return Number(value)
  return value
}

/**
 * The expected portal state, lead by lead, from the portal before the offline work and the plan:
 * returns what differs (an empty list when the portal is exactly as expected), so a failure names
 * the leads and fields.
 */
export function differencesFromPlan(before: Map<number, Lead>, after: Map<number, Lead>, plan: SyncPlan): string[] {
  const problems: string[] = []
  const expected = new Map<number, Record<string, unknown>>()
  const createdFields = plan.creates.map((fields) => ({ ...fields }) as Record<string, unknown>)
  for (const edit of plan.edits) {
    const target = 'id' in edit.lead ? expectedOf(expected, edit.lead.id) : createdFields[edit.lead.create]!
    for (const [field, value] of Object.entries(edit.fields)) {
      if (field === 'PHONE') target.PHONE = [...((target.PHONE as Phone[] | undefined) ?? []), ...(value as Phone[])]
      else target[field] = value
    }
  }

  for (const [id, lead] of before) {
    const now = after.get(id)
    if (!now) {
      problems.push(`lead ${id} is gone`)
      continue
    }
    const changes = expected.get(id)
    for (const field of new Set([...Object.keys(lead), ...Object.keys(now)])) {
      if (changes && (DERIVED.has(field) || field in changes)) continue
      if (JSON.stringify(now[field]) !== JSON.stringify(lead[field]))
        problems.push(`lead ${id}: ${field} is ${JSON.stringify(now[field])}, was ${JSON.stringify(lead[field])}`)
    }
    for (const [field, value] of Object.entries(changes ?? {})) {
      const got = comparable(field, now[field])
      const want = field === 'PHONE' ? [...phonesOf(lead), ...phoneTexts(value)].sort() : comparable(field, value)
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`lead ${id}: ${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
    }
  }

  const added = [...after.values()].filter((lead) => !before.has(Number(lead.ID)))
  if (added.length !== plan.creates.length)
    problems.push(`${added.length} leads were added, expected ${plan.creates.length}`)
  const originIds = new Set(added.map((lead) => lead.ORIGIN_ID))
  if (originIds.size !== added.length) problems.push(`only ${originIds.size} distinct ORIGIN_IDs in ${added.length}`)
  const byTitle = new Map<unknown, Lead[]>()
  for (const lead of added) byTitle.set(lead.TITLE, [...(byTitle.get(lead.TITLE) ?? []), lead])
  for (const fields of createdFields) {
    const found = byTitle.get(fields.TITLE) ?? []
    if (found.length !== 1) {
      problems.push(`${found.length} leads titled ${JSON.stringify(fields.TITLE)}`)
      continue
    }
    const lead = found[0]!
    if (lead.ORIGINATOR_ID !== ORIGINATOR) problems.push(`lead ${lead.ID}: ORIGINATOR_ID ${String(lead.ORIGINATOR_ID)}`)
    for (const [field, value] of Object.entries(fields)) {
      const [got, want] = [comparable(field, lead[field]), comparable(field, value)]
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`new lead ${lead.ID}: ${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
    }
  }
  return problems
}

function expectedOf(expected: Map<number, Record<string, unknown>>, id: number): Record<string, unknown> {
  let fields = expected.get(id)
  if (!fields) expected.set(id, (fields = {}))
  return fields
}

/** Where the local copy differs from the portal (every lead, every field): empty when equal. */
export function differencesFromPortal(local: Map<number, Lead>, portal: Map<number, Lead>): string[] {
  const problems: string[] = []
  for (const id of new Set([...local.keys(), ...portal.keys()])) {
    const mine = local.get(id)
    const theirs = portal.get(id)
    if (!mine || !theirs) {
      problems.push(`lead ${id} is ${mine ? 'only in the local copy' : 'missing from the local copy'}`)
      continue
    }
    for (const field of new Set([...Object.keys(mine), ...Object.keys(theirs)]))
      if (JSON.stringify(mine[field]) !== JSON.stringify(theirs[field]))
        problems.push(
          `lead ${id}: ${field} is ${JSON.stringify(mine[field])} locally, ${JSON.stringify(theirs[field])} on the portal`
        )
  }
  return problems
}

/** Makes the plan's creates, then its edits, through the leads service (nothing is pushed yet). */
export async function applyPlan(leads: LeadsService, portalId: string, plan: SyncPlan): Promise<number[]> {
  const createdKeys: number[] = []
  for (const fields of plan.creates) createdKeys.push((await leads.create(portalId, fields)).key)
  for (const edit of plan.edits) {
    const key = 'id' in edit.lead ? edit.lead.id : createdKeys[edit.lead.create]!
    await leads.edit(portalId, key, edit.fields)
  }
  return createdKeys
}
