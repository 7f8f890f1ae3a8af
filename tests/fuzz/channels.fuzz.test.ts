import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelNames, errorCodes, type ChannelName, type Envelope } from '../../electron/contract'
import { argumentsFor } from './channel-arguments'
import { startFuzzCore, type FuzzCore } from './fuzz-core'
import { hostileText } from './hostile-values'

/**
 * Every channel of the contract, called through the core's dispatch (as both transports call it)
 * with a few hundred arguments each: valid-looking ones built from the real portals and leads,
 * the same broken in one place, and hostile values. Each call must answer an envelope — ok, or an
 * error with a known code, never INTERNAL — within the time bound, in a form the bridge can send;
 * a refused call must leave every store as it was; nothing may reject unhandled.
 *
 * The seed is fixed per channel; FUZZ_RUNS sets the arguments per channel, FUZZ_SEED another seed,
 * FUZZ_SHOW=<channel> prints that channel's calls and answers.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20_260_214)
const CALL_BOUND_MS = 5_000
const LEADS = 300

/** portals.remove may take the second portal: it runs after every other channel. */
const ORDER: ChannelName[] = [...channelNames.filter((name) => name !== 'portals.remove'), 'portals.remove']

const TIMED_OUT = Symbol('timed out')
const results = new Map<string, Map<string, number>>()
/** The longest a call of each channel took to answer (ms). */
const slowest = new Map<string, number>()
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => void unhandled.push(reason)
let core: FuzzCore

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  core = await startFuzzCore({ leads: LEADS })
}, 120_000)

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  console.log(resultTable())
  await core?.close()
}, 60_000)

/** A stable seed per channel: adding a channel does not change the arguments of the others. */
function seedOf(name: string): number {
  let hash = 0x811c9dc5
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193)
  return (BASE_SEED ^ hash) | 0
}

function tally(channel: string, outcome: string): void {
  const row = results.get(channel) ?? new Map<string, number>()
  row.set(outcome, (row.get(outcome) ?? 0) + 1)
  results.set(channel, row)
}

function withinBound<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const bound = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)))
  return Promise.race([work, bound]).finally(() => clearTimeout(timer))
}

const KNOWN_CODES = new Set<string>(errorCodes)

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const envelope = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } }
  if (envelope.ok === true) return true
  return (
    envelope.ok === false &&
    typeof envelope.error?.code === 'string' &&
    KNOWN_CODES.has(envelope.error.code) &&
    typeof envelope.error.message === 'string'
  )
}

