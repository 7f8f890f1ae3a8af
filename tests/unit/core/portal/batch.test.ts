import { describe, expect, it } from 'vitest'
import {
  BatchBuilder,
  commandQuery,
  runBatch,
  type BatchCommands,
  type CommandOutcome
} from '../../../../electron/core/portal/batch'
import { runBatches, runBatchWithRetry } from '../../../../electron/core/portal/batch-retry'
import { OperatingTracker } from '../../../../electron/core/portal/operating-tracker'
import type { CallOptions, CallResult } from '../../../../electron/core/portal/portal-client'
import { PortalError } from '../../../../electron/core/portal/portal-error'
import { parsedValue, RawJson } from '../../../../electron/core/portal/raw-json'

type RawBatch = Record<string, unknown>

/** A client that answers `batch` calls from a script and records what it was sent. */
function scriptedClient(...answers: Array<RawBatch | ((cmd: Record<string, string>) => RawBatch)>) {
  const sent: Array<{ cmd: Record<string, string>; halt: unknown; options: CallOptions }> = []
  return {
    sent,
    operating: new OperatingTracker(),
    async call<T>(method: string, params: Record<string, unknown> = {}, options: CallOptions = {}) {
      expect(method).toBe('batch')
      const cmd = params.cmd as Record<string, string>
      sent.push({ cmd, halt: params.halt, options })
      const answer = answers.shift()
      if (!answer) throw new Error('No answer scripted')
      const result = typeof answer === 'function' ? answer(cmd) : answer
      // Asked for an unparsed result, it answers as the transport does: the result's JSON text.
      const answered = options.rawResult ? RawJson.of(JSON.stringify(result)) : result
      return { result: answered as T, time: { processing: 0.5 } } satisfies CallResult<T>
    }
  }
}

const ok = (result: unknown, extra: Partial<Extract<CommandOutcome, { ok: true }>> = {}) => ({
  ok: true,
  result,
  ...extra
})
const reads = (count: number, prefix = 'c'): BatchCommands =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`${prefix}${i}`, { method: 'crm.lead.get', params: { id: i + 1 } }])
  )

describe('BatchBuilder', () => {
  it('collects named commands in order', () => {
    const batch = new BatchBuilder()
      .add('add', 'crm.lead.add', { fields: { TITLE: 'A' } })
      .add('get', 'crm.lead.get', { id: '$result[add]' }, false)
    expect(batch.size).toBe(2)
    expect(batch.build()).toEqual({
      add: { method: 'crm.lead.add', params: { fields: { TITLE: 'A' } } },
      get: { method: 'crm.lead.get', params: { id: '$result[add]' }, write: false }
    })
  })

  it('refuses a 51st command, a repeated key and keys a JS object would reorder', () => {
    const batch = new BatchBuilder()
    for (let i = 0; i < 50; i++) batch.add(`c${i}`, 'crm.lead.get', { id: i })
    expect(() => batch.add('c50', 'crm.lead.get')).toThrow('at most 50')
    expect(() => new BatchBuilder().add('a', 'x').add('a', 'y')).toThrow('already has a command "a"')
    expect(() => new BatchBuilder().add('7', 'x')).toThrow('must start with a letter')
    expect(() => new BatchBuilder().add('a b', 'x')).toThrow('must start with a letter')
  })
})

