import { z } from 'zod'
import { USER_FIELD_LABEL_KEYS } from '../portal/methods/lead-userfield-types'
import type { CardLayouts, PortalMetadata } from './portal-metadata'

/**
 * The checks every piece of portal metadata passes once, where it enters the app (a refresh from
 * the portal, or a store written by an older version): the keys the app relies on must be there
 * with the right types; anything else is kept as it came. An item that fails is dropped, and the
 * reason is reported, so one odd userfield never hides the others.
 */

const text = z.string()
const idText = z.union([z.string(), z.number()]).transform(String)
const yesNo = z.enum(['Y', 'N']).catch('N')
const flag = z.boolean().catch(false)
/** PHP prints an empty map as `[]`. */
const map = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()).transform(() => ({}))])

const fieldDescriptor = z
  .looseObject({
    type: text,
    title: text.catch(''),
    isRequired: flag,
    isReadOnly: flag,
    isImmutable: flag,
    isMultiple: flag,
    isDynamic: flag,
    statusType: text.optional(),
    settings: map.optional(),
    items: z.array(z.looseObject({ ID: idText, VALUE: text })).optional(),
    listLabel: text.optional().catch(undefined),
    formLabel: text.optional().catch(undefined),
    filterLabel: text.optional().catch(undefined)
  })
  // A userfield's labels, in the caller's language; one the portal left out is its code.
  .transform((descriptor) =>
    descriptor.isDynamic
      ? {
          ...descriptor,
          listLabel: descriptor.listLabel ?? descriptor.title,
          formLabel: descriptor.formLabel ?? descriptor.title,
          filterLabel: descriptor.filterLabel ?? descriptor.title,
          settings: descriptor.settings ?? {}
        }
      : descriptor
  )

const enumItem = z.looseObject({
  ID: idText,
  VALUE: text,
  SORT: idText.catch('0'),
  DEF: yesNo,
  XML_ID: text.nullable().catch('')
})

const userField = z.looseObject({
  ID: idText,
  FIELD_NAME: text.regex(/^UF_/),
  USER_TYPE_ID: text,
  MULTIPLE: yesNo,
  MANDATORY: yesNo,
  SETTINGS: map.catch({}),
  LIST: z.array(enumItem).optional(),
  ...Object.fromEntries(USER_FIELD_LABEL_KEYS.map((key) => [key, text.nullable().optional()]))
})

const status = z
  .looseObject({
    ENTITY_ID: text,
    STATUS_ID: text,
    NAME: text.nullable().optional(),
    SORT: idText,
    ID: idText.catch(''),
    NAME_INIT: text.nullable().catch(''),
    SYSTEM: yesNo,
    CATEGORY_ID: text.nullable().catch(null),
    COLOR: text.nullable().catch(null),
    SEMANTICS: z.enum(['S', 'F']).nullable().catch(null)
  })
  // An item without a name is shown by its code.
  .transform((item) => ({ ...item, NAME: item.NAME ?? item.STATUS_ID }))

const user = z.looseObject({
  ID: idText,
  ACTIVE: z.union([z.boolean(), yesNo.transform((value) => value === 'Y')]).catch(true),
  NAME: text.nullable().catch(null),
  LAST_NAME: text.nullable().catch(null),
  SECOND_NAME: text.nullable().catch(null),
  DATE_REGISTER: text.catch(''),
  IS_ONLINE: yesNo
})

const cardSection = z.looseObject({
  name: text,
  title: text.catch(''),
  type: z.literal('section').catch('section'),
  elements: z
    .array(
      z.looseObject({
        name: text,
        optionFlags: z.union([text, z.number()]).optional(),
        options: map.optional()
      })
    )
    .catch([])
})
const layout = z.array(cardSection).nullable()
const layouts = z.object({ common: layout, personal: layout })

/** Why an item was dropped: the part, the item's key or position, and what was wrong. */
export interface DroppedItem {
  part: keyof PortalMetadata
  item: string
  reason: string
}

export interface Checked<T> {
  value: T
  dropped: DroppedItem[]
}

const reasonOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ')

function checkList<T>(
  part: keyof PortalMetadata,
  schema: z.ZodType<T>,
  raw: unknown,
  keyOf: (item: unknown, index: number) => string
): Checked<T[]> {
  const value: T[] = []
  const dropped: DroppedItem[] = []
  const items = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : []
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item)
    if (parsed.success) value.push(parsed.data)
    else dropped.push({ part, item: keyOf(item, index), reason: reasonOf(parsed.error) })
  })
  return { value, dropped }
}

const keyBy = (key: string) => (item: unknown, index: number) => {
  const value = item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined
  return typeof value === 'string' || typeof value === 'number' ? String(value) : `#${index}`
}

/** Checks one part of the metadata; a part never read (undefined or null) stays not known. */
export function checkMetadataPart<P extends keyof PortalMetadata>(part: P, raw: unknown): Checked<PortalMetadata[P]> {
  if (raw === undefined || raw === null) return { value: undefined, dropped: [] }
  return checkers[part](raw) as Checked<PortalMetadata[P]>
}

type Checkers = { [P in keyof PortalMetadata]: (raw: unknown) => Checked<NonNullable<PortalMetadata[P]>> }

const checkers: Checkers = {
  fields: (raw) => {
    const value: NonNullable<PortalMetadata['fields']> = {}
    const dropped: DroppedItem[] = []
    const entries = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.entries(raw) : []
    for (const [code, descriptor] of entries) {
      const parsed = fieldDescriptor.safeParse(descriptor)
      if (parsed.success) value[code] = parsed.data as unknown as NonNullable<PortalMetadata['fields']>[string]
      else dropped.push({ part: 'fields', item: code, reason: reasonOf(parsed.error) })
    }
    return { value, dropped }
  },
  userFields: (raw) =>
    checkList('userFields', userField, raw, keyBy('FIELD_NAME')) as unknown as Checked<
      NonNullable<PortalMetadata['userFields']>
    >,
  userFieldsRu: (raw) =>
    checkList('userFieldsRu', userField, raw, keyBy('FIELD_NAME')) as unknown as Checked<
      NonNullable<PortalMetadata['userFieldsRu']>
    >,
  statuses: (raw) =>
    checkList('statuses', status, raw, keyBy('STATUS_ID')) as unknown as Checked<
      NonNullable<PortalMetadata['statuses']>
    >,
  users: (raw) =>
    checkList('users', user, raw, keyBy('ID')) as unknown as Checked<NonNullable<PortalMetadata['users']>>,
  layouts: (raw) => checkLayouts('layouts', raw),
  repeatLayouts: (raw) => checkLayouts('repeatLayouts', raw)
}

function checkLayouts(part: 'layouts' | 'repeatLayouts', raw: unknown): Checked<CardLayouts> {
  const parsed = layouts.safeParse(raw)
  if (parsed.success) return { value: parsed.data as CardLayouts, dropped: [] }
  // Neither layout can be trusted: both are read as none stored.
  return { value: { common: null, personal: null }, dropped: [{ part, item: part, reason: reasonOf(parsed.error) }] }
}
