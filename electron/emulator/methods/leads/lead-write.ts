import { formatIso, parsePortalDate } from '../../clock'
import { crmError } from '../../errors'
import {
  ADDRESS_FIELDS,
  DEFAULT_VALUE_TYPE,
  FIELD_BY_CODE,
  MAX_LENGTHS,
  MULTIFIELD_CAPTIONS,
  MULTIFIELD_TYPES,
  MULTIFIELD_VALUE_TYPES,
  STORED_FIELD_CODES,
  VALUE_TYPE_CAPTIONS,
  type MultifieldType,
  type StandardField
} from '../../state/lead-fields'
import type { LeadRecord, MultiValue } from '../../state/lead-store'
import type { PortalState } from '../../state/portal'
import { firstStage, stageSemantic } from '../../state/statuses'
import {
  defaultUserFieldValue,
  isMissingValue,
  normaliseUserFieldValue,
  requiredFieldError
} from '../../state/userfield-values'
import type { PortalUser } from '../../state/users'
import { isMap, phpInt } from '../params'

/**
 * Writing a lead: the checks and side effects of crm.lead.add / crm.lead.update
 * (docs/bitrix24-protocol.md §8.1–8.2, §6.3, §6.7). Changes are made on a copy and kept only when every
 * check passed, so a failed call never leaves half an update behind.
 */

/** Read-only fields that `params.IMPORT = "Y"` may set on add. */
const IMPORT_WRITABLE = new Set(['DATE_CREATE', 'DATE_MODIFY', 'CREATED_BY_ID', 'MODIFY_BY_ID'])
const MULTIFIELD_MAX_LENGTH = 250
// A pragmatic address check: something@something.tld, no spaces.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export interface WriteOptions {
  mode: 'add' | 'update'
  importMode: boolean
  caller: PortalUser
}

/** What the write changed that the caller must follow up (contact bindings). */
export interface WriteOutcome {
  contactIds?: number[]
}

function titleOf(portal: PortalState, field: StandardField): string {
  return field.title[portal.settings.lang]
}

const toFlag = (value: unknown) =>
  value === true || value === 1 || ['Y', 'y', '1', 'true'].includes(String(value)) ? 'Y' : 'N'

/** `OPPORTUNITY`: commas become dots, spaces go, and it must be a plain decimal number. */
function parseAmount(value: unknown): string | undefined {
  const text = String(value ?? '')
    .replace(/,/g, '.')
    .replace(/\s/g, '')
  if (text === '') return '0.00'
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined
  return Number(text).toFixed(2)
}

/** Strips what the portal's HTML sanitiser would: scripts, styles, event handlers. */
function sanitiseComments(text: string): string {
  return text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/\son\w+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
}

function applyStandardField(
  portal: PortalState,
  draft: LeadRecord,
  field: StandardField,
  raw: unknown,
  options: WriteOptions,
  errors: string[]
): void {
  const { code } = field
  switch (field.type) {
    case 'string': {
      const text = raw === null || raw === undefined ? '' : typeof raw === 'object' ? '' : String(raw)
      if (code === 'TITLE' && text.trim() === '' && options.mode === 'update') {
        // The legacy check names the field by its old caption, "Lead Name".
        errors.push(`The required field 'Lead Name' is missing.<br />`)
        return
      }
      const max = MAX_LENGTHS[code]
      if (max && text.length > max) {
        // Emulator wording (UNCONFIRMED): the cloud's ORM rejects over-long values.
        errors.push(`The field "${titleOf(portal, field)}" must not exceed ${max} characters.<br />`)
        return
      }
      draft.values[code] = code === 'COMMENTS' ? sanitiseComments(text) : text
      return
    }
    case 'double': {
      const amount = parseAmount(raw)
      if (amount === undefined) errors.push(`The "${titleOf(portal, field)}" field contains invalid characters.<br />`)
      else draft.values[code] = amount
      return
    }
    case 'integer':
    case 'user':
    case 'crm_company':
    case 'crm_contact': {
      const id = phpInt(raw)
      if (code === 'ASSIGNED_BY_ID' && id <= 0) return // ignored, as on the portal
      draft.values[code] = code === 'COMPANY_ID' && id <= 0 ? null : String(id)
      return
    }
    case 'char':
      draft.values[code] = toFlag(raw)
      return
    case 'date':
    case 'datetime': {
      const text = String(raw ?? '').trim()
      if (text === '') {
        draft.values[code] = ''
        return
      }
      const time = parsePortalDate(text, portal.clock.utcOffsetMinutes)
      if (time === undefined) {
        errors.push(`The field '${titleOf(portal, field)}' is incorrect.<br />`)
        return
      }
      draft.values[code] =
        field.type === 'date' ? portal.clock.isoDate(time) : formatIso(time, portal.clock.utcOffsetMinutes)
      return
    }
    case 'crm_status':
    case 'crm_currency':
      draft.values[code] = raw === null || raw === undefined || raw === '' ? null : String(raw)
      return
    default:
      return
  }
}