describe('runBatch', () => {
  it('sends method?query commands, halt, and write only when a command writes', async () => {
    const client = scriptedClient({ result: { a: 1 } }, { result: { a: 1 } }, { result: { a: 1 } })
    await runBatch(client, { a: { method: 'crm.lead.list', params: { filter: { '>ID': 5 }, select: ['ID'] } } })
    await runBatch(client, { a: { method: 'crm.lead.add', params: { fields: { TITLE: 'T' } } } }, { halt: true })
    await runBatch(client, { a: { method: 'crm.lead.fields', write: true } })
    expect(client.sent.map(({ cmd, halt, options }) => ({ cmd, halt, write: options.write }))).toEqual([
      { cmd: { a: 'crm.lead.list?filter[%3EID]=5&select[]=ID' }, halt: 0, write: false },
      { cmd: { a: 'crm.lead.add?fields[TITLE]=T' }, halt: 1, write: true },
      { cmd: { a: 'crm.lead.fields' }, halt: 0, write: true }
    ])
    expect(commandQuery({ method: 'crm.lead.get', params: { id: '$result[add]' } })).toBe(
      'crm.lead.get?id=$result[add]'
    )
  })

  it('maps results, totals, next and times back to each command; [] maps are empty', async () => {
    const time = { start: 1, finish: 1.2, duration: 0.2, processing: 0.1, operating: 3, operating_reset_at: 2e9 }
    const client = scriptedClient({
      result: { list: [{ ID: '1' }], get: { ID: '1' }, empty: [] },
      result_error: [],
      result_total: { list: 120, empty: 0 },
      result_next: { list: 50 },
      result_time: { list: time, get: time }
    })
    const {
      outcomes,
      requests,
      time: batchTime
    } = await runBatch(client, {
      list: { method: 'crm.lead.list' },
      get: { method: 'crm.lead.get', params: { id: 1 } },
      empty: { method: 'crm.lead.list', params: { filter: { ID: 0 } } }
    })
    expect(outcomes).toEqual({
      list: ok([{ ID: '1' }], { total: 120, next: 50, time }),
      get: ok({ ID: '1' }, { time }),
      empty: ok([], { total: 0 })
    })
    expect(Object.keys(outcomes)).toEqual(['list', 'get', 'empty'])
    expect(requests).toBe(1)
    expect(batchTime).toEqual({ processing: 0.5 })
  })

  it('with rawResults, each result stays unparsed until read, and reads as the parsed answer does', async () => {
    const answer = {
      result: { list: [{ ID: '1', TITLE: 'say "}"' }], empty: [] },
      result_error: { bad: { error: 'ACCESS_DENIED', error_description: 'Access denied.' } },
      result_total: { list: 120 },
      result_next: [],
      result_time: { list: { processing: 0.1 } }
    }
    const commands: BatchCommands = {
      list: { method: 'crm.lead.list' },
      empty: { method: 'crm.lead.list' },
      bad: { method: 'crm.lead.get', params: { id: 1 } }
    }
    const parsed = await runBatch(scriptedClient(answer), commands)
    const client = scriptedClient(answer)
    const raw = await runBatch(client, commands, { rawResults: true })
    expect(client.sent[0]!.options.rawResult).toBe(true)
    expect(raw.outcomes.list).toMatchObject({ ok: true, total: 120, time: { processing: 0.1 } })
    const rawList = raw.outcomes.list as Extract<CommandOutcome, { ok: true }>
    expect(rawList.result).toBeInstanceOf(RawJson)
    const read = Object.fromEntries(
      Object.entries(raw.outcomes).map(([key, outcome]) => [
        key,
        outcome.ok ? { ...outcome, result: parsedValue(outcome.result) } : outcome
      ])
    )
    expect(read).toEqual(parsed.outcomes)
  })

  it('gives each failed command its own PortalError, and marks commands skipped under halt', async () => {
    const client = scriptedClient({
      result: { add: 7 },
      result_error: {
        bad: { error: '', error_description: 'ID is not defined or invalid.' },
        busy: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' }
      },
      result_total: [],
      result_next: [],
      result_time: []
    })
    const { outcomes } = await runBatch(
      client,
      {
        add: { method: 'crm.lead.add', params: { fields: {} } },
        bad: { method: 'crm.lead.get', params: { id: 0 } },
        busy: { method: 'crm.lead.list' },
        after: { method: 'crm.lead.get', params: { id: '$result[add]' } }
      },
      { halt: false }
    )
    expect(outcomes.add).toEqual(ok(7))
    const errors = Object.fromEntries(
      Object.entries(outcomes)
        .filter(([, outcome]) => !outcome.ok)
        .map(([key, outcome]) => {
          const error = (outcome as { error: PortalError }).error
          expect(error).toBeInstanceOf(PortalError)
          return [key, [error.code, error.description, error.status, error.method, error.kind]]
        })
    )
    expect(errors).toEqual({
      bad: ['', 'ID is not defined or invalid.', 400, 'crm.lead.get', 'permanent'],
      busy: [
        'OPERATION_TIME_LIMIT',
        'Method is blocked due to operation time limit.',
        429,
        'crm.lead.list',
        'retryable'
      ],
      after: [
        'BATCH_NOT_RUN',
        'Not run: the batch stopped at an earlier failing command.',
        0,
        'crm.lead.get',
        'retryable'
      ]
    })
  })

  it("feeds each command's result_time to the operating tracker and pauses a blocked method", async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 300
    const client = scriptedClient({
      result: { a: [] },
      result_error: { b: { error: 'OPERATION_TIME_LIMIT', error_description: '' } },
      result_time: { a: { operating: 12.5, operating_reset_at: resetAt } }
    })
    await runBatch(client, { a: { method: 'crm.lead.list' }, b: { method: 'crm.lead.get', params: { id: 1 } } })
    expect(client.operating.snapshot()['crm.lead.list']).toEqual({ operating: 12.5, resetAt: resetAt * 1000 })
    expect(client.operating.waitFor('crm.lead.list')).toBe(0)
    expect(client.operating.waitFor('crm.lead.get')).toBeGreaterThan(59_000)
  })

  it('waits before sending while a method of the batch is paused', async () => {
    const client = scriptedClient({ result: { a: [] } })
    client.operating.record('crm.lead.list', { operating: 480, operating_reset_at: (Date.now() + 80) / 1000 })
    const started = performance.now()
    await runBatch(client, { a: { method: 'crm.lead.list' } })
    expect(performance.now() - started).toBeGreaterThanOrEqual(60)
  })

  it('sends nothing for no commands and refuses more than 50', async () => {
    const client = scriptedClient()
    expect(await runBatch(client, {})).toEqual({ outcomes: {}, requests: 0 })
    await expect(runBatch(client, reads(51))).rejects.toThrow('at most 50 commands, not 51')
    expect(client.sent).toHaveLength(0)
  })
})

