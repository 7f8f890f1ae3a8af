import type { CrmStatus } from '../portal/methods/statuses'
import { invalid, shown, typed, valid, type Checked, type FieldErrorCode, type FieldErrorParams } from './field-errors'
import type { UserFieldDefinition } from './field-shapes'
import { isBlank, parseMoney } from './value-parsers'
import {
  checkCrmBinding,
  checkDate,
  checkDateTime,
  checkDecimal,
  checkFlag,
  checkId,
  checkInteger,
  checkMoney,
  checkStatus,
  checkText,
  checkUrl,
  checkUser,
  type NumberLimits
} from './value-checks'

/**
 * User-field values by type (docs/bitrix24-protocol.md §6.6, §8.10), checked against the definitions of
 * `crm.lead.userfield.list`. Types with no rule known here (file, address, iblock, app types)
 * pass as they are; the portal has the last word on them.
 */

export type StatusItem = Pick<CrmStatus, 'ENTITY_ID' | 'STATUS_ID'>

const settingsOf = (definition: UserFieldDefinition): Record<string, unknown> =>
  typeof definition.SETTINGS === 'object' && definition.SETTINGS !== null
    ? (definition.SETTINGS as Record<string, unknown>)
    : {}

/** A limit from SETTINGS; 0 (or nothing) means "no limit", as in the portal's field settings. */
function settingNumber(definition: UserFieldDefinition, key: string): number | undefined {
  const number = Number(settingsOf(definition)[key])
  return Number.isFinite(number) && number !== 0 ? number : undefined
}

const numberLimits = (definition: UserFieldDefinition): NumberLimits => ({
  min: settingNumber(definition, 'MIN_VALUE'),
  max: settingNumber(definition, 'MAX_VALUE')
})

/** The codes of a status list, when it is known. */
export function statusCodes(statuses: readonly StatusItem[] | undefined, entityId: string) {
  return statuses?.filter((status) => status.ENTITY_ID === entityId).map((status) => status.STATUS_ID)
}

function checkEnumItem(definition: UserFieldDefinition, value: unknown): Checked {
  const checked = checkId(value, 'a list item')
  if (!checked.ok || !definition.LIST) return checked
  const known = definition.LIST.some((item) => String(item.ID) === checked.value)
  return known
    ? checked
    : invalid('unknown_list_item', `${shown(value)} is not an item of this list`, { value: typed(value) })
}

/** What a user field's values are checked against, when the portal's lists are known. */
export interface UserFieldLists {
  statuses?: readonly StatusItem[]
  /** The IDs of the portal's users (employee fields). */
  userIds?: ReadonlySet<string>
}

/** One (non-empty) value of a user field. */
export function checkUserFieldElement(
  definition: UserFieldDefinition,
  value: unknown,
  { statuses, userIds }: UserFieldLists = {}
): Checked {
  switch (definition.USER_TYPE_ID) {
    case 'string':
      return checkText(value, {
        max: settingNumber(definition, 'MAX_LENGTH'),
        min: settingNumber(definition, 'MIN_LENGTH')
      })
    case 'integer':
      return checkInteger(value, numberLimits(definition))
    case 'double':
      return checkDecimal(value, numberLimits(definition))
    case 'boolean':
      return checkFlag(value, '10')
    case 'enumeration':
      return checkEnumItem(definition, value)
    case 'date':
      return checkDate(value)
    case 'datetime':
      return checkDateTime(value)
    case 'money':
      return checkMoney(value)
    case 'url':
      return checkUrl(value)
    case 'employee':
      return checkUser(value, userIds)
    case 'crm_status': {
      const list = String(settingsOf(definition).ENTITY_TYPE ?? '')
      return checkStatus(value, statusCodes(statuses, list), `${list || 'status'} value`)
    }
    case 'crm':
      return checkCrmBinding(value)
    default:
      return valid(value)
  }
}

/** Whether a value counts as not given for a MANDATORY field (false is a value; "|EUR" is not). */
export function isMissingUserFieldValue(definition: UserFieldDefinition, value: unknown): boolean {
  if (isBlank(value)) return true
  if (definition.USER_TYPE_ID !== 'money') return false
  const amounts = (Array.isArray(value) ? value : [value]).map((item) => parseMoney(item)?.amount)
  return amounts.every((amount) => amount === undefined)
}

/** Whether the portal fills the field on create when it is not sent (a default value or item). */
export function hasDefaultValue(definition: UserFieldDefinition): boolean {
  if (definition.USER_TYPE_ID === 'enumeration') return definition.LIST?.some((item) => item.DEF === 'Y') ?? false
  if (definition.USER_TYPE_ID === 'boolean') return true
  const setting = settingsOf(definition).DEFAULT_VALUE
  if (typeof setting === 'object' && setting !== null && !Array.isArray(setting)) {
    const { VALUE, TYPE } = setting as { VALUE?: unknown; TYPE?: unknown }
    return TYPE === 'NOW' || (TYPE !== 'NONE' && !isBlank(VALUE))
  }
  return !isBlank(setting)
}

/** The field's name for messages: its form label when the definition has one. */
export function userFieldLabel(definition: UserFieldDefinition): string {
  const label = definition.EDIT_FORM_LABEL
  const text =
    typeof label === 'string'
      ? label
      : typeof label === 'object' && label !== null
        ? Object.values(label as Record<string, unknown>).find((item) => typeof item === 'string' && item !== '')
        : undefined
  return typeof text === 'string' && text !== '' ? `"${text}" (${definition.FIELD_NAME})` : definition.FIELD_NAME
}

export interface UserFieldCheck {
  value: unknown
  errors: Array<{ code: FieldErrorCode; message: string; params?: FieldErrorParams; item?: number }>
}

/** A user field's value: each element of a multiple field by itself; one value for the others. */
export function checkUserFieldValue(
  definition: UserFieldDefinition,
  value: unknown,
  lists: UserFieldLists = {}
): UserFieldCheck {
  const multiple = definition.MULTIPLE === 'Y'
  if (!multiple && Array.isArray(value) && value.length > 1)
    return {
      value,
      errors: [
        { code: 'not_multiple', message: `holds one value, got ${value.length}`, params: { count: value.length } }
      ]
    }
  const single = !multiple && Array.isArray(value) ? (value[0] ?? '') : value
  const elements = Array.isArray(single) ? single : [single]
  const errors: UserFieldCheck['errors'] = []
  const normalised = elements.map((element, index) => {
    if (isBlank(element)) return element
    const checked = checkUserFieldElement(definition, element, lists)
    if (checked.ok) return checked.value
    const { code, message, params } = checked
    errors.push({ code, message, ...(params ? { params } : {}), ...(Array.isArray(single) ? { item: index } : {}) })
    return element
  })
  return { value: Array.isArray(single) ? normalised : normalised[0], errors }
}
