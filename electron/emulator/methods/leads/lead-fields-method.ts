import { STANDARD_FIELDS } from '../../state/lead-fields'
import type { PortalState } from '../../state/portal'

/** `crm.lead.fields`: the descriptor map of docs/bitrix24-protocol.md §7.1 — standard fields, then user fields. */
export function leadFieldDescriptors(portal: PortalState): Record<string, Record<string, unknown>> {
  const lang = portal.settings.lang
  const descriptors: Record<string, Record<string, unknown>> = {}
  for (const field of STANDARD_FIELDS) {
    const descriptor: Record<string, unknown> = {
      type: field.type,
      isRequired: false,
      isReadOnly: Boolean(field.readOnly),
      isImmutable: false,
      isMultiple: Boolean(field.multiple),
      isDynamic: false,
      title: field.title[lang]
    }
    if (field.deprecated) descriptor.isDeprecated = true
    if (field.statusType) descriptor.statusType = field.statusType
    if (field.settings) descriptor.settings = field.settings
    descriptors[field.code] = descriptor
  }
  for (const field of portal.userFields) {
    const label = (key: 'EDIT_FORM_LABEL' | 'LIST_COLUMN_LABEL' | 'LIST_FILTER_LABEL') =>
      field.labels[key][lang] || field.labels[key].en || field.fieldName
    const descriptor: Record<string, unknown> = {
      type: field.userTypeId,
      isRequired: field.mandatory,
      isReadOnly: false,
      isImmutable: false,
      isMultiple: field.multiple,
      isDynamic: true,
      title: field.fieldName,
      listLabel: label('LIST_COLUMN_LABEL'),
      formLabel: label('EDIT_FORM_LABEL'),
      filterLabel: label('LIST_FILTER_LABEL'),
      settings: field.settings
    }
    if (field.userTypeId === 'enumeration') {
      descriptor.items = field.list.map((item) => ({ ID: String(item.id), VALUE: item.value }))
    }
    descriptors[field.fieldName] = descriptor
  }
  return descriptors
}
