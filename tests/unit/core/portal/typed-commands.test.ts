import { describe, expect, it } from 'vitest'
import {
  callCommand,
  outcomeOf,
  portalCommands,
  readCommand,
  runCommand,
  runCommands,
  runPageCommand,
  writeCommand
} from '../../../../electron/core/portal/methods'
import { OperatingTracker } from '../../../../electron/core/portal/operating-tracker'
import type { CallOptions, CallResult } from '../../../../electron/core/portal/portal-client'
import { PortalError } from '../../../../electron/core/portal/portal-error'

/**
 * A typed command is sent on its own or inside a batch, and its result is read by the same parse
 * either way. The methods' own requests are checked in typed-method-requests.test.ts.
 */

interface Sent {
  method: string
  params: Record<string, unknown>
  options: CallOptions
}

/** A client that answers every call with the next scripted reply and records what it was sent. */
function scriptedClient(...replies: Array<CallResult<unknown> | Error>) {
  const sent: Sent[] = []
  return {
    sent,
    operating: new OperatingTracker(),
    async call<T>(method: string, params: Record<string, unknown> = {}, options: CallOptions = {}) {
      sent.push({ method, params, options })
      const reply = replies.shift()
      if (!reply) throw new Error('No reply scripted')
      if (reply instanceof Error) throw reply
      return reply as CallResult<T>
    }
  }
}

/** A `batch` reply in the portal's five maps (PHP prints an empty map as `[]`). */
const batchReply = (maps: Record<string, unknown>): CallResult<unknown> => ({
  result: { result: [], result_error: [], result_total: [], result_next: [], result_time: [], ...maps }
})

/** Descriptors as the portal prints them: a field without settings has `settings: []`. */
const printedFields = () => ({
  TITLE: { type: 'string', settings: [] },
  STATUS_ID: { type: 'crm_status', settings: { STATUS_TYPE: 'STATUS' } }
})
const readFields = {
  TITLE: { type: 'string', settings: {} },
  STATUS_ID: { type: 'crm_status', settings: { STATUS_TYPE: 'STATUS' } }
}

describe('readCommand and writeCommand', () => {
  it('carry the method, the parameters and whether the method writes', () => {
    const read = readCommand('crm.lead.get', { id: 5 })
    const write = writeCommand('crm.lead.update', { id: 5, fields: { TITLE: 'A' } })
    expect(read).toMatchObject({ method: 'crm.lead.get', params: { id: 5 }, write: false })
    expect(write).toMatchObject({ method: 'crm.lead.update', params: { id: 5, fields: { TITLE: 'A' } }, write: true })
    expect(readCommand('profile').params).toEqual({})
  })

  it('read a result as printed when the method needs no normalising', () => {
    const printed = { ID: '5' }
    expect(readCommand('crm.lead.get', { id: 5 }).parse(printed)).toBe(printed)
    expect(writeCommand('crm.lead.add', {}).parse(7)).toBe(7)
  })
})

describe('a command sent on its own', () => {
  it('asks the client for its method and parameters, with the write flag and the signal', async () => {
    const client = scriptedClient({ result: true }, { result: { ID: '5' } })
    const signal = new AbortController().signal
    await runCommand(client, portalCommands.leads.update(5, { TITLE: 'A' }), { signal })
    await runCommand(client, portalCommands.leads.get(5))
    expect(client.sent[0]).toEqual({
      method: 'crm.lead.update',
      params: { id: 5, fields: { TITLE: 'A' }, params: undefined },
      options: { signal, write: true }
    })
    expect(client.sent[1]!.options).toEqual({ signal: undefined, write: false })
  })

  it("answers the command's parsed result", async () => {
    const client = scriptedClient({ result: printedFields() })
    expect(await runCommand(client, portalCommands.leads.fields())).toEqual(readFields)
  })

  it('gives a page with the count and the next offset; 0 when the portal did not count', async () => {
    const client = scriptedClient(
      { result: { 0: { ID: '1' }, 2: { ID: '3' } }, total: 120, next: 50 },
      { result: [{ ID: '7' }] }
    )
    expect(await runPageCommand(client, portalCommands.leads.list({ start: 0 }))).toEqual({
      items: [{ ID: '1' }, { ID: '3' }],
      total: 120,
      next: 50
    })
    expect(await runPageCommand(client, portalCommands.leads.list({ start: -1 }))).toEqual({
      items: [{ ID: '7' }],
      total: 0,
      next: undefined
    })
  })

  it("keeps the answer's time beside the parsed result", async () => {
    const time = { date_start: '2024-05-23T18:18:25+02:00', processing: 0.2 }
    const client = scriptedClient({ result: [], total: 0, time })
    expect(await callCommand(client, portalCommands.leads.list())).toEqual({
      value: [],
      total: 0,
      next: undefined,
      time
    })
  })

  it('takes no list of leads for an empty one: null, a text or an object of non-rows is a bad answer', async () => {
    for (const result of [null, 'OK', { unexpected: true }, [1, 2]]) {
      await expect(callCommand(scriptedClient({ result }), portalCommands.leads.list())).rejects.toMatchObject({
        code: 'NOT_A_LIST',
        method: 'crm.lead.list'
      })
    }
    // PHP prints a list with gaps in its keys as an object: still a list.
    const gaps = scriptedClient({ result: { 0: { ID: '1' }, 2: { ID: '3' } } })
    expect((await callCommand(gaps, portalCommands.leads.list())).value).toEqual([{ ID: '1' }, { ID: '3' }])
  })

  it('passes a failure on unchanged, without parsing anything', async () => {
    const failure = new PortalError('ACCESS_DENIED', 'Access denied!', 403, 'crm.lead.fields', 'permanent')
    const parsed: unknown[] = []
    const command = readCommand('crm.lead.fields', {}, (raw) => parsed.push(raw))
    await expect(runCommand(scriptedClient(failure), command)).rejects.toBe(failure)
    expect(parsed).toEqual([])
  })
})