/** A multifield item label for messages: `Work Phone`, `Home E-mail`. */
const multifieldLabel = (type: MultifieldType, valueType: string) =>
  `${VALUE_TYPE_CAPTIONS[valueType] ?? valueType} ${MULTIFIELD_CAPTIONS[type]}`

/**
 * Multifield input (docs/bitrix24-protocol.md §6.3): items without ID are added, items with an ID of this
 * lead are changed or (empty VALUE / DELETE=Y) removed; values not mentioned are kept.
 */
function applyMultifield(
  portal: PortalState,
  draft: LeadRecord,
  type: MultifieldType,
  raw: unknown,
  errors: string[]
): void {
  const items = Array.isArray(raw) ? raw : isMap(raw) ? Object.values(raw) : []
  for (const item of items) {
    if (!isMap(item)) continue
    const id = phpInt(item.ID)
    const value = item.VALUE === undefined || item.VALUE === null ? '' : String(item.VALUE).trim()
    const requestedType = String(item.VALUE_TYPE ?? '').toUpperCase()
    const existing = id > 0 ? draft.multi.find((entry) => entry.id === id && entry.typeId === type) : undefined
    if (id > 0 && !existing) continue // another entity's value: ignored
    const valueType = MULTIFIELD_VALUE_TYPES[type].includes(requestedType)
      ? requestedType
      : (existing?.valueType ?? DEFAULT_VALUE_TYPE[type])
    if (existing && (value === '' || String(item.DELETE ?? '').toUpperCase() === 'Y')) {
      draft.multi = draft.multi.filter((entry) => entry !== existing)
      continue
    }
    if (value === '') continue
    if (value.length > MULTIFIELD_MAX_LENGTH) {
      errors.push(
        `The field "${multifieldLabel(type, valueType)}" must not exceed ${MULTIFIELD_MAX_LENGTH} characters.<br />`
      )
      continue
    }
    if (type === 'EMAIL' && !EMAIL_PATTERN.test(value)) {
      errors.push(`The field "${multifieldLabel(type, valueType)}" contains an incorrect address.<br />`)
      continue
    }
    if (existing) {
      const index = draft.multi.indexOf(existing)
      draft.multi[index] = { ...existing, value, valueType }
    } else {
      draft.multi.push({ id: portal.nextId('multifield'), typeId: type, valueType, value })
    }
  }
}

/** Flags and dates that follow from the other fields. */
function deriveFields(
  portal: PortalState,
  before: LeadRecord | undefined,
  draft: LeadRecord,
  caller: PortalUser
): void {
  const now = portal.clock.iso()
  const has = (type: string) => draft.multi.some((item) => item.typeId === type)
  draft.values.HAS_PHONE = has('PHONE') ? 'Y' : 'N'
  draft.values.HAS_EMAIL = has('EMAIL') ? 'Y' : 'N'
  draft.values.HAS_IMOL = draft.multi.some((item) => item.typeId === 'IM' && item.value.startsWith('imol|')) ? 'Y' : 'N'
  // A lead with a company or a contact is a returning customer; bindings keep CONTACT_ID current.
  const hasCompany = Number(draft.values.COMPANY_ID ?? 0) > 0
  draft.values.IS_RETURN_CUSTOMER = hasCompany || Number(draft.values.CONTACT_ID ?? 0) > 0 ? 'Y' : 'N'
  const stage = draft.values.STATUS_ID ?? ''
  if (!before || before.values.STATUS_ID !== stage) {
    const semantic = stageSemantic(portal.statuses, stage)
    draft.values.STATUS_SEMANTIC_ID = semantic ?? null
    if (before) {
      draft.values.MOVED_BY_ID = String(caller.id)
      draft.values.MOVED_TIME = now
    }
    // Moving into a final stage closes the lead.
    if (semantic === 'S' || semantic === 'F') draft.values.DATE_CLOSED = now
    else if (before) draft.values.DATE_CLOSED = ''
  }
}

