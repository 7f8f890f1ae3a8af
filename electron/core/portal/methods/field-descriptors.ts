import { asMap, isObject } from './normalise'

/** The flags every field descriptor of a `*.fields` method carries (docs/bitrix24-protocol.md §7.1). */
interface DescriptorFlags {
  type: string
  isRequired: boolean
  isReadOnly: boolean
  isImmutable: boolean
  isMultiple: boolean
  /** The field's caption; the field code when it has none. */
  title: string
  settings?: Record<string, unknown>
}

/** A standard (non-user) field. */
export interface StandardFieldDescriptor extends DescriptorFlags {
  isDynamic: false
  isDeprecated?: boolean
  /** For `crm_status` fields: the status list (`STATUS`, `SOURCE`, `HONORIFIC`). */
  statusType?: string
}

/** An item of an enumeration user field, as `*.fields` lists it. */
export interface EnumerationChoice {
  ID: string
  VALUE: string
}

/** A user field (`UF_CRM_*`): `title` is the code, the labels are in the caller's language. */
export interface UserFieldDescriptor extends DescriptorFlags {
  isDynamic: true
  listLabel: string
  formLabel: string
  filterLabel: string
  /** The field's SETTINGS; `{}` for types without settings. */
  settings: Record<string, unknown>
  /** Enumeration fields only. */
  items?: EnumerationChoice[]
}

export type FieldDescriptor = StandardFieldDescriptor | UserFieldDescriptor

/** A descriptor map with the `[]` of empty settings made `{}`. */
export function normaliseDescriptors<D extends FieldDescriptor>(raw: unknown): Record<string, D> {
  const descriptors = asMap<D>(raw)
  for (const descriptor of Object.values(descriptors)) {
    if (isObject(descriptor) && descriptor.settings !== undefined) descriptor.settings = asMap(descriptor.settings)
  }
  return descriptors
}
