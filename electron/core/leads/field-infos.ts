import type { LeadFieldInfo } from '../../contract'
import type { PortalMetadata } from '../metadata/portal-metadata'

/**
 * The fields the UI can show and edit, from the portal's field descriptors: userfields by their
 * list label, statuses and enumerations with their choices.
 */
export function fieldInfos({ fields, statuses }: Pick<PortalMetadata, 'fields' | 'statuses'>): LeadFieldInfo[] {
  return Object.entries(fields ?? {}).map(([code, descriptor]) => {
    const info: LeadFieldInfo = {
      code,
      type: descriptor.type,
      title: (descriptor.isDynamic && descriptor.listLabel) || descriptor.title || code,
      readOnly: descriptor.isReadOnly || descriptor.type === 'crm_multifield',
      multiple: descriptor.isMultiple
    }
    if (!descriptor.isDynamic && descriptor.statusType) {
      info.items = (statuses ?? [])
        .filter((status) => status.ENTITY_ID === descriptor.statusType)
        .map((status) => ({ value: status.STATUS_ID, label: status.NAME }))
    } else if (descriptor.isDynamic && descriptor.items) {
      info.items = descriptor.items.map((item) => ({ value: String(item.ID), label: item.VALUE }))
    }
    return info
  })
}
