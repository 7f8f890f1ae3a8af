import { crmError, restErrors } from '../errors'
import { timeBlock } from '../server/envelope'
import { listify, parsePhpQuery } from '../server/php-query'
import { methods, type CallContext } from './context'
import { isTruthyFlag, scalarParam } from './params'

/** The portal runs at most 50 commands per batch (docs/bitrix24-protocol.md §9). */
export const BATCH_MAX_LENGTH = 50

type Outputs = Record<'result' | 'error' | 'total' | 'next' | 'time', Record<string, unknown>>

// `$result[key][path]...`, `$next[key]`, `$total[key]`, `$time[key]`, `$error[key]`.
const REFERENCE = /\$(result|next|total|time|error)((?:\[[^\]]*\])+)/gi
const WHOLE_REFERENCE = /^\$(result|next|total|time|error)((?:\[[^\]]*\])+)$/i

function resolveReference(outputs: Outputs, kind: string, path: string): unknown {
  const keys = [...path.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!)
  let value: unknown = outputs[kind.toLowerCase() as keyof Outputs]
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/**
 * Replaces references to earlier results. A value that is exactly one reference takes the
 * referenced value of any type; a reference inside a longer string is replaced only by a string
 * or number (UNCONFIRMED for numbers), otherwise the text stays as it was.
 */
function substitute(value: unknown, outputs: Outputs): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value)
    if (whole) {
      const resolved = resolveReference(outputs, whole[1]!, whole[2]!)
      return resolved === undefined ? value : resolved
    }
    return value.replace(REFERENCE, (text, kind: string, path: string) => {
      const resolved = resolveReference(outputs, kind, path)
      return typeof resolved === 'string' || typeof resolved === 'number' ? String(resolved) : text
    })
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, outputs))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, substitute(child, outputs)]))
  }
  return value
}

function parseCommand(command: unknown): { method: string; query: string } {
  const text = String(command ?? '')
  const mark = text.indexOf('?')
  return mark === -1
    ? { method: text.trim(), query: '' }
    : { method: text.slice(0, mark).trim(), query: text.slice(mark + 1) }
}

function runBatch(ctx: CallContext): Record<string, unknown> {
  const commands = scalarParam(ctx.params, 'cmd')
  if (!commands || typeof commands !== 'object') throw crmError("Parameter 'cmd' must be array.")
  const halt = isTruthyFlag(scalarParam(ctx.params, 'halt'))
  const outputs: Outputs = { result: {}, error: {}, total: {}, next: {}, time: {} }
  const entries = Object.entries(commands as Record<string, unknown>)

  for (const [index, [key, command]] of entries.entries()) {
    if (index >= BATCH_MAX_LENGTH) {
      outputs.error[key] = restErrors.batchLength().toBody()
      continue
    }
    const { method, query } = parseCommand(command)
    const params = substitute(parsePhpQuery(query), outputs) as Record<string, unknown>
    const outcome = ctx.call(method, params, true)
    if (outcome.ok) {
      outputs.result[key] = outcome.result
      if (outcome.total !== undefined) outputs.total[key] = outcome.total
      if (outcome.next !== undefined) outputs.next[key] = outcome.next
      // Each command's time carries its own method's operating usage (UNCONFIRMED on cloud).
      outputs.time[key] = timeBlock(
        ctx.portal.clock,
        outcome.start,
        outcome.finish,
        outcome.processing,
        outcome.operating
      )
    } else {
      outputs.error[key] = outcome.error.toBody()
      if (halt) break
    }
  }
  // Maps keyed 0..n-1 (a list of commands) come out as JSON lists, as PHP arrays do.
  return {
    result: listify(outputs.result),
    result_error: listify(outputs.error),
    result_total: listify(outputs.total),
    result_next: listify(outputs.next),
    result_time: listify(outputs.time)
  }
}

export const batchMethods = methods({
  batch: { scope: null, handler: runBatch, notInBatch: true }
})
