import { LEAD_SCALAR_FIELDS } from '../portal/methods/lead-types'
import { shown } from './field-errors'
import {
  fieldShape,
  findUserField,
  isMultifield,
  isUserFieldName,
  type FieldShape,
  type LeadSchema,
  type ValueKind
} from './field-shapes'
import type { ServerLead } from './lead-types'
import { cleanAmountText, parseDateParts, parseDecimal, parseFlag, parseInteger, parseMoney } from './value-parsers'

/**
 * A lead as the portal printed it, checked field by field before it is stored
 * (docs/bitrix24-protocol.md §6–7 say what each field holds). A portal that prints a value of the
 * wrong type — an object for a title, a text for a phone list, "abc" for a user ID, a date nobody
 * can read — does not get it stored as it came: the value is replaced by the field's empty value
 * (null for one value, [] for a list), so the grid never shows a garbled value or a stale one as
 * if it were the portal's, and the next correct value the portal prints replaces it. Items of a
 * list are checked one by one and only the bad ones go. A row without a positive whole-number ID
 * cannot be stored at all. Fields this check knows nothing about (a user field not in the
 * metadata, a field added to the portal later) are kept as they are.
 */

/** One value that was not stored as the portal printed it, and why (for the log). */
export interface ServerValueProblem {
  field: string
  reason: string
}

export type ServerLeadCheck =
  { ok: true; lead: ServerLead; problems: ServerValueProblem[] } | { ok: false; reason: string }

const STANDARD_SCALARS: ReadonlySet<string> = new Set(LEAD_SCALAR_FIELDS)

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** What a value of each kind must look like; blank values ("" or null) are handled before. */
const SCALAR_RULES: Record<Exclude<ValueKind, 'multifield' | 'structured'>, (value: unknown) => boolean> = {
  text: (value) => typeof value === 'string' || typeof value === 'number',
  number: (value) => parseDecimal(value) !== undefined,
  amount: (value) => parseDecimal(value) !== undefined || cleanAmountText(value) !== undefined,
  reference: (value) => (parseInteger(value) ?? -1) >= 0,
  flag: (value) => parseFlag(value) !== undefined,
  date: (value) => parseDateParts(value) !== undefined,
  datetime: (value) => parseDateParts(value) !== undefined,
  money: (value) => parseMoney(value) !== undefined
}

const EXPECTED: Record<ValueKind, string> = {
  text: 'text',
  number: 'a number',
  amount: 'an amount',
  reference: 'a whole-number ID',
  flag: 'Y or N',
  date: 'a date',
  datetime: 'a date and time',
  money: 'an amount with a currency',
  multifield: 'a list of items',
  structured: 'a value'
}

/** The portal's ID of a row: a positive whole number, or undefined. */
export function serverLeadId(row: unknown): number | undefined {
  const id = isPlainObject(row) ? parseInteger(row.ID) : undefined
  return id !== undefined && id > 0 ? id : undefined
}

/** Checks one row the portal printed; `schema` tells the user fields' types when known. */
export function checkServerLead(row: unknown, schema?: LeadSchema): ServerLeadCheck {
  if (!isPlainObject(row)) return { ok: false, reason: `a row is ${shown(row)}, not a lead` }
  const id = serverLeadId(row)
  if (id === undefined) return { ok: false, reason: `a lead's ID is ${shown(row.ID)}, not a positive whole number` }
  const problems: ServerValueProblem[] = []
  // Copied only when something changes: most rows are stored as the portal printed them.
  let lead = (row.ID === String(id) ? row : { ...row, ID: String(id) }) as ServerLead
  const shapes = shapesOf(schema)
  for (const field of Object.keys(row)) {
    const shape = field === 'ID' ? undefined : shapes(field)
    const checked = shape && checkValue(shape, row[field])
    if (!checked) continue
    if (lead === row) lead = { ...row } as ServerLead
    lead[field] = checked.value
    problems.push(...checked.reasons.map((reason) => ({ field, reason })))
  }
  return { ok: true, lead, problems }
}

