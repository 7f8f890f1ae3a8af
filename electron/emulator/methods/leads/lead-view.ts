import { parsePortalDate } from '../../clock'
import type { FieldKind } from '../list/filter'
import type { OrderedSchema } from '../list/list-query'
import { FIELD_BY_CODE, MULTIFIELD_TYPES, STORED_FIELD_CODES, type FieldType } from '../../state/lead-fields'
import type { LeadRecord } from '../../state/lead-store'
import { addMultifieldsJson } from '../../state/multifield-json'
import type { PortalState } from '../../state/portal'
import type { UserFieldDef } from '../../state/userfield-types'

/**
 * How leads look from outside: the field kinds the list engine filters and sorts by, and the
 * JSON a lead is printed as in crm.lead.get / crm.lead.list.
 */

const STANDARD_KIND: Record<FieldType, FieldKind> = {
  integer: 'number',
  double: 'number',
  user: 'number',
  crm_company: 'number',
  crm_contact: 'number',
  string: 'string',
  char: 'string',
  crm_currency: 'exact',
  crm_status: 'exact',
  date: 'date',
  datetime: 'date',
  crm_multifield: 'string'
}

function userFieldKind(field: UserFieldDef): FieldKind {
  switch (field.userTypeId) {
    case 'integer':
    case 'double':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'date':
    case 'datetime':
      return 'date'
    case 'enumeration':
    case 'employee':
    case 'crm_status':
    case 'crm':
    case 'iblock_element':
    case 'iblock_section':
      return 'exact'
    default:
      return 'string'
  }
}

/** The list-engine view of the portal's leads. */
export function leadListSchema(portal: PortalState): OrderedSchema<LeadRecord> {
  const userFields = new Map(portal.userFields.map((field) => [field.fieldName, field]))
  const stageSort = new Map(portal.statuses.filter((s) => s.entityId === 'STATUS').map((s) => [s.statusId, s.sort]))
  return {
    id: (lead) => lead.id,
    kind(field) {
      const standard = FIELD_BY_CODE.get(field)
      if (standard && !standard.virtual) return STANDARD_KIND[standard.type]
      const userField = userFields.get(field)
      return userField ? userFieldKind(userField) : undefined
    },
    value: (lead, field) => (field.startsWith('UF_') ? lead.uf[field] : lead.values[field]),
    multifield: (lead, type) => lead.multi.filter((item) => item.typeId === type).map((item) => item.value),
    // Stages sort by their SORT in the status list, not by name.
    sortValue: (lead, field) =>
      field === 'STATUS_ID'
        ? (stageSort.get(lead.values.STATUS_ID ?? '') ?? null)
        : field.startsWith('UF_')
          ? lead.uf[field]
          : lead.values[field],
    parseDate: (text) => parsePortalDate(text, portal.clock.utcOffsetMinutes),
    now: () => portal.clock.now()
  }
}

/** What `select` asks for, resolved against the catalogue (docs/bitrix24-protocol.md §8.4). */
export interface LeadSelection {
  standard: string[]
  userFields: string[]
  multifields: string[]
}

export function parseSelect(portal: PortalState, select: unknown[]): LeadSelection {
  const names = select.map((item) => String(item).trim()).filter(Boolean)
  const upper = new Set(names.map((name) => name.toUpperCase()))
  const all = names.length === 0 || upper.has('*')
  const standard = STORED_FIELD_CODES.filter((code) => code === 'ID' || all || upper.has(code))
  const allUserFields = upper.has('UF_*')
  const userFields = portal.userFields
    .map((field) => field.fieldName)
    .filter((name) => allUserFields || upper.has(name))
  // Multifields have no mask and must be named exactly, upper case.
  const multifields = MULTIFIELD_TYPES.filter((type) => names.includes(type))
  return { standard, userFields, multifields }
}

/** The whole lead, as crm.lead.get prints it. */
export function fullSelection(portal: PortalState): LeadSelection {
  return {
    standard: STORED_FIELD_CODES,
    userFields: portal.userFields.map((field) => field.fieldName),
    multifields: [...MULTIFIELD_TYPES]
  }
}

export function selectionWidth(selection: LeadSelection): number {
  return selection.standard.length + selection.userFields.length + selection.multifields.length
}

/** A lead as JSON: scalars as strings, multifield arrays only for types that have values. */
export function leadToJson(lead: LeadRecord, selection: LeadSelection): Record<string, unknown> {
  const json: Record<string, unknown> = {}
  for (const code of selection.standard) json[code] = lead.values[code] ?? null
  for (const name of selection.userFields) json[name] = lead.uf[name] ?? null
  addMultifieldsJson(json, lead.multi, selection.multifields)
  return json
}
