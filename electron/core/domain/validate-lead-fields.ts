import type { MultifieldType } from '../portal/methods/crm-values'
import { LEAD_READ_ONLY_FIELDS, LEAD_SCALAR_FIELDS } from '../portal/methods/lead-types'
import type { FieldPatch } from './lead-types'
import {
  characterCount,
  invalid,
  shown,
  typed,
  valid,
  type Checked,
  type FieldError,
  type FieldErrorCode,
  type FieldErrorParams
} from './field-errors'
import {
  fieldShape,
  findUserField,
  isMultifield,
  isUserFieldName,
  MULTIFIELD_VALUE_TYPES,
  type UserFieldDefinition
} from './field-shapes'
import { isBlank } from './value-parsers'
import { malformedTextPath, MALFORMED_TEXT_MESSAGE } from './well-formed-text'
import { changeItems } from './multifield-changes'
import {
  checkUserFieldValue,
  hasDefaultValue,
  isMissingUserFieldValue,
  statusCodes,
  userFieldLabel,
  type StatusItem
} from './validate-user-field'
import { checkAmount, checkDate, checkFlag, checkId, checkStatus, checkText, checkUser } from './value-checks'

/**
 * Local validation of a lead edit before it enters the outbox: the bad values whose
 * rules are known are caught here with the field's name, instead of coming back from the portal
 * later. It never throws and never loses input: on success `normalised` holds every field given
 * (values in the form the portal reads), on failure the caller still has what the user typed.
 */

export interface ValidationContext {
  mode: 'create' | 'update'
  /** `crm.status.list` items (STATUS, SOURCE, HONORIFIC, ...); a list not given is not checked. */
  statuses?: readonly StatusItem[]
  /** The IDs of the portal's users; when not given, any user ID is taken. */
  userIds?: ReadonlySet<string>
  /** `crm.lead.userfield.list`; when not given, user fields are not checked. */
  userFields?: readonly UserFieldDefinition[]
  /** The portal's "check required user fields in REST" setting; on by default. */
  checkRequiredUserFields?: boolean
}

export type ValidationResult = { ok: true; normalised: FieldPatch } | { ok: false; errors: FieldError[] }

/** Column sizes of the crm module's lead table. */
const MAX_TEXT_LENGTHS: Readonly<Record<string, number>> = {
  TITLE: 255,
  NAME: 50,
  SECOND_NAME: 50,
  LAST_NAME: 50,
  COMPANY_TITLE: 255,
  POST: 255,
  ADDRESS_CITY: 128,
  ADDRESS_POSTAL_CODE: 16,
  ADDRESS_REGION: 128,
  ADDRESS_PROVINCE: 128,
  ADDRESS_COUNTRY: 128,
  ADDRESS_COUNTRY_CODE: 100,
  ORIGINATOR_ID: 255,
  ORIGIN_ID: 255,
  UTM_SOURCE: 255,
  UTM_MEDIUM: 255,
  UTM_CAMPAIGN: 255,
  UTM_CONTENT: 255,
  UTM_TERM: 255
}
const MULTIFIELD_MAX_LENGTH = 250
// The portal's address check (the emulator's rule): something@something.tld, no spaces.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const STATUS_FIELDS: Readonly<Record<string, { list: string; what: string }>> = {
  STATUS_ID: { list: 'STATUS', what: 'stage' },
  SOURCE_ID: { list: 'SOURCE', what: 'source' },
  HONORIFIC: { list: 'HONORIFIC', what: 'salutation' }
}
const READ_ONLY_FIELDS = new Set<string>(LEAD_READ_ONLY_FIELDS)
const STANDARD_FIELDS = new Set<string>([...LEAD_SCALAR_FIELDS, 'CONTACT_IDS'])

const isStandardField = (field: string) => STANDARD_FIELDS.has(field) || /^PARENT_ID_\d+$/.test(field)

type Problem = { code: FieldErrorCode; message: string; params?: FieldErrorParams; item?: number }

interface FieldCheck {
  value: unknown
  problems: Problem[]
}

const single = (checked: Checked, original: unknown): FieldCheck =>
  checked.ok ? { value: checked.value, problems: [] } : { value: original, problems: [checked] }