describe('commands in one batch', () => {
  it('sends each as method?query, and the batch as a write when one command writes', async () => {
    const client = scriptedClient(batchReply({ result: { a: [] } }), batchReply({ result: { a: [], b: true } }))
    await runCommands(client, { a: portalCommands.leads.list({ select: ['ID'], start: -1 }) })
    await runCommands(client, { a: portalCommands.statuses.list(), b: portalCommands.leads.delete(3) })
    expect(client.sent.map(({ method, params, options }) => [method, params.cmd, options.write])).toEqual([
      ['batch', { a: 'crm.lead.list?select[]=ID&start=-1' }, false],
      ['batch', { a: 'crm.status.list', b: 'crm.lead.delete?id=3' }, true]
    ])
  })

  it('reads each outcome with the parse the command uses on its own', async () => {
    const client = scriptedClient(
      batchReply({
        result: { fields: printedFields(), list: { 0: { ID: '1' }, 2: { ID: '3' } }, add: 9 },
        result_total: { list: 2 },
        result_next: { list: 50 }
      })
    )
    const { outcomes, requests } = await runCommands(client, {
      fields: portalCommands.leads.fields(),
      list: portalCommands.leads.list(),
      add: portalCommands.leads.add({ TITLE: 'A' })
    })
    expect(requests).toBe(1)
    expect(outcomes).toEqual({
      fields: { ok: true, value: readFields },
      list: { ok: true, value: [{ ID: '1' }, { ID: '3' }], total: 2, next: 50 },
      add: { ok: true, value: 9 }
    })
  })

  it("passes each failed command's error through, and parses only what succeeded", async () => {
    const parsed: unknown[] = []
    const counted = readCommand('crm.lead.get', { id: 1 }, (raw) => (parsed.push(raw), 'read'))
    const client = scriptedClient(
      batchReply({
        result: { good: { ID: '1' } },
        result_error: { bad: { error: 'ACCESS_DENIED', error_description: 'Access denied!' } }
      })
    )
    const { outcomes } = await runCommands(client, { good: counted, bad: counted, skipped: counted }, { halt: true })
    expect(outcomes.good).toEqual({ ok: true, value: 'read' })
    expect(parsed).toEqual([{ ID: '1' }])
    const failures = [outcomes.bad, outcomes.skipped].map((outcome) =>
      outcome.ok ? undefined : [outcome.error.code, outcome.error.status, outcome.error.method]
    )
    expect(failures).toEqual([
      ['ACCESS_DENIED', 403, 'crm.lead.get'],
      ['BATCH_NOT_RUN', 0, 'crm.lead.get']
    ])
  })

  it('outcomeOf reads a raw batch outcome of a command, and leaves a failure as it is', () => {
    const failure = { ok: false as const, error: new PortalError('', 'Not found', 400, 'crm.lead.get', 'permanent') }
    expect(outcomeOf(portalCommands.leads.fields(), { ok: true, result: printedFields(), total: 3 })).toEqual({
      ok: true,
      value: readFields,
      total: 3
    })
    expect(outcomeOf(portalCommands.leads.fields(), failure)).toBe(failure)
  })

  it('fails only the command whose result cannot be read; the others keep theirs', async () => {
    const client = scriptedClient(
      batchReply({
        result: {
          layout: [{ name: 'main', title: 'Main' }, null],
          broken: { ID: '1' },
          fields: printedFields()
        }
      })
    )
    const unreadable = readCommand('crm.lead.get', { id: 1 }, () => {
      throw new TypeError('no ID here')
    })
    const { outcomes } = await runCommands(client, {
      layout: portalCommands.cardLayouts.get({ scope: 'C' }),
      broken: unreadable,
      fields: portalCommands.leads.fields()
    })
    // A section without elements, and a null, are left for the metadata checks to judge.
    expect(outcomes.layout).toEqual({ ok: true, value: [{ name: 'main', title: 'Main' }, null] })
    expect(outcomes.broken.ok ? undefined : [outcomes.broken.error.code, outcomes.broken.error.description]).toEqual([
      'BAD_RESPONSE',
      'The answer could not be read: no ID here'
    ])
    expect(outcomes.fields).toEqual({ ok: true, value: readFields })
  })
})
