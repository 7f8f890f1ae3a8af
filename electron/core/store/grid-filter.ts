import type { SQLInputValue } from 'node:sqlite'
import { MAX_VALUES_PER_FILTER } from '../../contract/grid-query'
import { AppError } from '../errors'
import { timeMs } from './effective-lead'
import type { ValueKind } from './field-catalogue'
import type { FieldAccess } from './grid-fields'
import { foldText } from './text-fold'
import type { GridCondition, GridOperator } from './types'

export interface SqlPart {
  sql: string
  params: SQLInputValue[]
}

const OPERATORS: readonly GridOperator[] = ['=', '!', '>', '>=', '<', '<=', '%', '@', 'empty', 'notEmpty']

/**
 * One filter condition as SQL. Values are always bound parameters, converted to the field's kind
 * first, so "15000" compares as a number with OPPORTUNITY and an ISO date by time.
 * Bitrix24 habits kept: `=` with an empty value means "is empty", `!` with one "is not empty";
 * `!` also matches leads without a value. On a list field a condition holds when any element
 * matches (`!` and `empty`: when none does).
 */
export function conditionSql(condition: GridCondition, field: FieldAccess, key = 'l.key'): SqlPart {
  const { op, value } = condition
  if (!OPERATORS.includes(op)) {
    throw invalid(condition, `unknown operator "${String(op)}"; use one of ${OPERATORS.join(' ')}`)
  }
  if ((op === '=' || op === '!') && (value === null || value === undefined || value === '')) {
    return conditionSql({ ...condition, op: op === '=' ? 'empty' : 'notEmpty' }, field, key)
  }
  const v = field.value
  const hasValue: SqlPart = { sql: `coalesce(${v}, '') <> ''`, params: [] }
  switch (op) {
    case 'empty':
      return field.list ? noElement(field, hasValue, key) : { sql: `coalesce(${v}, '') = ''`, params: [] }
    case 'notEmpty':
      return overList(field, hasValue, key)
    case '!': {
      const params = [operand(field.kind, value, condition)]
      return field.list ? noElement(field, { sql: `${v} = ?`, params }, key) : { sql: `${v} IS NOT ?`, params }
    }
    case '%':
      if (field.kind === 'date') throw invalid(condition, 'dates are compared with = ! > >= < <= @, not "%"')
      return overList(field, { sql: `instr(${field.folded}, ?) > 0`, params: [substring(value, condition)] }, key)
    case '@': {
      const exact = inList(v, field.kind, value, condition)
      return field.seek === 'folded' ? withFoldedSeek(field, exact, value as unknown[]) : overList(field, exact, key)
    }
    default: {
      const exact = { sql: `${v} ${op} ?`, params: [operand(field.kind, value, condition)] }
      return op === '=' && field.seek === 'folded' ? withFoldedSeek(field, exact, [value]) : overList(field, exact, key)
    }
  }
}

/** Whether an index can find the rows of this condition (instead of testing every row). */
export function usesIndex(condition: GridCondition, field: FieldAccess): boolean {
  const { op, value } = condition
  if (value === null || value === undefined || value === '') return false
  if (field.seek === 'value') return ['=', '>', '>=', '<', '<=', '@'].includes(op)
  return field.seek === 'folded' && (op === '=' || op === '@')
}

/** An exact text test preceded by the same test on the indexed folded copy. */
function withFoldedSeek(field: FieldAccess, exact: SqlPart, values: unknown[]): SqlPart {
  const folded = values.map((item) => foldText(String(item)))
  return {
    sql: `${field.folded} IN (${folded.map(() => '?').join(', ')}) AND ${exact.sql}`,
    params: [...folded, ...exact.params]
  }
}

/** `key`: the lead's key in the query (l.key, or d.key when it reads the documents alone). */
function overList(field: FieldAccess, predicate: SqlPart, key: string): SqlPart {
  if (!field.list) return predicate
  return { sql: `${key} IN (${field.list} AND ${predicate.sql})`, params: predicate.params }
}

function noElement(field: FieldAccess, predicate: SqlPart, key: string): SqlPart {
  return { sql: `${key} NOT IN (${field.list} AND ${predicate.sql})`, params: predicate.params }
}

function inList(expression: string, kind: ValueKind, value: unknown, condition: GridCondition): SqlPart {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_VALUES_PER_FILTER) {
    throw invalid(condition, `"@" needs a list of 1 to ${MAX_VALUES_PER_FILTER} values`)
  }
  const params = value.map((item: unknown) => operand(kind, item, condition))
  return { sql: `${expression} IN (${params.map(() => '?').join(', ')})`, params }
}

function operand(kind: ValueKind, value: unknown, condition: GridCondition): SQLInputValue {
  switch (kind) {
    case 'number': {
      const number = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN
      if (value === '' || !Number.isFinite(number)) throw invalid(condition, `needs a number, got ${show(value)}`)
      return number
    }
    case 'date': {
      // ISO text as the portal writes it, or ms since epoch.
      const ms = typeof value === 'number' && Number.isFinite(value) ? value : timeMs(value)
      if (ms === null)
        throw invalid(
          condition,
          `needs a date like 2024-05-23 or 2024-05-23T18:18:25+02:00 (or ms since 1970), got ${show(value)}`
        )
      return ms
    }
    case 'boolean':
      if (value === true || value === 1 || value === '1' || value === 'Y') return 1
      if (value === false || value === 0 || value === '0' || value === 'N') return 0
      throw invalid(condition, `needs Y or N, got ${show(value)}`)
    case 'text':
      if (typeof value === 'string' || typeof value === 'number') return String(value)
      throw invalid(condition, `needs a text value, got ${show(value)}`)
  }
}

function substring(value: unknown, condition: GridCondition): string {
  if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '') {
    throw invalid(condition, `"%" needs the text to look for, got ${show(value)}`)
  }
  return foldText(String(value))
}

function invalid(condition: GridCondition, problem: string): AppError {
  return new AppError('INVALID_ARGUMENT', `Filter on ${String(condition.field)}: ${problem}.`, { condition })
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value)
}
