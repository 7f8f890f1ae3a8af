/**
 * The portal's `batch` (docs/bitrix24-protocol.md §9): up to 50 commands in one HTTP request, run in
 * order, each with its own result or error; later commands may use earlier results through
 * `$result[key]…` references. One request counts once against the leaky bucket; each command is
 * charged to its own method's operating-time budget, which we track from its `result_time`.
 */
import type { PortalLimitCode } from '../../contract/sync'
import { sleep } from './backoff'
import { asMap } from './methods/normalise'
import { encodePhpQuery } from './php-query'
import type { PortalClient, TimeInfo } from './portal-client'
import { BAD_ANSWER, isReadMethod, portalError, PortalError } from './portal-error'
import { RawJson } from './raw-json'

/** The portal runs at most 50 commands per batch. */
export const BATCH_LIMIT = 50

export interface BatchCommand {
  method: string
  params?: Record<string, unknown>
  /** Whether the command changes data; by default, methods named like reads are reads. */
  write?: boolean
}

/** Commands by key, in the order they run. Keys are names (`add`, `p3`), never bare numbers. */
export type BatchCommands = Record<string, BatchCommand>

export type CommandOutcome<T = unknown> =
  { ok: true; result: T; total?: number; next?: number; time?: TimeInfo } | { ok: false; error: PortalError }

export interface BatchResult {
  /** Every command's outcome, by key, in the order the commands were given. */
  outcomes: Record<string, CommandOutcome>
  /** The `time` of the (last) batch request itself. */
  time?: TimeInfo
  /** HTTP requests it took. */
  requests: number
}

export interface BatchOptions {
  /** Stop at the first failing command; the rest are reported as not run. */
  halt?: boolean
  signal?: AbortSignal
  /**
   * Each command's result stays unparsed (a RawJson) until its reader parses it, so a big answer
   * is never alive all at once (raw-json.ts).
   */
  rawResults?: boolean
}

/** What the batch helpers need from the client; a PortalClient has it. */
export type BatchClient = Pick<PortalClient, 'call' | 'operating'> & Partial<Pick<PortalClient, 'link'>>

/** Waits for one of the portal's limits; the client's link (if it has one) tells that it does. */
export function waitForLimit(
  client: BatchClient,
  code: PortalLimitCode,
  ms: number,
  signal: AbortSignal | undefined
): Promise<void> {
  const wait = (delay: number) => sleep(delay, signal)
  return client.link ? client.link.waitOut(code, ms, wait) : wait(ms)
}

/** Code of a command the portal did not run because an earlier one failed under `halt`. */
export const NOT_RUN = 'BATCH_NOT_RUN'

/** A command that did not run: safe to send again, as far as the portal is concerned. */
export function notRunError(method: string, why: string): PortalError {
  return new PortalError(NOT_RUN, `Not run: ${why}.`, 0, method, 'retryable')
}

/** Collects up to 50 named commands, refusing what the portal would get wrong. */
export class BatchBuilder {
  private readonly commands: BatchCommands = {}
  private count = 0

  add(key: string, method: string, params: Record<string, unknown> = {}, write?: boolean): this {
    checkKey(key)
    if (Object.hasOwn(this.commands, key)) throw new Error(`The batch already has a command "${key}".`)
    if (this.count >= BATCH_LIMIT) throw new RangeError(`A batch holds at most ${BATCH_LIMIT} commands.`)
    this.commands[key] = write === undefined ? { method, params } : { method, params, write }
    this.count++
    return this
  }

  get size(): number {
    return this.count
  }

  build(): BatchCommands {
    return { ...this.commands }
  }
}

/**
 * Integer-like keys are refused: a JS object lists them first whatever the insertion order, which
 * would reorder the commands (and their references).
 */
export function checkKey(key: string): void {
  if (!/^[A-Za-z_][\w.-]*$/.test(key)) {
    throw new Error(`Batch key "${key}" must start with a letter or "_" and hold only letters, digits, _ . -`)
  }
}

/** `method?query`: one command as the `cmd` map carries it. */
export function commandQuery(command: BatchCommand): string {
  const query = encodePhpQuery(command.params ?? {})
  return query ? `${command.method}?${query}` : command.method
}

export function isWriteCommand(command: BatchCommand): boolean {
  return command.write ?? !isReadMethod(command.method)
}

/** The `result` of a `batch` call: five maps keyed by command key, each `[]` when empty. */
interface RawBatchResult {
  result?: unknown
  result_error?: unknown
  result_total?: unknown
  result_next?: unknown
  result_time?: unknown
}