describe('runBatches (any number of commands)', () => {
  it('splits into sequential chunks of at most 50 and fills in references to earlier chunks', async () => {
    const answer = (cmd: Record<string, string>) => ({
      result: Object.fromEntries(Object.keys(cmd).map((key) => [key, { ID: key.slice(1) }]))
    })
    const client = scriptedClient(answer, answer, answer)
    const commands = reads(120)
    commands.c60 = { method: 'crm.lead.get', params: { id: '$result[c0][ID]', note: 'after $result[c49][ID]' } }
    commands.c61 = { method: 'crm.lead.get', params: { id: '$result[c60][ID]' } }
    const { outcomes, requests } = await runBatches(client, commands)
    expect(client.sent.map(({ cmd }) => Object.keys(cmd).length)).toEqual([50, 50, 20])
    expect(Object.keys(client.sent[1]!.cmd)[0]).toBe('c50')
    expect(client.sent[1]!.cmd.c60).toBe('crm.lead.get?id=0&note=after%2049')
    expect(client.sent[1]!.cmd.c61).toBe('crm.lead.get?id=$result[c60][ID]')
    expect(requests).toBe(3)
    expect(Object.keys(outcomes)).toEqual(Object.keys(commands))
  })

  it('under halt, stops after a chunk with a failure', async () => {
    const client = scriptedClient({
      result: { c0: 1 },
      result_error: { c1: { error: '', error_description: 'Not found' } }
    })
    const { outcomes, requests } = await runBatches(client, reads(60), { halt: true })
    expect(requests).toBe(1)
    expect(
      Object.values(outcomes).filter((outcome) => !outcome.ok && outcome.error.code === 'BATCH_NOT_RUN')
    ).toHaveLength(58)
  })
})

