import type { FieldPatch } from '../../../../electron/core/domain/lead-types'
import type { LeadSchema } from '../../../../electron/core/domain/field-shapes'
import { pick, seededRandom, type Random } from '../../../../electron/emulator/seed/random'

// The data generator's seeded randomness, shared with these loops.
export { pick, seededRandom, type Random }

/** Seeded random leads and edits for the property-style loops of the sync tests. */

const int = (random: Random, max: number) => Math.floor(random() * max)

export const randomSchema: LeadSchema = {
  userFields: [
    { FIELD_NAME: 'UF_CRM_ENUMS', USER_TYPE_ID: 'enumeration', MULTIPLE: 'Y' },
    { FIELD_NAME: 'UF_CRM_MONEY', USER_TYPE_ID: 'money' },
    { FIELD_NAME: 'UF_CRM_FLAG', USER_TYPE_ID: 'boolean' },
    { FIELD_NAME: 'UF_CRM_MOMENT', USER_TYPE_ID: 'datetime' }
  ]
}

/** A generator of printed values per field (the portal's shapes: strings, "Y"/"N", ISO dates). */
const generators: Record<string, (random: Random) => unknown> = {
  TITLE: (random) => `Lead ${int(random, 50)}`,
  NAME: (random) => pick(random, ['Anna', 'Boris', 'Clara', '', null]),
  OPPORTUNITY: (random) => `${int(random, 20) * 500}.00`,
  STATUS_ID: (random) => pick(random, ['NEW', 'IN_PROCESS', 'PROCESSED', 'JUNK']),
  OPENED: (random) => pick(random, ['Y', 'N']),
  BIRTHDATE: (random) =>
    pick(random, ['', `19${50 + int(random, 40)}-0${1 + int(random, 9)}-1${int(random, 9)}T00:00:00+03:00`]),
  ASSIGNED_BY_ID: (random) => String(1 + int(random, 6)),
  COMPANY_ID: (random) => pick(random, ['0', '3', '7']),
  COMMENTS: (random) => pick(random, [null, 'call back', 'new\r\nline', 'vip']),
  UF_CRM_ENUMS: (random) => ['10', '11', '12', '13'].filter(() => random() < 0.5),
  UF_CRM_MONEY: (random) => pick(random, ['', `${int(random, 9) * 100}|RUB`, `${int(random, 9) * 100}|EUR`]),
  UF_CRM_FLAG: (random) => random() < 0.5,
  UF_CRM_MOMENT: (random) => `2024-0${1 + int(random, 9)}-1${int(random, 9)}T1${int(random, 9)}:00:00+02:00`
}

export const randomFields = Object.keys(generators)

export function randomValue(random: Random, field: string): unknown {
  return generators[field]!(random)
}

export function randomLead(random: Random, id = 1): Record<string, unknown> {
  const lead: Record<string, unknown> = { ID: String(id) }
  for (const field of randomFields) lead[field] = randomValue(random, field)
  const phones = int(random, 4)
  if (phones) {
    lead.PHONE = Array.from({ length: phones }, (_, index) => ({
      ID: String(100 + index),
      VALUE_TYPE: pick(random, ['WORK', 'MOBILE']),
      VALUE: `+7900${int(random, 1000)}`,
      TYPE_ID: 'PHONE'
    }))
  }
  return lead
}

/** A random subset of the fields (at least one). */
export function randomFieldSet(random: Random): string[] {
  const fields = randomFields.filter(() => random() < 0.4)
  return fields.length ? fields : [pick(random, randomFields)]
}

/** Random phone changes against the lead's phones: additions, changes and deletes by ID. */
export function randomPhoneChanges(random: Random, lead: Record<string, unknown>): unknown[] {
  const items = (lead.PHONE as Array<{ ID: string }> | undefined) ?? []
  const changes: unknown[] = []
  for (const item of items) {
    const roll = random()
    if (roll < 0.3) changes.push({ ID: item.ID, VALUE: `+7911${int(random, 1000)}`, VALUE_TYPE: 'HOME' })
    else if (roll < 0.5) changes.push({ ID: item.ID, DELETE: 'Y' })
  }
  if (random() < 0.6) changes.push({ VALUE: `+7922${int(random, 1000)}`, VALUE_TYPE: 'MOBILE' })
  return changes
}

/** A random edit of a lead: new values for some fields, and maybe phone changes. */
export function randomEdit(random: Random, lead: Record<string, unknown>): { patch: FieldPatch; base: FieldPatch } {
  const patch: FieldPatch = {}
  const base: FieldPatch = {}
  for (const field of randomFieldSet(random)) {
    patch[field] = randomValue(random, field)
    base[field] = lead[field] ?? null
  }
  if (random() < 0.5) {
    const phones = randomPhoneChanges(random, lead)
    if (phones.length) {
      patch.PHONE = phones
      base.PHONE = lead.PHONE ?? []
    }
  }
  return { patch, base }
}