/** Checks and applies `fields` to a copy of `lead` (or to a new lead); throws the portal's error. */
export function writeLeadFields(
  portal: PortalState,
  lead: LeadRecord,
  fields: Record<string, unknown>,
  options: WriteOptions
): { draft: LeadRecord; outcome: WriteOutcome } {
  const draft: LeadRecord = { id: lead.id, values: { ...lead.values }, uf: { ...lead.uf }, multi: [...lead.multi] }
  const before = options.mode === 'update' ? lead : undefined
  const errors: string[] = []
  const outcome: WriteOutcome = {}
  const userFields = new Map(portal.userFields.map((field) => [field.fieldName, field]))
  const upperFields = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.toUpperCase(), value]))

  if (options.mode === 'update' && ADDRESS_FIELDS.some((code) => code in upperFields)) {
    // A partial address replaces the whole address (docs/bitrix24-protocol.md §6.4; UNCONFIRMED).
    for (const code of ADDRESS_FIELDS) draft.values[code] = null
  }

  for (const [code, raw] of Object.entries(upperFields)) {
    if ((MULTIFIELD_TYPES as readonly string[]).includes(code)) {
      applyMultifield(portal, draft, code as MultifieldType, raw, errors)
      continue
    }
    if (code === 'CONTACT_IDS' || code === 'CONTACT_ID') {
      const ids = (Array.isArray(raw) ? raw : [raw]).map(phpInt).filter((id) => id > 0)
      // CONTACT_IDS replaces all bindings; CONTACT_ID binds one contact (0 clears).
      outcome.contactIds = code === 'CONTACT_IDS' ? ids : ids.slice(0, 1)
      continue
    }
    const userField = userFields.get(code)
    if (userField) {
      const value = normaliseUserFieldValue(portal, userField, raw)
      if (userField.mandatory && portal.settings.checkRequiredUserFields && isMissingValue(value)) {
        throw requiredFieldError(portal, userField)
      }
      draft.uf[code] = value
      continue
    }
    const field = FIELD_BY_CODE.get(code)
    if (!field || field.virtual) continue // unknown keys are dropped silently
    const writable = !field.readOnly || (options.importMode && IMPORT_WRITABLE.has(code))
    if (!writable) continue
    applyStandardField(portal, draft, field, raw, options, errors)
  }
  if (errors.length) throw crmError(errors.join('\n'))

  if (options.mode === 'add') {
    for (const field of portal.userFields) {
      if (!(field.fieldName in upperFields)) draft.uf[field.fieldName] = defaultUserFieldValue(portal, field)
      if (field.mandatory && portal.settings.checkRequiredUserFields && isMissingValue(draft.uf[field.fieldName])) {
        throw requiredFieldError(portal, field)
      }
    }
  }
  deriveFields(portal, before, draft, options.caller)
  return { draft, outcome }
}

/** A new lead's values before the caller's fields: every column, with the portal's defaults. */
export function newLeadRecord(portal: PortalState, id: number, caller: PortalUser): LeadRecord {
  const now = portal.clock.iso()
  const values: Record<string, string | null> = Object.fromEntries(STORED_FIELD_CODES.map((code) => [code, null]))
  Object.assign(values, {
    ID: String(id),
    STATUS_ID: firstStage(portal.statuses),
    OPPORTUNITY: '0.00',
    CURRENCY_ID: portal.settings.baseCurrency,
    IS_MANUAL_OPPORTUNITY: 'N',
    OPENED: 'Y',
    HAS_PHONE: 'N',
    HAS_EMAIL: 'N',
    HAS_IMOL: 'N',
    IS_RETURN_CUSTOMER: 'N',
    BIRTHDATE: '',
    DATE_CLOSED: '',
    ASSIGNED_BY_ID: String(caller.id),
    CREATED_BY_ID: String(caller.id),
    MODIFY_BY_ID: String(caller.id),
    MOVED_BY_ID: String(caller.id),
    LAST_ACTIVITY_BY: String(caller.id),
    DATE_CREATE: now,
    DATE_MODIFY: now,
    MOVED_TIME: now,
    LAST_ACTIVITY_TIME: now
  })
  return { id, values, uf: {}, multi: [] as MultiValue[] }
}

/** After add: an empty title becomes "Lead #ID" (Russian portals: "Лид #ID"). */
export function autoTitle(portal: PortalState, lead: LeadRecord): void {
  if (!lead.values.TITLE || lead.values.TITLE.trim() === '') {
    lead.values.TITLE = `${portal.settings.lang === 'ru' ? 'Лид' : 'Lead'} #${lead.id}`
  }
}
