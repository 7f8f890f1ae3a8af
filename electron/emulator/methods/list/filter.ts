/**
 * The `filter` of Bitrix24 list methods (docs/bitrix24-protocol.md §8.4): a map of
 * `{ "<prefix><FIELD>": value }`, all conditions ANDed. Prefixes are parsed in the portal's
 * order: `!` negation, `+` "or empty", then one operator.
 */

/** How a field's values compare. `exact` fields (statuses, bindings) turn LIKE into `=`. */
export type FieldKind = 'number' | 'string' | 'exact' | 'date' | 'boolean'

export interface ListSchema<Row> {
  /** The kind of a filterable field, or undefined for a key the portal silently ignores. */
  kind(field: string): FieldKind | undefined
  /** The stored value: a string, number, boolean, null, or an array for multiple fields. */
  value(row: Row, field: string): unknown
  /** Multifield values (PHONE, EMAIL, WEB, IM) when the entity has them. */
  multifield?(row: Row, type: string): string[] | undefined
  /** Parses a date filter value; undefined when it is not a date. */
  parseDate(text: string): number | undefined
  now(): number
}

export type Operator = 'eq' | 'gt' | 'ge' | 'lt' | 'le' | 'in' | 'like' | 'pattern' | 'search'

export interface FilterCondition {
  field: string
  operator: Operator
  negate: boolean
  orEmpty: boolean
  value: unknown
}

// Longest first, so `>=` wins over `>` and `=%` over `=`.
const OPERATORS: Array<[string, Operator]> = [
  ['>=', 'ge'],
  ['<=', 'le'],
  ['=%', 'pattern'],
  ['%=', 'pattern'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['@', 'in'],
  ['%', 'like'],
  ['?', 'search'],
  ['=', 'eq']
]

export function parseFilterKey(key: string): Omit<FilterCondition, 'value'> {
  let rest = key
  let negate = false
  let orEmpty = false
  if (rest.startsWith('!')) {
    negate = true
    rest = rest.slice(1)
  }
  if (rest.startsWith('+')) {
    orEmpty = true
    rest = rest.slice(1)
  }
  let operator: Operator = 'eq'
  for (const [prefix, name] of OPERATORS) {
    if (rest.startsWith(prefix)) {
      operator = name
      rest = rest.slice(prefix.length)
      break
    }
  }
  return { field: rest.toUpperCase(), operator, negate, orEmpty }
}

const MULTIFIELD_KEYS = new Set(['PHONE', 'EMAIL', 'WEB', 'IM'])

type Predicate<Row> = (row: Row) => boolean

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)

/** SQL LIKE with `%` and `_`, case-insensitive like MySQL's default collation. */
function likeToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.')
  return new RegExp(`^${escaped}$`, 'is')
}

function toNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined
  const number = typeof value === 'number' ? value : Number(String(value).replace(',', '.'))
  return Number.isFinite(number) ? number : undefined
}

function compareValues(
  kind: FieldKind,
  stored: unknown,
  wanted: unknown,
  schema: ListSchema<unknown>
): number | undefined {
  if (stored === null || stored === undefined) return undefined
  if (kind === 'number') {
    const a = toNumber(stored)
    const b = toNumber(wanted)
    return a === undefined || b === undefined ? undefined : a - b
  }
  if (kind === 'date') {
    const a = typeof stored === 'number' ? stored : schema.parseDate(String(stored))
    const b = wanted === 'NOW' ? schema.now() : schema.parseDate(String(wanted))
    return a === undefined || b === undefined ? undefined : a - b
  }
  if (kind === 'boolean') return Number(normaliseBoolean(stored)) - Number(normaliseBoolean(wanted))
  const a = String(stored).toLowerCase()
  const b = String(wanted).toLowerCase()
  return a < b ? -1 : a > b ? 1 : 0
}

function normaliseBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'Y' || value === 'y' || value === 'true'
}

