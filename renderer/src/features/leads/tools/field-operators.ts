import type { LeadFieldInfo } from '@contract'

/** How a field is filtered: the operators offered and the kind of value they take. */
export type FilterKind = 'text' | 'number' | 'date' | 'list' | 'boolean'

/** The operators of the filter bar, by the words the user reads (filters.op.*). */
export type FilterOperator = 'contains' | 'equals' | 'notEquals' | 'atLeast' | 'atMost' | 'in' | 'empty' | 'notEmpty'

const OPERATORS: Record<FilterKind, FilterOperator[]> = {
  text: ['contains', 'equals', 'notEquals', 'empty', 'notEmpty'],
  number: ['equals', 'atLeast', 'atMost', 'empty', 'notEmpty'],
  date: ['atLeast', 'atMost', 'empty', 'notEmpty'],
  list: ['in', 'empty', 'notEmpty'],
  boolean: ['equals']
}

const NUMBER_TYPES = new Set(['integer', 'double', 'money'])
const DATE_TYPES = new Set(['date', 'datetime'])
const BOOLEAN_TYPES = new Set(['boolean', 'char'])

export function filterKind(field: LeadFieldInfo): FilterKind {
  if (field.items) return 'list'
  if (NUMBER_TYPES.has(field.type)) return 'number'
  if (DATE_TYPES.has(field.type)) return 'date'
  if (BOOLEAN_TYPES.has(field.type)) return 'boolean'
  return 'text'
}

export function operatorsOf(field: LeadFieldInfo): FilterOperator[] {
  return OPERATORS[filterKind(field)]
}

/** Operators that need no value. */
export const takesNoValue = (operator: FilterOperator) => operator === 'empty' || operator === 'notEmpty'

/** The grid query's operator for each filter-bar operator. */
export const QUERY_OPERATOR = {
  contains: '%',
  equals: '=',
  notEquals: '!',
  atLeast: '>=',
  atMost: '<=',
  in: '@',
  empty: 'empty',
  notEmpty: 'notEmpty'
} as const satisfies Record<FilterOperator, string>

/** A filter-bar operator back from the query's (for a saved view's filter). */
export function operatorOf(queryOperator: string): FilterOperator | undefined {
  return (Object.keys(QUERY_OPERATOR) as FilterOperator[]).find((name) => QUERY_OPERATOR[name] === queryOperator)
}
