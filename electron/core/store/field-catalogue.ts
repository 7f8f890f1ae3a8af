import { MULTIFIELD_TYPES } from '../portal/methods/crm-values'
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
function kindOfType(type: unknown): ValueKind {
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

/**
 * @param fields crm.lead.fields: code → { type, isMultiple }
 * @param userfields crm.lead.userfield.list items: { FIELD_NAME, USER_TYPE_ID, MULTIPLE }
 */
export function fieldCatalogue(fields: unknown, userfields: unknown): FieldCatalogue {
  const catalogue = new Map<string, FieldShape>(Object.entries(STANDARD))
  if (Array.isArray(userfields)) {
    for (const item of userfields as unknown[]) {
      const { FIELD_NAME: name, USER_TYPE_ID: type, MULTIPLE: multiple } = (item ?? {}) as Record<string, unknown>
      if (typeof name === 'string') catalogue.set(name, shapeOf(type, multiple === 'Y' || multiple === true))
    }
  }
  if (fields && typeof fields === 'object' && !Array.isArray(fields)) {
    for (const [code, descriptor] of Object.entries(fields as Record<string, unknown>)) {
      const { type, isMultiple } = (descriptor ?? {}) as Record<string, unknown>
      catalogue.set(code, shapeOf(type, isMultiple === true))
    }
  }
  return catalogue
}

function shapeOf(type: unknown, multiple: boolean): FieldShape {
  if (type === 'crm_multifield') return { kind: 'text', list: 'multifield' }
  return multiple ? { kind: kindOfType(type), list: 'values' } : { kind: kindOfType(type) }
}

function fieldsOf(codes: readonly string[], shape: FieldShape): Record<string, FieldShape> {
  return Object.fromEntries(codes.map((code) => [code, shape]))
}
