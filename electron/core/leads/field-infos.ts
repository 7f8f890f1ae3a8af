import type { LeadFieldInfo } from '../../contract'
import type { LeadStore } from '../store/lead-store'
import { META_KEYS } from '../store/meta'

interface FieldDescriptor {
  type: string
  title?: string
  listLabel?: string
  isReadOnly?: boolean
  isMultiple?: boolean
  statusType?: string
  items?: Array<{ ID: string; VALUE: string }>
}

interface Status {
  ENTITY_ID: string
  STATUS_ID: string
  NAME: string
}

/**
 * The fields the UI can show and edit, from the portal's `crm.lead.fields` kept in the store:
 * user fields by their list label, statuses and enumerations with their choices.
 */
export function fieldInfos(store: LeadStore): LeadFieldInfo[] {
  const descriptors = store.getMeta<Record<string, FieldDescriptor>>(META_KEYS.fields) ?? {}
  const statuses = store.getMeta<Status[]>(META_KEYS.statuses) ?? []
  return Object.entries(descriptors).map(([code, descriptor]) => {
    const info: LeadFieldInfo = {
      code,
      type: descriptor.type,
      title: descriptor.listLabel || descriptor.title || code,
      readOnly: Boolean(descriptor.isReadOnly) || descriptor.type === 'crm_multifield',
      multiple: Boolean(descriptor.isMultiple)
    }
    if (descriptor.statusType) {
      info.items = statuses
        .filter((status) => status.ENTITY_ID === descriptor.statusType)
        .map((status) => ({ value: status.STATUS_ID, label: status.NAME }))
    } else if (descriptor.items) {
      info.items = descriptor.items.map((item) => ({ value: String(item.ID), label: item.VALUE }))
    }
    return info
  })
}
