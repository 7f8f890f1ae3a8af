/**
 * Faults that answer what a Bitrix24 portal never should: a redirect, a body that is not JSON, or
 * a result bent out of shape after the call ran. They let the app's handling of a hostile or
 * broken portal be tested end to end.
 */
import type { FaultKind } from '../limits/faults'
import { phpJson } from './envelope'

/** An answer written as it is, not as a JSON envelope. */
export interface RawAnswer {
  status: number
  text: string
  headers: Record<string, string>
  delayMs: number
}

/** An answer as the REST server makes it, before it is written. */
export interface JsonAnswer {
  status: number
  body: unknown
  delayMs: number
}

/** Faults that answer before the call runs; undefined for the other kinds. */
export function answerInstead(kind: FaultKind, location: string | undefined): RawAnswer | undefined {
  switch (kind) {
    case 'redirect':
      return { status: 302, text: '', headers: { Location: location ?? '/' }, delayMs: 0 }
    case 'html':
      return {
        status: 200,
        text: '<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head><body>Welcome</body></html>',
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
        delayMs: 0
      }
    case 'empty':
      return { status: 200, text: '', headers: { 'Content-Type': 'application/json' }, delayMs: 0 }
    default:
      return undefined
  }
}

/** Faults that change the answer of a call that ran; the answer as it is for the other kinds. */
export function bentAnswer(kind: FaultKind, method: string, answer: JsonAnswer): JsonAnswer | RawAnswer {
  const body = answer.body as Record<string, unknown>
  // An error answer is passed on as it is: these faults bend results.
  if (answer.status !== 200 || !body || !('result' in body)) return answer
  switch (kind) {
    case 'truncated': {
      const text = phpJson(body)
      const headers = { 'Content-Type': 'application/json; charset=utf-8' }
      return { status: 200, text: text.slice(0, Math.floor(text.length / 2)), headers, delayMs: answer.delayMs }
    }
    case 'result_null':
      // Of a batch: the whole result, its five maps and all.
      return { ...answer, body: { ...body, result: null } }
    case 'result_not_list':
    case 'lead_values':
    case 'bad_id':
      return {
        ...answer,
        body: { ...body, result: eachResult(method, body.result, (result) => bentResult(kind, result)) }
      }
    default:
      return answer
  }
}

/** One method's result bent by a result fault (a command's inside a batch, or a call's own). */
export function bentResult(kind: FaultKind, result: unknown): unknown {
  switch (kind) {
    case 'result_null':
      return null
    case 'result_not_list':
      return { unexpected: true }
    case 'lead_values':
      return rows(result, wrongTypes)
    case 'bad_id':
      return firstRowId(result)
    default:
      return result
  }
}

/** The call's result, or in a batch each command's result, changed by `change`. */
function eachResult(method: string, result: unknown, change: (result: unknown) => unknown): unknown {
  if (method !== 'batch') return change(result)
  const maps = result as { result?: unknown }
  const results = maps?.result
  if (!results || typeof results !== 'object') return result
  const changed = Object.fromEntries(Object.entries(results).map(([key, value]) => [key, change(value)]))
  return { ...maps, result: Array.isArray(results) ? Object.values(changed) : changed }
}

const isRow = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'ID' in value

/** Each row of a list result (or a single row, as `get` answers it) changed by `change`. */
function rows(result: unknown, change: (row: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (Array.isArray(result)) return result.map((row: unknown) => (isRow(row) ? change(row) : row))
  return isRow(result) ? change(result) : result
}

/**
 * Values of the wrong type, in the fields a row has: a title as an object, a phone list as a
 * text, a user ID that is not a number, a creation date nobody can read.
 */
function wrongTypes(row: Record<string, unknown>): Record<string, unknown> {
  const bent = { ...row }
  if ('TITLE' in row) bent.TITLE = { text: row.TITLE }
  if ('PHONE' in row) bent.PHONE = '+1 555 0100'
  if ('ASSIGNED_BY_ID' in row) bent.ASSIGNED_BY_ID = 'abc'
  if ('DATE_CREATE' in row) bent.DATE_CREATE = 'not a date'
  return bent
}

function firstRowId(result: unknown): unknown {
  if (!Array.isArray(result) || !isRow(result[0])) return result
  return [{ ...result[0], ID: 'abc' }, ...result.slice(1)]
}
