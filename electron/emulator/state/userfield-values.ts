import { formatIso, parsePortalDate } from '../clock'
import { coreError } from '../errors'
import type { PortalState } from './portal'
import type { UserFieldDef } from './userfield-types'

/**
 * Lead user-field values (docs/bitrix24-protocol.md §6.5–6.6): how a value sent to crm.lead.add/update is
 * checked and stored, and how it is printed back. Stored values are already in their API form.
 */

export function labelOf(field: UserFieldDef, lang: string): string {
  return field.labels.EDIT_FORM_LABEL[lang] || field.labels.EDIT_FORM_LABEL.en || field.fieldName
}

const invalid = (field: UserFieldDef, lang: string, what: string) =>
  // Emulator wording (UNCONFIRMED): the main module's checks come back as ERROR_CORE.
  coreError(`The field "${labelOf(field, lang)}" ${what}.<br>`)

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

/** One scalar value of a field, checked and in stored form; undefined means "no value". */
function normaliseOne(portal: PortalState, field: UserFieldDef, raw: unknown): unknown {
  if (isBlank(raw)) return undefined
  const lang = portal.settings.lang
  const text = typeof raw === 'string' ? raw.trim() : raw
  switch (field.userTypeId) {
    case 'integer': {
      // PHP casts with intval(): text becomes 0, as on the portal; the app must validate first.
      const number = Number.parseInt(String(text), 10)
      return String(Number.isFinite(number) ? number : 0)
    }
    case 'double': {
      const number = Number.parseFloat(String(text).replace(',', '.'))
      const precision = Number(field.settings.PRECISION ?? 2)
      return Number.isFinite(number) ? number.toFixed(precision) : (0).toFixed(precision)
    }
    case 'boolean':
      return ['1', 'y', 'true', 'yes'].includes(String(text).toLowerCase())
    case 'enumeration': {
      const id = Number(text)
      if (!field.list.some((item) => item.id === id))
        throw invalid(field, lang, `has no list item with ID ${String(text)}`)
      return String(id)
    }
    case 'date':
    case 'datetime': {
      const time = parsePortalDate(String(text), portal.clock.utcOffsetMinutes)
      if (time === undefined) throw invalid(field, lang, 'must contain a valid date')
      return field.userTypeId === 'date' ? portal.clock.isoDate(time) : formatIso(time, portal.clock.utcOffsetMinutes)
    }
    case 'money': {
      const [amount = '', currency = portal.settings.baseCurrency] = String(text).split('|')
      if (amount.trim() === '') return undefined
      const number = Number(amount.replace(',', '.'))
      if (!Number.isFinite(number)) throw invalid(field, lang, 'must contain an amount')
      return `${number}|${currency}`
    }
    case 'employee': {
      const id = Number(text)
      if (!portal.user(id)) throw invalid(field, lang, `refers to an unknown user ${String(text)}`)
      return String(id)
    }
    case 'crm_status':
      return String(text)
    case 'crm':
      return String(text)
    case 'file':
      return normaliseFile(portal, raw)
    default:
      return typeof text === 'string' ? text : JSON.stringify(text)
  }
}

/** File values: `{fileData: [name, base64]}` stores a new file; the output shape is §6.5's. */
function normaliseFile(portal: PortalState, raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'fileData' in raw) {
    const id = portal.nextId('file')
    const query = `ownerId=${id}`
    return {
      id,
      showUrl: `/bitrix/components/bitrix/crm.lead.show/show_file.php?${query}`,
      downloadUrl: `/bitrix/components/bitrix/crm.lead.show/show_file.php?${query}&download=y`
    }
  }
  if (raw && typeof raw === 'object' && 'id' in raw) return raw
  return undefined
}

/**
 * The value to store for a field, from what the caller sent: a list for multiple fields, one
 * value otherwise; null when cleared.
 */
export function normaliseUserFieldValue(portal: PortalState, field: UserFieldDef, raw: unknown): unknown {
  if (field.multiple) {
    const items = Array.isArray(raw) ? raw : isBlank(raw) ? [] : [raw]
    return items.map((item) => normaliseOne(portal, field, item)).filter((item) => item !== undefined)
  }
  const value = normaliseOne(portal, field, Array.isArray(raw) ? raw[0] : raw)
  return value === undefined ? null : value
}

/** The value a new lead gets for a field nobody sent: the field's DEFAULT_VALUE, if any. */
export function defaultUserFieldValue(portal: PortalState, field: UserFieldDef): unknown {
  if (field.userTypeId === 'enumeration') {
    const defaults = field.list.filter((item) => item.def).map((item) => String(item.id))
    return field.multiple ? defaults : (defaults[0] ?? null)
  }
  const setting = field.settings.DEFAULT_VALUE
  const raw =
    setting && typeof setting === 'object' ? (setting as { VALUE?: unknown; TYPE?: string }) : { VALUE: setting }
  if ('TYPE' in raw && raw.TYPE === 'NOW') return normaliseUserFieldValue(portal, field, portal.clock.iso())
  if (isBlank(raw.VALUE)) return field.multiple ? [] : null
  if (field.userTypeId === 'boolean') return field.multiple ? [Boolean(Number(raw.VALUE))] : Boolean(Number(raw.VALUE))
  try {
    return normaliseUserFieldValue(portal, field, raw.VALUE)
  } catch {
    return field.multiple ? [] : null
  }
}

/** Whether a value counts as "missing" for a MANDATORY field. */
export function isMissingValue(value: unknown): boolean {
  return isBlank(value) || (Array.isArray(value) && value.every(isBlank))
}

/** The required-field message (docs/bitrix24-protocol.md §8.1; main module wording). */
export function requiredFieldError(portal: PortalState, field: UserFieldDef) {
  return coreError(`The required field ${labelOf(field, portal.settings.lang)} is missing.<br>`)
}
