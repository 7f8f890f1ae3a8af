import { sleep } from '../../electron/core/portal/backoff'
import { OperatingTracker } from '../../electron/core/portal/operating-tracker'
import type { CallOptions, CallResult } from '../../electron/core/portal/portal-client'
import { RawJson } from '../../electron/core/portal/raw-json'
import { parsePhpQuery, type PhpMap } from '../../electron/emulator/server/php-query'

/**
 * A scripted stand-in for a portal's `batch` of keyset list pages, for unit tests of the readers:
 * it parses each command's query string with the emulator's PHP parser, substitutes whole-value
 * `$result[key][…]` references (leaving unknown ones as text, as the portal does), and answers
 * `>ID` / `<=ID` / order by ID pages of 50 from a list of IDs. Knobs make it misbehave on purpose.
 */
export interface FakeListPortalOptions {
  ids: number[]
  /** Portal seconds one page takes (reported in result_time and the batch's time). */
  secondsPerPage?: number | (() => number)
  /** Wait this long (real ms) before answering, so tests can act while a call is under way. */
  delayMs?: number
  /** Answer as if `>ID` were not understood (a stuck cursor). */
  ignoreCursor?: boolean
  /** Leave the ID out of the rows. */
  withoutIds?: boolean
  /** Fail one command: return its error body, or undefined to run it. */
  commandError?: (key: string, call: number) => { error: string; error_description: string } | undefined
  /** Fail the whole request (thrown as the client would throw it). */
  requestError?: (commands: number, call: number) => Error | undefined
}

export interface FakeCall {
  cmd: Record<string, string>
  halt: unknown
  write: boolean | undefined
  signal: AbortSignal | undefined
}

const PAGE = 50
const WHOLE_REFERENCE = /^\$result((?:\[[^\]]*\])+)$/

export class FakeListPortal {
  readonly operating = new OperatingTracker()
  readonly calls: FakeCall[] = []
  /** The most calls under way at once. */
  maxConcurrent = 0
  private running = 0
  private readonly ids: number[]

  constructor(private readonly options: FakeListPortalOptions) {
    this.ids = [...options.ids].sort((a, b) => a - b)
  }

  /** Commands sent in each call. */
  get commandCounts(): number[] {
    return this.calls.map((call) => Object.keys(call.cmd).length)
  }

  async call<T>(
    method: string,
    params: Record<string, unknown> = {},
    options: CallOptions = {}
  ): Promise<CallResult<T>> {
    if (method !== 'batch') throw new Error(`The fake answers batch only, not ${method}`)
    const cmd = params.cmd as Record<string, string>
    this.calls.push({ cmd, halt: params.halt, write: options.write, signal: options.signal })
    const callIndex = this.calls.length - 1
    this.maxConcurrent = Math.max(this.maxConcurrent, ++this.running)
    try {
      await sleep(this.options.delayMs ?? 0, options.signal)
    } finally {
      this.running--
    }
    options.signal?.throwIfAborted()
    const failure = this.options.requestError?.(Object.keys(cmd).length, callIndex)
    if (failure) throw failure

    const result: Record<string, unknown> = {}
    const errors: Record<string, unknown> = {}
    const times: Record<string, unknown> = {}
    let processing = 0
    for (const [key, text] of Object.entries(cmd)) {
      const error = this.options.commandError?.(key, callIndex)
      if (error) {
        errors[key] = error
        continue
      }
      const query = parsePhpQuery(text.slice(text.indexOf('?') + 1))
      const seconds = this.secondsPerPage()
      result[key] = this.page(query, result)
      times[key] = { processing: seconds, operating: 0, operating_reset_at: 0 }
      processing += seconds
    }
    const empty = (map: Record<string, unknown>) => (Object.keys(map).length === 0 ? [] : map)
    const answer = {
      result: empty(result),
      result_error: empty(errors),
      result_total: [],
      result_next: [],
      result_time: empty(times)
    }
    // Asked for an unparsed result, it answers as the transport does: the result's JSON text.
    return { result: (options.rawResult ? RawJson.of(JSON.stringify(answer)) : answer) as T, time: { processing } }
  }

  private secondsPerPage(): number {
    const value = this.options.secondsPerPage ?? 0.01
    return typeof value === 'function' ? value() : value
  }

  private page(query: PhpMap, earlier: Record<string, unknown>): Array<Record<string, string>> {
    const filter = (query.filter ?? {}) as PhpMap
    const after = this.options.ignoreCursor ? 0 : phpInt(resolve(filter['>ID'], earlier))
    const through = filter['<=ID'] === undefined ? Infinity : phpInt(filter['<=ID'])
    const descending = String((query.order as PhpMap | undefined)?.ID ?? 'ASC').toUpperCase() !== 'ASC'
    const matching = this.ids.filter((id) => id > after && id <= through)
    const page = (descending ? matching.reverse() : matching).slice(0, PAGE)
    return page.map((id): Record<string, string> =>
      this.options.withoutIds ? { TITLE: `Lead ${id}` } : { ID: String(id), TITLE: `Lead ${id}` }
    )
  }
}

function resolve(value: unknown, earlier: Record<string, unknown>): unknown {
  const match = typeof value === 'string' ? WHOLE_REFERENCE.exec(value) : null
  if (!match) return value
  let found: unknown = earlier
  for (const [, segment] of match[1]!.matchAll(/\[([^\]]*)\]/g)) {
    if (found === null || typeof found !== 'object') return value
    found = (found as Record<string, unknown>)[segment!]
  }
  return found === undefined ? value : found
}

/** PHP's (int) cast: leading digits or 0 — an unresolved reference reads as 0. */
function phpInt(value: unknown): number {
  const match = /^\s*(\d+)/.exec(String(value ?? ''))
  return match ? Number(match[1]) : 0
}

export const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index)