/** One stored value against one condition, without negation and "or empty". */
function matchesOne(
  kind: FieldKind,
  stored: unknown,
  condition: FilterCondition,
  schema: ListSchema<unknown>
): boolean {
  const { operator, value } = condition
  const compare = (wanted: unknown) => compareValues(kind, stored, wanted, schema)
  switch (operator) {
    case 'gt':
      return (compare(value) ?? -1) > 0
    case 'ge':
      return (compare(value) ?? -1) >= 0
    case 'lt':
      return (compare(value) ?? 1) < 0
    case 'le':
      return (compare(value) ?? 1) <= 0
    case 'in': {
      const list = Array.isArray(value) ? value : [value]
      return list.some((item) => compare(item) === 0)
    }
    case 'like':
    case 'pattern':
    case 'search': {
      if (stored === null || stored === undefined) return false
      const text = String(stored)
      const wanted = String(value)
      if (operator === 'like') return text.toLowerCase().includes(wanted.toLowerCase())
      if (operator === 'pattern') return likeToRegExp(wanted).test(text)
      // Search syntax: space or & = AND, | = OR, every term a substring.
      return wanted.split('|').some((alternative) =>
        alternative
          .split(/[\s&]+/)
          .filter(Boolean)
          .every((term) => text.toLowerCase().includes(term.toLowerCase()))
      )
    }
    case 'eq': {
      const list = Array.isArray(value) ? value : [value]
      return list.some((wanted) => {
        // `=` with 0 on a number also matches NULL; `=` with "" matches NULL or empty.
        if (kind === 'number' && toNumber(wanted) === 0 && isEmpty(stored)) return true
        if ((wanted === '' || wanted === null) && isEmpty(stored)) return true
        if (kind === 'date' && wanted === '') return isEmpty(stored)
        return compare(wanted) === 0
      })
    }
  }
}

/** Adjusts an operator to what the field kind supports (LIKE on numbers is `=`, and so on). */
function effectiveOperator(kind: FieldKind, operator: Operator): Operator {
  if (kind === 'date' && !['eq', 'gt', 'ge', 'lt', 'le'].includes(operator)) return 'eq'
  if (
    (kind === 'number' || kind === 'exact' || kind === 'boolean') &&
    ['like', 'pattern', 'search'].includes(operator)
  ) {
    return 'eq'
  }
  return operator
}

function conditionPredicate<Row>(condition: FilterCondition, schema: ListSchema<Row>): Predicate<Row> | undefined {
  const loose = schema as ListSchema<unknown>
  if (MULTIFIELD_KEYS.has(condition.field) && schema.multifield) {
    // Multifield keys ignore prefixes: the (first) value is matched with LIKE as given.
    const raw = Array.isArray(condition.value) ? condition.value[0] : condition.value
    const wanted = String(raw ?? '').trim()
    if (!wanted) return undefined
    const pattern = likeToRegExp(wanted)
    return (row) => (schema.multifield!(row, condition.field) ?? []).some((value) => pattern.test(value))
  }
  const kind = schema.kind(condition.field)
  if (!kind) return undefined // unknown keys are silently dropped
  const effective: FilterCondition = { ...condition, operator: effectiveOperator(kind, condition.operator) }
  if (effective.operator === 'in' && Array.isArray(effective.value) && effective.value.length === 0) {
    return effective.negate ? () => true : () => false
  }
  return (row) => {
    const stored = schema.value(row, condition.field)
    const values = Array.isArray(stored) ? stored : [stored]
    // "Or empty": NULL or '' — and 0 for numbers, which the portal treats like NULL.
    const blank = (value: unknown) => isEmpty(value) || (kind === 'number' && toNumber(value) === 0)
    if (condition.orEmpty && values.every(blank)) return true
    if (!effective.negate) return values.some((value) => matchesOne(kind, value, effective, loose))
    // Negation: "IS NULL OR NOT …"; an array value for `!` means "none of these".
    if (values.every(isEmpty)) return !(effective.operator === 'eq' && matchesOne(kind, null, effective, loose))
    return values.every((value) => !matchesOne(kind, value, effective, loose))
  }
}

/** Compiles a filter map into one predicate (every condition must hold). */
export function compileFilter<Row>(filter: Record<string, unknown>, schema: ListSchema<Row>): Predicate<Row> {
  const predicates = Object.entries(filter)
    .map(([key, value]) => conditionPredicate({ ...parseFilterKey(key), value }, schema))
    .filter((predicate): predicate is Predicate<Row> => predicate !== undefined)
  return (row) => predicates.every((predicate) => predicate(row))
}

/**
 * The tightest ID range the filter implies (`>ID`, `>=ID`, `<ID`, `<=ID`, `=ID`), so keyset pages
 * can start from an index instead of scanning everything.
 */
export function idBounds(filter: Record<string, unknown>): { after: number; before: number } {
  let after = 0
  let before = Number.MAX_SAFE_INTEGER
  for (const [key, value] of Object.entries(filter)) {
    const { field, operator, negate, orEmpty } = parseFilterKey(key)
    if (field !== 'ID' || negate || orEmpty || Array.isArray(value)) continue
    const id = toNumber(value)
    if (id === undefined) continue
    if (operator === 'gt') after = Math.max(after, Math.floor(id))
    if (operator === 'ge') after = Math.max(after, Math.ceil(id) - 1)
    if (operator === 'lt') before = Math.min(before, Math.ceil(id))
    if (operator === 'le') before = Math.min(before, Math.floor(id) + 1)
    if (operator === 'eq') {
      after = Math.max(after, Math.ceil(id) - 1)
      before = Math.min(before, Math.floor(id) + 1)
    }
  }
  return { after, before }
}