/** Standard fields, multifields and user fields the metadata describes; nothing else is judged. */
function isChecked(field: string, schema: LeadSchema | undefined): boolean {
  if (STANDARD_SCALARS.has(field) || isMultifield(field)) return true
  if (field === 'CONTACT_IDS' || /^PARENT_ID_\d+$/.test(field)) return true
  return isUserFieldName(field) && findUserField(field, schema) !== undefined
}

/** The shape of each field that is checked (undefined for the others), worked out once per schema. */
type Shapes = (field: string) => FieldShape | undefined

const NO_SCHEMA: LeadSchema = {}
const shapeCache = new WeakMap<LeadSchema, Shapes>()

function shapesOf(schema: LeadSchema = NO_SCHEMA): Shapes {
  let shapes = shapeCache.get(schema)
  if (!shapes) {
    const known = new Map<string, FieldShape | undefined>()
    shapes = (field) => {
      if (!known.has(field)) known.set(field, isChecked(field, schema) ? fieldShape(field, schema) : undefined)
      return known.get(field)
    }
    shapeCache.set(schema, shapes)
  }
  return shapes
}

/** A value to store instead of the one printed, and why; undefined when the printed one is stored. */
type CheckedValue = { value: unknown; reasons: string[] } | undefined

function checkValue({ kind, multiple }: FieldShape, value: unknown): CheckedValue {
  if (kind === 'multifield') return checkMultifield(value)
  // Files and types of other applications: the portal's own business.
  if (kind === 'structured') return undefined
  if (multiple) return checkList(kind, value)
  if (isBlank(value) || SCALAR_RULES[kind](value)) return undefined
  return { value: null, reasons: [`${shown(value)} is not ${EXPECTED[kind]}: stored as empty`] }
}

/** null, or "" (how the portal prints an empty text or date). */
const isBlank = (value: unknown) => value === null || value === ''

type ScalarKind = keyof typeof SCALAR_RULES

/** One value of a list: a scalar of the list's kind. */
const itemFits = (kind: ScalarKind, item: unknown) =>
  item !== null && typeof item !== 'object' && SCALAR_RULES[kind](item)

/** A multiple field: a list of values of its kind; bad items go. A blank or `false` is an empty list. */
function checkList(kind: ScalarKind, value: unknown): CheckedValue {
  if (isBlank(value) || value === false) return undefined
  if (!Array.isArray(value)) {
    // One value where a list belongs: a list of it, when it fits.
    if (itemFits(kind, value)) return { value: [value], reasons: [] }
    return { value: [], reasons: [`${shown(value)} is not a list: stored as an empty list`] }
  }
  const reasons: string[] = []
  const kept = value.filter((item, index) => {
    const fits = itemFits(kind, item)
    if (!fits) reasons.push(`item ${index + 1}, ${shown(item)}, is not ${EXPECTED[kind]}: dropped`)
    return fits
  })
  return reasons.length ? { value: kept, reasons } : undefined
}

/** PHONE, EMAIL, WEB, IM, LINK: a list of `{ID, VALUE_TYPE, VALUE}` items (§6.3); bad items go. */
function checkMultifield(value: unknown): CheckedValue {
  if (value === null) return undefined
  if (!Array.isArray(value)) return { value: [], reasons: [`${shown(value)} is not a list: stored as an empty list`] }
  const reasons: string[] = []
  const kept = value.filter((item: unknown, index) => {
    const problem = multifieldItemProblem(item)
    if (problem) reasons.push(`item ${index + 1} ${problem}: dropped`)
    return problem === undefined
  })
  return reasons.length ? { value: kept, reasons } : undefined
}

function multifieldItemProblem(item: unknown): string | undefined {
  if (!isPlainObject(item)) return `is ${shown(item)}, not an item`
  if (typeof item.VALUE !== 'string' && typeof item.VALUE !== 'number') return `has the value ${shown(item.VALUE)}`
  if (item.ID !== undefined && (parseInteger(item.ID) ?? 0) <= 0) return `has the ID ${shown(item.ID)}`
  if (item.VALUE_TYPE !== undefined && typeof item.VALUE_TYPE !== 'string')
    return `has the type ${shown(item.VALUE_TYPE)}`
  return undefined
}