/** Runs up to 50 commands in one request and maps the answer back to each command. */
export async function runBatch(
  client: BatchClient,
  commands: BatchCommands,
  options: BatchOptions = {}
): Promise<BatchResult> {
  const entries = Object.entries(commands)
  if (entries.length === 0) return { outcomes: {}, requests: 0 }
  if (entries.length > BATCH_LIMIT) {
    throw new RangeError(`A batch holds at most ${BATCH_LIMIT} commands, not ${entries.length}.`)
  }
  entries.forEach(([key]) => checkKey(key))
  await waitForOperatingBudget(client, entries, options.signal)

  const cmd = Object.fromEntries(entries.map(([key, command]) => [key, commandQuery(command)]))
  const write = entries.some(([, command]) => isWriteCommand(command))
  const reply = await client.call<RawBatchResult | RawJson>(
    'batch',
    { cmd, halt: options.halt ? 1 : 0 },
    { signal: options.signal, write, rawResult: options.rawResults }
  )
  const raw = reply.result instanceof RawJson ? withRawResults(reply.result, write) : checkedMaps(reply.result, write)
  const outcomes = mapOutcomes(entries, raw)
  trackOperating(client, entries, outcomes)
  return { outcomes, time: reply.time, requests: 1 }
}

/** Commands of a method the tracker has paused (near or past its operating limit) wait first. */
async function waitForOperatingBudget(
  client: BatchClient,
  entries: Array<[string, BatchCommand]>,
  signal: AbortSignal | undefined
): Promise<void> {
  const methods = new Set(entries.map(([, command]) => command.method))
  const wait = Math.max(...[...methods].map((method) => client.operating.waitFor(method)))
  await waitForLimit(client, 'OPERATION_TIME_LIMIT', wait, signal)
}

function mapOutcomes(entries: Array<[string, BatchCommand]>, raw: RawBatchResult): Record<string, CommandOutcome> {
  const results = asMap(raw.result)
  const errors = asMap(raw.result_error)
  const totals = asMap(raw.result_total)
  const nexts = asMap(raw.result_next)
  const times = asMap(raw.result_time)
  const outcomes: Record<string, CommandOutcome> = {}
  for (const [key, { method }] of entries) {
    if (Object.hasOwn(errors, key)) {
      outcomes[key] = { ok: false, error: commandError(errors[key], method) }
    } else if (Object.hasOwn(results, key)) {
      outcomes[key] = {
        ok: true,
        result: results[key],
        ...optionalNumber('total', totals[key]),
        ...optionalNumber('next', nexts[key]),
        ...(times[key] && typeof times[key] === 'object' ? { time: times[key] as TimeInfo } : {})
      }
    } else {
      outcomes[key] = { ok: false, error: notRunError(method, 'the batch stopped at an earlier failing command') }
    }
  }
  return outcomes
}

/**
 * A batch answers its five maps in an object. Without them (`result: null`, a text) nothing says
 * which command ran: that is the portal's fault, not a command's, and is said so; a write may
 * have run all the same.
 */
function noResult(write: boolean): PortalError {
  const description = 'The portal answered the batch without the results of its commands.'
  return new PortalError(BAD_ANSWER.noResult, description, 200, 'batch', 'retryable', write)
}

function checkedMaps(result: unknown, write: boolean): RawBatchResult {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) throw noResult(write)
  return result
}

/** The batch's five maps, each command's result left unparsed. */
function withRawResults(raw: RawJson, write: boolean): RawBatchResult {
  if (raw.kind !== 'object') throw noResult(write)
  return raw.parsedMembersBut('result', rawMap)
}

/** A map of unparsed values (PHP writes an empty map, or one keyed 0..n-1, as a list). */
function rawMap(value: RawJson): Record<string, RawJson> {
  if (value.kind === 'array') return Object.fromEntries(value.elements().map((item, index) => [String(index), item]))
  return value.kind === 'object' ? Object.fromEntries(value.members()) : {}
}

function optionalNumber(name: 'total' | 'next', value: unknown): { total?: number; next?: number } {
  return value === undefined || value === null ? {} : { [name]: Number(value) }
}

/** HTTP statuses the portal gives these codes on their own; inside a batch none is sent. */
const STATUS_OF_CODE: Record<string, number> = {
  QUERY_LIMIT_EXCEEDED: 503,
  OPERATION_TIME_LIMIT: 429,
  INTERNAL_SERVER_ERROR: 500,
  ERROR_UNEXPECTED_ANSWER: 500,
  ERROR_METHOD_NOT_FOUND: 404,
  ERROR_BATCH_METHOD_NOT_ALLOWED: 405,
  insufficient_scope: 403,
  ACCESS_DENIED: 403
}

function commandError(body: unknown, method: string): PortalError {
  const { error, error_description: description } = (body ?? {}) as Record<string, unknown>
  const code = typeof error === 'string' ? error : String(error ?? '')
  return portalError(code, String(description ?? ''), STATUS_OF_CODE[code] ?? 400, method)
}

/** Feeds each command's own operating usage to the tracker; a blocked method is paused. */
function trackOperating(
  client: BatchClient,
  entries: Array<[string, BatchCommand]>,
  outcomes: Record<string, CommandOutcome>
): void {
  for (const [key, { method }] of entries) {
    const outcome = outcomes[key]!
    if (outcome.ok) client.operating.record(method, outcome.time)
    else if (outcome.error.code === 'OPERATION_TIME_LIMIT') client.operating.markBlocked(method)
  }
}
