import type { LeadFieldInfo } from '@contract'

/**
 * How a field's value is shown and edited: one decision per field, from its portal type, so the
 * display and the editor of a type never disagree.
 */
export type FieldKind =
  /** A stage: a chip in the stage's colour; chosen from the stages. */
  | 'stage'
  /** A status or list value (source, enumeration, crm_status): shown and chosen by label. */
  | 'choice'
  /** A portal user: shown and chosen by name. */
  | 'user'
  /** A userfield amount with its currency inside, `1200.50|EUR`. */
  | 'money'
  /** An amount whose currency is another field (OPPORTUNITY, CURRENCY_ID). */
  | 'amount'
  | 'currency'
  | 'integer'
  | 'double'
  | 'date'
  | 'datetime'
  /** Y/N (char) or 1/0 (boolean userfield). */
  | 'boolean'
  /** Phones, e-mails, websites, messengers: several values with their kinds. */
  | 'multifield'
  /** A bound CRM record: `C_12`, or the ID of a company / contact. */
  | 'binding'
  | 'url'
  | 'text'

const BY_TYPE: Readonly<Record<string, FieldKind>> = {
  user: 'user',
  employee: 'user',
  enumeration: 'choice',
  crm_status: 'choice',
  money: 'money',
  crm_currency: 'currency',
  integer: 'integer',
  double: 'double',
  date: 'date',
  datetime: 'datetime',
  char: 'boolean',
  boolean: 'boolean',
  crm_multifield: 'multifield',
  crm: 'binding',
  crm_company: 'binding',
  crm_contact: 'binding',
  url: 'url'
}

/** Whole-number identifiers (ID, ADDRESS_LOC_ADDR_ID) read as codes: 12345, never "12,345". */
const isIdentifier = (field: LeadFieldInfo) => field.type === 'integer' && /(^|_)ID$/.test(field.code)

export function fieldKind(field: LeadFieldInfo): FieldKind {
  if (field.items?.some((item) => item.semantics)) return 'stage'
  if (field.currencyField) return 'amount'
  if (isIdentifier(field)) return 'text'
  return BY_TYPE[field.type] ?? (field.items ? 'choice' : 'text')
}
