import type { CrmEntityType, FieldLabelLanguage, LeadFieldInfo } from '../../contract'
import { isMultifield, MULTIFIELD_VALUE_TYPES } from '../domain/field-shapes'
import type { PortalMetadata } from '../metadata/portal-metadata'
import type { FieldDescriptor } from '../portal/methods/field-descriptors'
import type { LeadUserFieldInLanguage } from '../portal/methods/lead-userfield-types'
import { statusItems, userItems } from './field-choices'

/** Userfields as read in each UI language (`crm.lead.userfield.list` with LANG). */
export type UserFieldsByLanguage = Partial<Record<FieldLabelLanguage, readonly LeadUserFieldInLanguage[]>>

/** Amounts and the field that holds their currency. */
const CURRENCY_FIELDS: Readonly<Record<string, string>> = { OPPORTUNITY: 'CURRENCY_ID' }
const BINDING_TYPES: readonly CrmEntityType[] = ['LEAD', 'CONTACT', 'COMPANY', 'DEAL']
/** Standard fields that bind one kind of CRM entity, by their type in crm.lead.fields. */
const STANDARD_BINDINGS: Readonly<Record<string, CrmEntityType>> = { crm_company: 'COMPANY', crm_contact: 'CONTACT' }
/** Field types whose values are portal users. */
const USER_TYPES = new Set(['user', 'employee'])

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

/** A userfield's label in one language: its list label, else its form label. */
function userFieldLabel(definition: LeadUserFieldInLanguage | undefined): string | undefined {
  return text(definition?.LIST_COLUMN_LABEL) ?? text(definition?.EDIT_FORM_LABEL)
}

function labelsOf(code: string, userFields: UserFieldsByLanguage): LeadFieldInfo['labels'] {
  const labels: NonNullable<LeadFieldInfo['labels']> = {}
  for (const [language, definitions] of Object.entries(userFields) as [
    FieldLabelLanguage,
    LeadUserFieldInLanguage[]
  ][]) {
    const label = userFieldLabel(definitions.find((definition) => definition.FIELD_NAME === code))
    if (label) labels[language] = label
  }
  return Object.keys(labels).length ? labels : undefined
}

/** The entity types a crm binding userfield may point at (settings LEAD/CONTACT/COMPANY/DEAL = Y). */
function bindingTypes(settings: Record<string, unknown> | undefined): CrmEntityType[] {
  const allowed = BINDING_TYPES.filter((type) => settings?.[type] === 'Y')
  // A crm field with none of them set binds leads (the portal's default).
  return allowed.length ? allowed : ['LEAD']
}

function choicesOf(
  descriptor: FieldDescriptor,
  metadata: Pick<PortalMetadata, 'statuses' | 'users'>
): LeadFieldInfo['items'] {
  if (USER_TYPES.has(descriptor.type)) return metadata.users ? userItems(metadata.users) : undefined
  if (descriptor.isDynamic) {
    if (descriptor.type === 'crm_status')
      return statusItems(metadata.statuses, String(descriptor.settings?.ENTITY_TYPE ?? ''))
    return descriptor.items?.map((item) => ({ value: String(item.ID), label: item.VALUE }))
  }
  return descriptor.statusType ? statusItems(metadata.statuses, descriptor.statusType) : undefined
}

/**
 * The fields the UI can show and edit, from the portal's field descriptors: labels by language,
 * whether a value is required, the choices of status, enumeration and user fields, where an
 * amount's currency is, what a binding may point at, and the kinds of phones and e-mails. `userFields` gives the userfields read
 * in each language; the metadata's own (read in English) stand for English when not given.
 */
export function fieldInfos(
  metadata: Pick<PortalMetadata, 'fields' | 'statuses' | 'users' | 'userFields'>,
  userFields: UserFieldsByLanguage = { en: metadata.userFields ?? [] }
): LeadFieldInfo[] {
  return Object.entries(metadata.fields ?? {}).map(([code, descriptor]) => {
    const definition = metadata.userFields?.find((candidate) => candidate.FIELD_NAME === code)
    const info: LeadFieldInfo = {
      code,
      type: descriptor.type,
      title: (descriptor.isDynamic && descriptor.listLabel) || descriptor.title || code,
      isUserField: descriptor.isDynamic,
      readOnly: descriptor.isReadOnly,
      multiple: descriptor.isMultiple,
      required: descriptor.isRequired || definition?.MANDATORY === 'Y'
    }
    const labels = descriptor.isDynamic ? labelsOf(code, userFields) : undefined
    if (labels) info.labels = labels
    const items = choicesOf(descriptor, metadata)
    if (items) info.items = items
    if (CURRENCY_FIELDS[code]) info.currencyField = CURRENCY_FIELDS[code]
    if (descriptor.type === 'crm') info.entityTypes = bindingTypes(descriptor.settings)
    else if (STANDARD_BINDINGS[descriptor.type]) info.entityTypes = [STANDARD_BINDINGS[descriptor.type]!]
    if (isMultifield(code)) info.valueTypes = [...MULTIFIELD_VALUE_TYPES[code]]
    return info
  })
}