/** A short, safe picture of an argument for a failure message (values may be huge, deep, or cyclic). */
function preview(value: unknown, depth = 0): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…(${value.length})` : value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value !== 'object' || value === null) return String(value)
  if (depth >= 3) return Array.isArray(value) ? '[…]' : '{…}'
  const entries = Object.entries(value)
  const shown = entries.slice(0, 6).map(([key, child]) => {
    const inner = preview(child, depth + 1)
    return Array.isArray(value) ? inner : `${JSON.stringify(key)}: ${inner}`
  })
  const more = entries.length > 6 ? `, …(${entries.length})` : ''
  return Array.isArray(value) ? `[${shown.join(', ')}${more}]` : `{${shown.join(', ')}${more}}`
}

/** Keys a call added to the prototypes every object and list inherits (`__proto__` pollution). */
function pollutedPrototypes(): string[] {
  const shared = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype }
  return Object.entries(shared).flatMap(([name, prototype]) =>
    Object.keys(prototype).map((key) => `${name}.prototype.${key}`)
  )
}

/** One call and its properties; throws what is wrong, naming the channel and the argument. */
async function callOnce(channel: string, arg: unknown): Promise<void> {
  await core.settle()
  const before = await core.checksum()
  const started = performance.now()
  const outcome = await withinBound(core.services.dispatch(channel, arg), CALL_BOUND_MS)
  const call = `${channel}(${preview(arg)})`
  slowest.set(channel, Math.max(slowest.get(channel) ?? 0, performance.now() - started))
  if (outcome === TIMED_OUT) {
    tally(channel, 'TIMEOUT')
    throw new Error(`${call} did not answer within ${CALL_BOUND_MS} ms`)
  }
  if (!isEnvelope(outcome)) {
    tally(channel, 'NOT_AN_ENVELOPE')
    throw new Error(`${call} answered something that is no envelope: ${preview(outcome)}`)
  }
  tally(channel, outcome.ok ? 'ok' : outcome.error.code)
  if (process.env.FUZZ_SHOW === channel) console.log(call, '=>', preview(outcome))
  if (!outcome.ok && outcome.error.code === 'INTERNAL') {
    throw new Error(`${call} answered INTERNAL: ${outcome.error.message}`)
  }
  const polluted = pollutedPrototypes()
  if (polluted.length) throw new Error(`${call} polluted a shared prototype: ${polluted.join(', ')}`)
  try {
    JSON.stringify(outcome)
  } catch (error) {
    throw new Error(`${call} answered an envelope the bridge cannot send: ${String(error)}`)
  }
  if (outcome.ok) return
  await core.settle()
  const after = await core.checksum()
  if (!isDeepStrictEqual(after, before)) {
    throw new Error(
      `${call} was refused (${outcome.error.code}) but changed the store: ${JSON.stringify(before)} → ${JSON.stringify(after)}`
    )
  }
}

/** Runs the property; a failure is reported with the message above (never by printing the huge argument). */
async function fuzz(arbitrary: fc.Arbitrary<unknown>, channel: string, seed: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, (arg) => callOnce(channel, arg)),
    {
      seed,
      numRuns: RUNS,
      endOnFailure: true,
      reporter: (details) => {
        if (!details.failed) return
        const error =
          details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
        throw new Error(`${error}\n(seed ${details.seed}, path "${details.counterexamplePath}")`)
      }
    }
  )
}

function resultTable(): string {
  const codes = [...new Set([...results.values()].flatMap((row) => [...row.keys()]))].sort((a, b) =>
    a === 'ok' ? -1 : b === 'ok' ? 1 : a.localeCompare(b)
  )
  const header = ['channel', 'inputs', ...codes, 'slowest ms']
  const rows = [...results].map(([channel, row]) => [
    channel,
    String([...row.values()].reduce((sum, n) => sum + n, 0)),
    ...codes.map((code) => String(row.get(code) ?? 0)),
    String(Math.round(slowest.get(channel) ?? 0))
  ])
  const sums = header
    .slice(1, -1)
    .map((_, column) => String(rows.reduce((sum, row) => sum + Number(row[column + 1]), 0)))
  const longest = String(Math.max(0, ...rows.map((row) => Number(row.at(-1)))))
  const table = [header, ...rows, ['all', ...sums, longest]]
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)))
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')
  return ['Channel fuzz: inputs per channel, results by code', ...table.map(line)].join('\n')
}

describe('every channel answers hostile arguments with an envelope', () => {
  it('the store checksum sees a change a call makes (else "unchanged" would prove nothing)', async () => {
    const before = await core.checksum()
    const [key] = (await core.facts()).leadKeys
    const edit = await core.services.dispatch('leads.edit', {
      portalId: core.mainId,
      key,
      patch: { COMMENTS: 'Seen by the checksum' }
    })
    expect(edit.ok).toBe(true)
    const after = await core.checksum()
    expect(after[core.mainId]).not.toEqual(before[core.mainId])
    expect(after[core.secondId]).toEqual(before[core.secondId])
  })

  for (const channel of ORDER) {
    it(
      channel,
      async () => {
        // What is real now (ops, conflicts, files made by earlier channels) feeds the valid-looking arguments.
        const facts = await core.facts()
        await fuzz(argumentsFor(channel, facts), channel, seedOf(channel))
        expect(results.get(channel)).toBeDefined()
      },
      120_000
    )
  }

  it('a channel that does not exist is UNKNOWN_CHANNEL, whatever its name', async () => {
    const names = fc
      .oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'leads.__proto__',
          'LEADS.QUERY',
          'leads.query '
        ),
        hostileText
      )
      .filter((name) => !(channelNames as string[]).includes(name))
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const envelope = await core.services.dispatch(name, undefined)
        tally('(unknown channel)', envelope.ok ? 'ok' : envelope.error.code)
        expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
      }),
      { seed: seedOf('(unknown channel)'), numRuns: 50 }
    )
  })

  it('the process saw no unhandled rejection', () => {
    expect(unhandled.map((reason) => preview(reason))).toEqual([])
  })
})