function checkStandardScalar(field: string, value: unknown, context: ValidationContext): Checked {
  if (READ_ONLY_FIELDS.has(field)) return invalid('read_only', 'set by the portal; it cannot be changed')
  const status = STATUS_FIELDS[field]
  if (status) return checkStatus(value, statusCodes(context.statuses, status.list), status.what)
  if (field === 'TITLE' && context.mode === 'update' && (isBlank(value) || String(value).trim() === ''))
    return invalid('required', 'required: a lead cannot lose its title')
  if (field === 'ASSIGNED_BY_ID') return checkUser(value, context.userIds)
  switch (fieldShape(field).kind) {
    case 'amount':
      return checkAmount(value)
    case 'reference':
      return isBlank(value) ? valid('') : checkId(value, 'a record', { zeroClears: true })
    case 'flag':
      return checkFlag(value, 'YN')
    case 'date':
      return checkDate(value)
    default:
      return checkText(value, { max: MAX_TEXT_LENGTHS[field] })
  }
}

/** Each change item of a phone / e-mail / ... list (§6.3): length, e-mail format, VALUE_TYPE. */
function checkMultifield(type: MultifieldType, value: unknown): FieldCheck {
  if (value === null || value === undefined) return { value: [], problems: [] }
  if (typeof value !== 'object')
    return { value, problems: [{ code: 'invalid_shape', message: `expects a list of items, got ${shown(value)}` }] }
  const problems: Problem[] = []
  const items = changeItems(value).map((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({
        code: 'invalid_shape',
        message: `expects an item {VALUE, VALUE_TYPE}, got ${shown(item)}`,
        item: index
      })
      return item
    }
    const record = item as Record<string, unknown>
    const normalised: Record<string, unknown> = { ...record }
    if (record.VALUE !== undefined && record.VALUE !== null) {
      const text = String(record.VALUE).trim()
      normalised.VALUE = text
      if (characterCount(text) > MULTIFIELD_MAX_LENGTH)
        problems.push({
          code: 'too_long',
          message: `too long: ${characterCount(text)} characters, at most ${MULTIFIELD_MAX_LENGTH} allowed`,
          params: { count: characterCount(text), max: MULTIFIELD_MAX_LENGTH },
          item: index
        })
      else if (type === 'EMAIL' && text !== '' && !EMAIL_PATTERN.test(text))
        problems.push({
          code: 'invalid_email',
          message: `${shown(text)} is not a valid e-mail address`,
          params: { value: typed(text) },
          item: index
        })
    }
    if (record.VALUE_TYPE !== undefined && record.VALUE_TYPE !== null && record.VALUE_TYPE !== '') {
      const valueType = String(record.VALUE_TYPE).trim().toUpperCase()
      normalised.VALUE_TYPE = valueType
      if (!MULTIFIELD_VALUE_TYPES[type].includes(valueType))
        problems.push({
          code: 'invalid_value_type',
          message: `${shown(record.VALUE_TYPE)} is not a kind of ${type}; use one of ${MULTIFIELD_VALUE_TYPES[type].join(', ')}`,
          params: { value: typed(record.VALUE_TYPE), allowed: MULTIFIELD_VALUE_TYPES[type].join(', ') },
          item: index
        })
    }
    return normalised
  })
  return { value: items, problems }
}

function checkContactIds(value: unknown): FieldCheck {
  const ids = Array.isArray(value) ? value : isBlank(value) ? [] : [value]
  const problems: Problem[] = []
  const normalised = ids.map((id, index) => {
    const checked = checkId(id, 'a contact')
    if (checked.ok) return checked.value
    problems.push({ ...checked, item: index })
    return id
  })
  return { value: normalised, problems }
}

function checkUserField(field: string, value: unknown, context: ValidationContext): FieldCheck {
  const definition = findUserField(field, context)
  if (!definition) {
    if (!context.userFields) return { value, problems: [] }
    return { value, problems: [{ code: 'unknown_field', message: 'no such user field on this portal' }] }
  }
  const checked = checkUserFieldValue(definition, value, context)
  const required =
    definition.MANDATORY === 'Y' &&
    context.checkRequiredUserFields !== false &&
    isMissingUserFieldValue(definition, checked.value)
  const problems = required ? [{ code: 'required' as const, message: 'required' }, ...checked.errors] : checked.errors
  return { value: checked.value, problems }
}

