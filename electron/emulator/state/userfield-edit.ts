import type { Clock } from '../clock'
import { coreError, crmError } from '../errors'
import { phpInt } from '../methods/params'
import { phpText } from '../methods/php-values'
import {
  adminExceptionText,
  fieldNameProblems,
  isSet,
  isYes,
  LEAD_UF_ENTITY,
  labelMap,
  leadFieldName
} from './userfield-normalize'
import { initialSettings, updatedSettings } from './userfield-settings'
import { LABEL_KEYS, USERFIELD_TYPES, type UserFieldDef, type UserFieldType } from './userfield-types'

/**
 * How `crm.lead.userfield.add/update` turn the sent fields into a stored field: UserFieldProxy's
 * preparation followed by the main module's CUserTypeEntity::Add/Update rules (docs/bitrix24-protocol.md §8.10).
 */

type SentFields = Record<string, unknown>
export type NewUserField = Omit<UserFieldDef, 'id'>

const DEFAULT_SORT = 100
const isUserFieldType = (type: string): type is UserFieldType => (USERFIELD_TYPES as readonly string[]).includes(type)
const trimmed = (value: unknown) => phpText(value).trim()

/** Types the proxy's add switch has no case for: it forces their SHOW_FILTER to N. */
const NO_FILTER_ON_ADD: UserFieldType[] = ['money', 'url', 'address', 'file']

/** SHOW_FILTER: Y → E (filter by mask), anything else N; an employee field filters by exact match (I). */
function showFilter(type: UserFieldType, sent: unknown): UserFieldDef['showFilter'] {
  if (!isYes(sent)) return 'N'
  return type === 'employee' ? 'I' : 'E'
}

/** The main module's checks on add: all name and type problems at once, then the duplicate check. */
function checkNewField(existing: UserFieldDef[], fieldName: string, type: string): void {
  const problems = fieldNameProblems(fieldName)
  if (!isUserFieldType(type)) problems.push('The custom type is invalid.')
  if (problems.length > 0) throw coreError(adminExceptionText(problems))
  if (existing.some((field) => field.fieldName === fieldName)) {
    throw coreError(adminExceptionText([`The field ${fieldName} for entity ${LEAD_UF_ENTITY} already exists.`]))
  }
}

/** A new field from the sent fields, or the portal's error. The caller assigns the ID. */
export function draftUserField(existing: UserFieldDef[], sent: SentFields, clock: Clock): NewUserField {
  const type = trimmed(sent.USER_TYPE_ID)
  const rawName = trimmed(sent.FIELD_NAME)
  const missing = [
    ...(type === '' ? ["The 'USER_TYPE_ID' field is not found."] : []),
    ...(rawName === '' ? ["The 'FIELD_NAME' field is not found."] : [])
  ]
  if (missing.length > 0) throw crmError(missing.join('\n'))
  const fieldName = leadFieldName(rawName)
  checkNewField(existing, fieldName, type)
  const userTypeId = type as UserFieldType
  const defaultLabel = trimmed(sent.LABEL) || fieldName
  const sort = phpInt(sent.SORT)
  return {
    fieldName,
    userTypeId,
    xmlId: isSet(sent.XML_ID) ? phpText(sent.XML_ID) : null,
    sort: sort > 0 ? sort : DEFAULT_SORT,
    multiple: userTypeId !== 'boolean' && isYes(sent.MULTIPLE),
    mandatory: isYes(sent.MANDATORY),
    showFilter: NO_FILTER_ON_ADD.includes(userTypeId) ? 'N' : showFilter(userTypeId, sent.SHOW_FILTER),
    // The main module compares these two case-sensitively: only "N" switches them off.
    showInList: sent.SHOW_IN_LIST !== 'N',
    editInList: sent.EDIT_IN_LIST !== 'N',
    isSearchable: sent.IS_SEARCHABLE === 'Y',
    settings: initialSettings(userTypeId, sent.SETTINGS, clock),
    labels: Object.fromEntries(
      LABEL_KEYS.map((key) => [key, labelMap(sent[key], defaultLabel)])
    ) as NewUserField['labels'],
    list: []
  }
}

/**
 * Applies an update in place. USER_TYPE_ID, FIELD_NAME, ENTITY_ID and MULTIPLE cannot change (the
 * main module drops them); a sent label map replaces the stored one, languages not sent become ''.
 */
export function applyUserFieldUpdate(field: UserFieldDef, sent: SentFields, clock: Clock): void {
  if (isSet(sent.XML_ID)) field.xmlId = phpText(sent.XML_ID)
  if (isSet(sent.SORT)) field.sort = phpInt(sent.SORT)
  // MANDATORY, SHOW_IN_LIST, EDIT_IN_LIST and IS_SEARCHABLE are compared case-sensitively on update.
  if (isSet(sent.MANDATORY)) field.mandatory = sent.MANDATORY === 'Y'
  if (isSet(sent.SHOW_FILTER)) field.showFilter = showFilter(field.userTypeId, sent.SHOW_FILTER)
  if (isSet(sent.SHOW_IN_LIST)) field.showInList = sent.SHOW_IN_LIST !== 'N'
  if (isSet(sent.EDIT_IN_LIST)) field.editInList = sent.EDIT_IN_LIST !== 'N'
  if (isSet(sent.IS_SEARCHABLE)) field.isSearchable = sent.IS_SEARCHABLE === 'Y'
  for (const key of LABEL_KEYS) {
    if (isSet(sent[key])) field.labels[key] = labelMap(sent[key], '')
  }
  field.settings = updatedSettings(field.userTypeId, field.settings, sent.SETTINGS, clock)
}
