import { MULTIFIELD_TYPES } from '../portal/methods/crm-values'
import type { PortalMetadata } from '../metadata/portal-metadata'

/**
 * How the grid compares each field: its value kind and whether it holds a list. Built from the
 * standard lead fields (docs/bitrix24-protocol.md §7.2) and, for userfields, from the portal's field
 * descriptors kept in meta. An unknown field compares as text.
 */
export type ValueKind = 'text' | 'number' | 'date' | 'boolean'

export interface FieldShape {
  kind: ValueKind
  /** A list of values: multiple userfields, or a multifield (items whose VALUE is compared). */
  list?: 'values' | 'multifield'
}

export type FieldCatalogue = ReadonlyMap<string, FieldShape>

const STANDARD: Record<string, FieldShape> = {
  ...fieldsOf(
    [
      'ADDRESS_LOC_ADDR_ID',
      'CREATED_BY_ID',
      'MODIFY_BY_ID',
      'MOVED_BY_ID',
      'LAST_ACTIVITY_BY',
      'COMPANY_ID',
      'CONTACT_ID'
    ],
    { kind: 'number' }
  ),
  ...fieldsOf(['BIRTHDATE', 'MOVED_TIME', 'DATE_CLOSED', 'LAST_ACTIVITY_TIME'], { kind: 'date' }),
  ...fieldsOf(MULTIFIELD_TYPES, { kind: 'text', list: 'multifield' })
}

/** Portal field types (crm.lead.fields `type`, userfield USER_TYPE_ID) → value kinds. */
function kindOfType(type: string): ValueKind {
  switch (type) {
    case 'integer':
    case 'double':
    case 'user':
    case 'employee':
    case 'crm_company':
    case 'crm_contact':
    // "300|RUB": compared by amount.
    case 'money':
      return 'number'
    case 'date':
    case 'datetime':
      return 'date'
    case 'boolean':
      return 'boolean'
    default:
      return 'text'
  }
}

/** The catalogue of a portal: the standard fields, then its userfields and field descriptors. */
export function fieldCatalogue(
  fields: NonNullable<PortalMetadata['fields']>,
  userFields: Pick<NonNullable<PortalMetadata['userFields']>[number], 'FIELD_NAME' | 'USER_TYPE_ID' | 'MULTIPLE'>[]
): FieldCatalogue {
  const catalogue = new Map<string, FieldShape>(Object.entries(STANDARD))
  for (const field of userFields) catalogue.set(field.FIELD_NAME, shapeOf(field.USER_TYPE_ID, field.MULTIPLE === 'Y'))
  for (const [code, descriptor] of Object.entries(fields)) {
    catalogue.set(code, shapeOf(descriptor.type, descriptor.isMultiple))
  }
  return catalogue
}

function shapeOf(type: string, multiple: boolean): FieldShape {
  if (type === 'crm_multifield') return { kind: 'text', list: 'multifield' }
  return multiple ? { kind: kindOfType(type), list: 'values' } : { kind: kindOfType(type) }
}

function fieldsOf(codes: readonly string[], shape: FieldShape): Record<string, FieldShape> {
  return Object.fromEntries(codes.map((code) => [code, shape]))
}
