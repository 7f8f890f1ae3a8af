/**
 * Batches that finish what the portal refused: a command failed with OPERATION_TIME_LIMIT or
 * QUERY_LIMIT_EXCEEDED was refused before it ran, so it is sent again — reads and writes alike —
 * after the right wait. References to commands that already ran are filled in on our side, since
 * the retry (or the next chunk of a large set) is a new batch the portal knows nothing about.
 */
import { backoffDelay, type BackoffOptions } from './backoff'
import {
  BATCH_LIMIT,
  NOT_RUN,
  notRunError,
  runBatch,
  waitForLimit,
  type BatchClient,
  type BatchCommands,
  type BatchOptions,
  type BatchResult,
  type CommandOutcome
} from './batch'
import { resolveReferences, type ReferenceSource } from './batch-references'
import type { TimeInfo } from './portal-client'
import { parsedValue } from './raw-json'

export interface RetryOptions extends BatchOptions {
  /** Requests per batch at most, the first included. */
  maxRounds?: number
  /** The wait before sending QUERY_LIMIT_EXCEEDED commands again. */
  backoff?: BackoffOptions
}

const REFUSED = new Set(['OPERATION_TIME_LIMIT', 'QUERY_LIMIT_EXCEEDED'])
const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 15_000 }

/**
 * Runs up to 50 commands, then sends again the ones the portal refused for its limits (and,
 * under `halt`, those it skipped after such a refusal) until all ran or `maxRounds` is reached.
 * A refused method waits for its operating window (the tracker was told by runBatch).
 */
export async function runBatchWithRetry(
  client: BatchClient,
  commands: BatchCommands,
  options: RetryOptions = {}
): Promise<BatchResult> {
  return runRounds(client, commands, {}, options)
}

/** Any number of commands, as sequential batches of at most 50 (each with runBatchWithRetry). */
export async function runBatches(
  client: BatchClient,
  commands: BatchCommands,
  options: RetryOptions = {}
): Promise<BatchResult> {
  const keys = Object.keys(commands)
  const outcomes: Record<string, CommandOutcome> = {}
  let requests = 0
  let time: TimeInfo | undefined
  for (let from = 0; from < keys.length; from += BATCH_LIMIT) {
    const chunk = pick(commands, keys.slice(from, from + BATCH_LIMIT))
    if (options.halt && Object.values(outcomes).some((outcome) => !outcome.ok)) {
      Object.assign(outcomes, notRun(chunk))
      continue
    }
    const done = await runRounds(client, chunk, outcomes, options)
    Object.assign(outcomes, done.outcomes)
    requests += done.requests
    time = done.time ?? time
  }
  return { outcomes, time, requests }
}

async function runRounds(
  client: BatchClient,
  commands: BatchCommands,
  earlier: Record<string, CommandOutcome>,
  options: RetryOptions
): Promise<BatchResult> {
  const maxRounds = options.maxRounds ?? 5
  const outcomes: Record<string, CommandOutcome> = {}
  let pending = commands
  let requests = 0
  let time: TimeInfo | undefined
  for (let round = 0; ; round++) {
    const sources = referenceSources({ ...earlier, ...outcomes })
    const reply = await runBatch(client, withResolvedReferences(pending, sources), options)
    Object.assign(outcomes, reply.outcomes)
    requests += reply.requests
    time = reply.time ?? time
    const again = refusedKeys(reply.outcomes)
    if (again.length === 0 || round + 1 >= maxRounds) break
    if (again.some((key) => failureCode(reply.outcomes[key]) === 'QUERY_LIMIT_EXCEEDED')) {
      const delay = backoffDelay(round, options.backoff ?? DEFAULT_BACKOFF)
      await waitForLimit(client, 'QUERY_LIMIT_EXCEEDED', delay, options.signal)
    }
    pending = pick(pending, again)
  }
  // In the order the commands were given, whatever round each finished in.
  return { outcomes: pick(outcomes, Object.keys(commands)), time, requests }
}

/** Refused commands, plus (only if something was refused) those skipped after them. */
function refusedKeys(outcomes: Record<string, CommandOutcome>): string[] {
  const codes = Object.entries(outcomes).map(([key, outcome]) => [key, failureCode(outcome)] as const)
  if (!codes.some(([, code]) => code !== undefined && REFUSED.has(code))) return []
  return codes.filter(([, code]) => code !== undefined && (REFUSED.has(code) || code === NOT_RUN)).map(([key]) => key)
}

function failureCode(outcome: CommandOutcome | undefined): string | undefined {
  return outcome && !outcome.ok ? outcome.error.code : undefined
}

function referenceSources(outcomes: Record<string, CommandOutcome>): Map<string, ReferenceSource> {
  return new Map(
    Object.entries(outcomes).map(([key, outcome]) => [
      key,
      outcome.ok
        ? rawAwareSource(outcome)
        : { error: { error: outcome.error.code, error_description: outcome.error.description } }
    ])
  )
}

/** An unparsed result is parsed only if a reference points into it. */
function rawAwareSource(outcome: Extract<CommandOutcome, { ok: true }>): ReferenceSource {
  let parsed: { value: unknown } | undefined
  return {
    next: outcome.next,
    total: outcome.total,
    time: outcome.time,
    get result() {
      parsed ??= { value: parsedValue(outcome.result) }
      return parsed.value
    }
  }
}

function withResolvedReferences(commands: BatchCommands, sources: Map<string, ReferenceSource>): BatchCommands {
  if (sources.size === 0) return commands
  return Object.fromEntries(
    Object.entries(commands).map(([key, command]) => [
      key,
      command.params ? { ...command, params: resolveReferences(command.params, sources) } : command
    ])
  )
}

function notRun(commands: BatchCommands): Record<string, CommandOutcome> {
  return Object.fromEntries(
    Object.entries(commands).map(([key, { method }]) => [
      key,
      { ok: false, error: notRunError(method, 'an earlier command failed and halt was set') }
    ])
  )
}

function pick<T>(source: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(keys.filter((key) => Object.hasOwn(source, key)).map((key) => [key, source[key]!]))
}
