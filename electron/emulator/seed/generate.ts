import { formatIso } from '../clock'
import { newLeadRecord } from '../methods/leads/lead-write'
import type { LeadRecord, MultiValue } from '../state/lead-store'
import type { PortalState } from '../state/portal'
import { stageSemantic } from '../state/statuses'
import { seedUserFields, userFieldValuesFor } from './seed-userfields'
import { latin, makePools, type ValuePools } from './pools'
import { seedCatalog, seedLeadExtras } from './seed-catalog'
import { chance, pick, seededRandom, type Random } from './random'

export interface SeedOptions {
  leads: number
  seed: number
}

/** Weighted stages: most leads are still in work, some converted, some junk. */
const STAGE_WEIGHTS: Array<[string, number]> = [
  ['NEW', 0.3],
  ['IN_PROCESS', 0.25],
  ['PROCESSED', 0.15],
  ['CONVERTED', 0.18],
  ['JUNK', 0.12]
]
const SOURCES = [
  'CALL',
  'EMAIL',
  'WEB',
  'ADVERTISING',
  'PARTNER',
  'RECOMMENDATION',
  'TRADE_SHOW',
  'WEBFORM',
  'CALLBACK',
  'OTHER'
]
const UTM_SOURCES = ['yandex', 'google', 'vk', 'telegram', 'email', null, null, null]
const YEARS_OF_HISTORY = 3

function weightedStage(random: Random): string {
  let roll = random()
  for (const [stage, weight] of STAGE_WEIGHTS) {
    roll -= weight
    if (roll <= 0) return stage
  }
  return 'NEW'
}

function phoneNumber(random: Random, lang: 'ru' | 'en'): string {
  const digits = () => String(Math.floor(random() * 10))
  const block = (n: number) => Array.from({ length: n }, digits).join('')
  return lang === 'ru'
    ? `+7 9${block(2)} ${block(3)}-${block(2)}-${block(2)}`
    : `+1 ${block(3)} ${block(3)}-${block(4)}`
}

/** Fills one lead's fields from the pools; dates are spread over the last years. */
function fillLead(portal: PortalState, lead: LeadRecord, pools: ValuePools, random: Random, now: number): void {
  const { lang } = portal.settings
  const values = lead.values
  const offset = portal.clock.utcOffsetMinutes
  const female = chance(random, 0.5)
  const first = pick(random, female ? pools.femaleFirst : pools.maleFirst)
  const last = pick(random, female ? pools.femaleLast : pools.maleLast)
  const hasCompany = chance(random, 0.6)
  const created = now - Math.floor(random() * YEARS_OF_HISTORY * 365 * 86_400_000)
  const modified = Math.min(now, created + Math.floor(random() * 90 * 86_400_000))
  const stage = weightedStage(random)
  const company = hasCompany ? pick(random, pools.companies) : null
  const users = portal.users.map((user) => String(user.id))

  values.TITLE = company ? `${company}: ${lang === 'ru' ? 'заявка' : 'inquiry'}` : `${first} ${last}`
  values.NAME = first
  values.LAST_NAME = last
  values.SECOND_NAME = lang === 'ru' && chance(random, 0.4) ? pick(random, pools.middle) : null
  values.COMPANY_TITLE = company
  values.POST = company && chance(random, 0.7) ? pick(random, pools.positions) : null
  values.STATUS_ID = stage
  values.STATUS_SEMANTIC_ID = stageSemantic(portal.statuses, stage) ?? null
  values.SOURCE_ID = pick(random, SOURCES)
  values.OPPORTUNITY = (chance(random, 0.2) ? 0 : Math.round(random() * 500_000) + 1000).toFixed(2)
  values.ASSIGNED_BY_ID = pick(random, users)
  values.CREATED_BY_ID = pick(random, users)
  values.MODIFY_BY_ID = values.ASSIGNED_BY_ID
  values.DATE_CREATE = formatIso(created, offset)
  values.DATE_MODIFY = formatIso(modified, offset)
  values.MOVED_TIME = values.DATE_MODIFY
  values.DATE_CLOSED = stage === 'CONVERTED' || stage === 'JUNK' ? values.DATE_MODIFY : ''
  values.LAST_ACTIVITY_TIME = values.DATE_MODIFY
  values.COMMENTS = chance(random, 0.35) ? pick(random, pools.sentences) : null
  values.ADDRESS_CITY = chance(random, 0.5) ? pick(random, pools.cities) : null
  values.ADDRESS = values.ADDRESS_CITY ? pick(random, pools.streets) : null
  values.UTM_SOURCE = pick(random, UTM_SOURCES)
  values.BIRTHDATE = chance(random, 0.1) ? portal.clock.isoDate(created - (20 + random() * 40) * 365 * 86_400_000) : ''

  const multi: MultiValue[] = []
  if (chance(random, 0.85)) {
    multi.push({
      id: portal.nextId('multifield'),
      typeId: 'PHONE',
      valueType: chance(random, 0.6) ? 'MOBILE' : 'WORK',
      value: phoneNumber(random, lang)
    })
  }
  if (chance(random, 0.7)) {
    const local = `${latin(first)}.${latin(last)}`.slice(0, 40) || 'client'
    multi.push({
      id: portal.nextId('multifield'),
      typeId: 'EMAIL',
      valueType: 'WORK',
      value: `${local}@${pick(random, pools.domains)}`
    })
  }
  lead.multi = multi
  values.HAS_PHONE = multi.some((item) => item.typeId === 'PHONE') ? 'Y' : 'N'
  values.HAS_EMAIL = multi.some((item) => item.typeId === 'EMAIL') ? 'Y' : 'N'
}

/**
 * Fills a portal with realistic data: user fields, a product catalog, contacts, and `leads`
 * leads with names, phones, e-mails, stages, sources, amounts, dates spread over three years,
 * user-field values and some product rows. Deterministic for a given seed.
 */
export function generatePortalData(portal: PortalState, options: SeedOptions): void {
  const random = seededRandom(options.seed)
  const pools = makePools(portal.settings.lang, options.seed)
  const now = portal.clock.now()
  const admin = portal.user(1)!
  const userFields = seedUserFields(portal)
  seedCatalog(portal, pools, random, Math.min(2000, Math.ceil(options.leads / 50)))

  for (let i = 0; i < options.leads; i++) {
    const lead = newLeadRecord(portal, portal.nextId('lead'), admin)
    fillLead(portal, lead, pools, random, now)
    lead.uf = userFieldValuesFor(portal, userFields, lead, random)
    portal.leads.insert(lead)
    seedLeadExtras(portal, lead, random)
  }
}