/** Text that could never be sent, wherever in the value it is; the list item when in a list. */
function malformedText(value: unknown): FieldCheck | undefined {
  const path = malformedTextPath(value)
  if (!path) return undefined
  // A key may be the bad text itself: shown with U+FFFD in its place, so the message is well-formed.
  const where = path.length ? ` (at ${path.join('.').replace(/\p{Cs}/gu, '\uFFFD')})` : ''
  const item = typeof path[0] === 'number' ? { item: path[0] } : {}
  return { value, problems: [{ code: 'malformed_text', message: `${MALFORMED_TEXT_MESSAGE}${where}`, ...item }] }
}

function checkField(field: string, value: unknown, context: ValidationContext): FieldCheck {
  const malformed = malformedText(value)
  if (malformed) return malformed
  if (isMultifield(field)) return checkMultifield(field, value)
  if (field === 'CONTACT_IDS') return checkContactIds(value)
  if (isUserFieldName(field)) return checkUserField(field, value, context)
  if (!isStandardField(field))
    return { value, problems: [{ code: 'unknown_field', message: 'no such lead field; the portal would ignore it' }] }
  return single(checkStandardScalar(field, value, context), value)
}

/** Mandatory user fields a new lead lacks and the portal would not fill with a default. */
function missingOnCreate(fields: FieldPatch, context: ValidationContext): UserFieldDefinition[] {
  if (context.mode !== 'create' || context.checkRequiredUserFields === false) return []
  const given = new Set(Object.keys(fields).map((field) => field.toUpperCase()))
  return (context.userFields ?? []).filter(
    (definition) =>
      definition.MANDATORY === 'Y' && !given.has(definition.FIELD_NAME.toUpperCase()) && !hasDefaultValue(definition)
  )
}

function labelOf(field: string, context: ValidationContext): string {
  const definition = isUserFieldName(field) ? findUserField(field, context) : undefined
  return definition ? userFieldLabel(definition) : field
}

/** A problem of a field, its English message naming the field; the label is given when it is not the code. */
function fieldError(field: string, label: string, problem: Problem): FieldError {
  const { code, message, params, item } = problem
  return {
    field,
    ...(label === field ? {} : { label }),
    code,
    message: `${label}: ${message}`,
    ...(params ? { params } : {}),
    ...(item === undefined ? {} : { item })
  }
}

export function validateLeadFields(fields: FieldPatch, context: ValidationContext): ValidationResult {
  const normalised: FieldPatch = {}
  const errors: FieldError[] = []
  for (const [key, value] of Object.entries(fields)) {
    // The portal reads field names in any case; the outbox keeps them as the portal prints them.
    const field = key.toUpperCase()
    let check: FieldCheck
    try {
      check = checkField(field, value, context)
    } catch {
      // Nothing above should throw; if a strange value makes it, it is reported, not lost.
      check = { value, problems: [{ code: 'invalid_shape', message: `cannot read ${shown(value)}` }] }
    }
    normalised[field] = check.value
    for (const problem of check.problems) errors.push(fieldError(field, labelOf(field, context), problem))
  }
  for (const definition of missingOnCreate(fields, context)) {
    const problem = { code: 'required' as const, message: 'required' }
    errors.push(fieldError(definition.FIELD_NAME, userFieldLabel(definition), problem))
  }
  return errors.length ? { ok: false, errors } : { ok: true, normalised }
}

/**
 * A whole set of a lead's related items (product rows, bound contacts): each column is named like
 * a field, with the item's position. Their shapes are the contract's; only the text is checked here.
 */
export function validateRelationItems(items: ReadonlyArray<Record<string, unknown>>): FieldError[] {
  const errors: FieldError[] = []
  items.forEach((row, item) => {
    for (const [field, value] of Object.entries(row)) {
      const malformed = malformedText(value)
      for (const problem of malformed?.problems ?? [])
        errors.push({ field, code: problem.code, item, message: `Item ${item + 1}, ${field}: ${problem.message}` })
    }
  })
  return errors
}