describe('runBatchWithRetry', () => {
  const refused = (code: string) => ({ error: code, error_description: 'refused' })

  it('sends again only the commands refused for limits, with references to finished ones filled in', async () => {
    const client = scriptedClient(
      {
        result: { add: 11, other: true },
        result_error: { get: refused('OPERATION_TIME_LIMIT'), list: refused('QUERY_LIMIT_EXCEEDED') }
      },
      { result: { get: { ID: '11' }, list: [{ ID: '11' }] } }
    )
    // The method's window, as the portal reported it, resets in 60 ms: the refusal waits that long.
    client.operating.record('crm.lead.get', { operating: 1, operating_reset_at: (Date.now() + 60) / 1000 })
    const started = performance.now()
    const { outcomes, requests } = await runBatchWithRetry(
      client,
      {
        add: { method: 'crm.lead.add', params: { fields: { TITLE: 'A' } } },
        get: { method: 'crm.lead.get', params: { id: '$result[add]' } },
        other: { method: 'crm.lead.update', params: { id: 1, fields: {} } },
        list: { method: 'crm.lead.list', params: { filter: { ID: '$result[get][ID]' } } }
      },
      { backoff: { baseMs: 1, capMs: 1 } }
    )
    expect(requests).toBe(2)
    expect(performance.now() - started).toBeGreaterThanOrEqual(50)
    expect(client.sent[1]!.cmd).toEqual({
      get: 'crm.lead.get?id=11',
      list: 'crm.lead.list?filter[ID]=$result[get][ID]'
    })
    // Both retried commands are reads: the retry is not a write.
    expect(client.sent[1]!.options.write).toBe(false)
    expect(outcomes).toEqual({
      add: ok(11),
      get: ok({ ID: '11' }),
      other: ok(true),
      list: ok([{ ID: '11' }])
    })
  })

  it('fills in references to an unparsed result when commands are sent again', async () => {
    const client = scriptedClient(
      { result: { p0: [{ ID: '7' }, { ID: '9' }] }, result_error: { p1: refused('QUERY_LIMIT_EXCEEDED') } },
      { result: { p1: [{ ID: '12' }] } }
    )
    const { outcomes } = await runBatchWithRetry(
      client,
      {
        p0: { method: 'crm.lead.list', params: { filter: { '>ID': 0 } } },
        p1: { method: 'crm.lead.list', params: { filter: { '>ID': '$result[p0][1][ID]' } } }
      },
      { backoff: { baseMs: 1, capMs: 1 }, rawResults: true }
    )
    expect(client.sent[1]!.cmd).toEqual({ p1: 'crm.lead.list?filter[%3EID]=9' })
    expect(Object.values(outcomes).map((outcome) => outcome.ok && parsedValue(outcome.result))).toEqual([
      [{ ID: '7' }, { ID: '9' }],
      [{ ID: '12' }]
    ])
  })

  it('retries refused writes too (they did not run), and what halt skipped after them', async () => {
    const client = scriptedClient(
      {
        result: { a: 1 },
        result_error: { b: refused('QUERY_LIMIT_EXCEEDED') }
      },
      { result: { b: 2, c: 3 } }
    )
    const { outcomes } = await runBatchWithRetry(
      client,
      {
        a: { method: 'crm.lead.add' },
        b: { method: 'crm.lead.add' },
        c: { method: 'crm.lead.get', params: { id: '$result[b]' } }
      },
      { halt: true, backoff: { baseMs: 1, capMs: 1 } }
    )
    expect(Object.keys(client.sent[1]!.cmd)).toEqual(['b', 'c'])
    expect(client.sent[1]!.options.write).toBe(true)
    expect(client.sent[1]!.halt).toBe(1)
    expect(outcomes).toEqual({ a: ok(1), b: ok(2), c: ok(3) })
  })

  it('does not retry other failures, nor what halt skipped after them', async () => {
    const client = scriptedClient({ result: { a: 1 }, result_error: { b: { error: '', error_description: 'bad' } } })
    const { outcomes, requests } = await runBatchWithRetry(
      client,
      { a: { method: 'crm.lead.add' }, b: { method: 'crm.lead.add' }, c: { method: 'crm.lead.add' } },
      { halt: true }
    )
    expect(requests).toBe(1)
    expect(Object.values(outcomes).map((outcome) => (outcome.ok ? 'ok' : outcome.error.code))).toEqual([
      'ok',
      '',
      'BATCH_NOT_RUN'
    ])
  })

  it('gives up after maxRounds and reports the refusal', async () => {
    const busy = { result_error: { a: refused('QUERY_LIMIT_EXCEEDED') } }
    const client = scriptedClient(busy, busy, busy)
    const { outcomes, requests } = await runBatchWithRetry(
      client,
      { a: { method: 'crm.lead.get', params: { id: 1 } } },
      { maxRounds: 3, backoff: { baseMs: 1, capMs: 1 } }
    )
    expect(requests).toBe(3)
    expect(outcomes.a).toMatchObject({ ok: false, error: { code: 'QUERY_LIMIT_EXCEEDED' } })
  })
})
