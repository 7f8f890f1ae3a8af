import { fieldShape, type FieldShape, type LeadSchema, type ValueKind } from './field-shapes'
import {
  instantOf,
  isBlank,
  isoDateOf,
  parseDateParts,
  parseDecimal,
  parseFlag,
  parseMoney,
  type DateParts
} from './value-parsers'
import { readEntries, sameEntry } from './multifield-changes'

/**
 * When two values of a lead field are "the same" for merging: the portal prints "15000.00" for
 * the 15000 the app sent, "" or null for an empty field, a date at its own offset. A value that
 * cannot be read in its field's format is compared as text: when in doubt the values differ, which
 * at worst shows the user a conflict instead of silently losing an edit.
 */

/** Text with line breaks made uniform (a text area sends \n, the portal may keep \r\n). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n')
  if (typeof value === 'object' && value !== null) return canonicalJson(value)
  return String(value)
}

/** JSON with object keys sorted, so { a, b } and { b, a } read the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

function isBlankScalar(kind: ValueKind, value: unknown): boolean {
  if (isBlank(value)) return true
  switch (kind) {
    case 'amount':
    case 'reference':
      return parseDecimal(value) === 0
    case 'flag':
      return parseFlag(value) === false
    case 'money': {
      const money = parseMoney(value)
      return money !== undefined && money.amount === undefined
    }
    case 'structured':
      return typeof value === 'object' && value !== null && Object.keys(value).length === 0
    default:
      return false
  }
}

/** Both read in the format (then compared by `same`), or else compared as text. */
function compareAs<T>(parse: (value: unknown) => T | undefined, same: (a: T, b: T) => boolean) {
  return (a: unknown, b: unknown): boolean => {
    const left = parse(a)
    const right = parse(b)
    return left !== undefined && right !== undefined ? same(left, right) : textOf(a) === textOf(b)
  }
}

const sameNumber = compareAs(parseDecimal, (a, b) => a === b)
const sameFlag = compareAs(parseFlag, (a, b) => a === b)
const sameDate = compareAs(parseDateParts, (a, b) => isoDateOf(a) === isoDateOf(b))

/** A date-time without an offset is read at the portal's offset, or else at the other value's. */
function sameInstant(a: unknown, b: unknown, schema: LeadSchema | undefined): boolean {
  const seconds = (parts: DateParts, other: DateParts) =>
    Math.floor(instantOf(parts, schema?.utcOffsetMinutes ?? other.offsetMinutes ?? 0) / 1000)
  return compareAs(parseDateParts, (left, right) => seconds(left, right) === seconds(right, left))(a, b)
}

function sameMoney(a: unknown, b: unknown, schema: LeadSchema | undefined): boolean {
  return compareAs(
    parseMoney,
    (left, right) =>
      left.amount === right.amount &&
      (left.currency ?? schema?.baseCurrency) === (right.currency ?? schema?.baseCurrency)
  )(a, b)
}

function sameScalar(kind: ValueKind, a: unknown, b: unknown, schema: LeadSchema | undefined): boolean {
  const blankA = isBlankScalar(kind, a)
  const blankB = isBlankScalar(kind, b)
  if (blankA || blankB) return blankA && blankB
  switch (kind) {
    case 'number':
    case 'amount':
    case 'reference':
      return sameNumber(a, b)
    case 'flag':
      return sameFlag(a, b)
    case 'date':
      return sameDate(a, b)
    case 'datetime':
      return sameInstant(a, b, schema)
    case 'money':
      return sameMoney(a, b, schema)
    case 'structured':
      return canonicalJson(a) === canonicalJson(b)
    default:
      return textOf(a) === textOf(b)
  }
}

/** Every element of one list pairs with an equal element of the other (order ignored). */
function sameMultiset<T>(left: readonly T[], right: readonly T[], same: (a: T, b: T) => boolean): boolean {
  if (left.length !== right.length) return false
  const rest = [...right]
  return left.every((item) => {
    const index = rest.findIndex((other) => same(item, other))
    if (index < 0) return false
    rest.splice(index, 1)
    return true
  })
}

/** Values of a multiple field; a single value counts as a list of one, blanks are left out. */
function listOf(kind: ValueKind, value: unknown): unknown[] {
  const items = Array.isArray(value) ? value : [value]
  return items.filter((item) => !isBlankScalar(kind, item))
}

/** Whether a value of this shape is empty (null, "", [], and 0 / "N" where the kind says so). */
export function isEmptyValue(shape: FieldShape, value: unknown): boolean {
  if (shape.kind === 'multifield') return readEntries(shape.multifieldType ?? 'PHONE', value).length === 0
  if (shape.multiple || Array.isArray(value)) return listOf(shape.kind, value).length === 0
  return isBlankScalar(shape.kind, value)
}

/** Whether two values of a field of this shape are the same (see the module comment). */
export function sameValue(shape: FieldShape, a: unknown, b: unknown, schema?: LeadSchema): boolean {
  if (shape.kind === 'multifield') {
    const itemType = shape.multifieldType ?? 'PHONE'
    return sameMultiset(readEntries(itemType, a), readEntries(itemType, b), sameEntry)
  }
  if (shape.multiple || Array.isArray(a) || Array.isArray(b)) {
    return sameMultiset(listOf(shape.kind, a), listOf(shape.kind, b), (x, y) => sameScalar(shape.kind, x, y, schema))
  }
  return sameScalar(shape.kind, a, b, schema)
}

/** Whether two values of the named lead field are the same (field kinds from `fieldShape`). */
export function sameFieldValue(field: string, a: unknown, b: unknown, schema?: LeadSchema): boolean {
  return sameValue(fieldShape(field, schema), a, b, schema)
}
