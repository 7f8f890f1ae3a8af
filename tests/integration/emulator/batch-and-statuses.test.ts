import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { admin, call, result, startTestEmulator } from '../../support/emulator'

let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator()
})
afterAll(() => emulator.close())

interface BatchResult {
  result: Record<string, unknown> | unknown[]
  result_error: Record<string, unknown> | unknown[]
  result_total: Record<string, unknown> | unknown[]
  result_next: Record<string, unknown> | unknown[]
  result_time: Record<string, Record<string, unknown>> | unknown[]
}
const batch = (cmd: unknown, halt?: unknown) =>
  result<BatchResult>(emulator, 'batch', halt === undefined ? { cmd } : { cmd, halt })

describe('batch', () => {
  it('runs commands in order, passes results by reference and reports per-command results', async () => {
    const reply = await batch({
      add: 'crm.lead.add?fields[TITLE]=Batch%20lead&fields[OPPORTUNITY]=100',
      get: 'crm.lead.get?id=$result[add]',
      rename: 'crm.lead.update?id=$result[add]&fields[TITLE]=Renamed $result[get][ID]',
      list: 'crm.lead.list?filter[ID]=$result[add]&select[]=ID&select[]=TITLE',
      bad: 'crm.lead.get?id=0'
    })
    const id = (reply.result as Record<string, unknown>).add as number
    expect(typeof id).toBe('number')
    expect((reply.result as Record<string, Record<string, unknown>>).get).toMatchObject({
      ID: String(id),
      TITLE: 'Batch lead'
    })
    expect((reply.result as Record<string, unknown>).list).toEqual([{ ID: String(id), TITLE: `Renamed ${id}` }])
    expect(reply.result_error).toEqual({ bad: { error: '', error_description: 'ID is not defined or invalid.' } })
    expect(reply.result_total).toEqual({ list: 1 })
    expect(reply.result_next).toEqual([])
    expect(Object.keys(reply.result_time as object)).toEqual(['add', 'get', 'rename', 'list'])
    // Each command reports its own method's operating usage too (emulator choice, UNCONFIRMED).
    expect(Object.keys((reply.result_time as Record<string, object>).add!).sort()).toEqual(
      [
        'date_finish',
        'date_start',
        'duration',
        'finish',
        'operating',
        'operating_reset_at',
        'processing',
        'start'
      ].sort()
    )
  })

  it('a whole-value reference keeps the referenced type (an object here)', async () => {
    const reply = await batch({
      a: 'crm.lead.add?fields[TITLE]=one',
      b: 'crm.lead.add?fields[TITLE]=two',
      list: 'crm.lead.list?filter[@ID][0]=$result[a]&filter[@ID][1]=$result[b]&select[]=ID',
      // The whole filter becomes the first row: { ID: "…" }.
      again: 'crm.lead.list?filter=$result[list][1]&select[]=ID'
    })
    const list = (reply.result as Record<string, unknown[]>).list!
    expect(list).toHaveLength(2)
    expect((reply.result as Record<string, unknown[]>).again).toEqual([list[1]])
  })

  it('chains keyset pages through $result[prev][49][ID]', async () => {
    for (let i = 0; i < 120; i++)
      emulator.portal.leads.insert({
        id: emulator.portal.nextId('lead'),
        values: { ID: '', ASSIGNED_BY_ID: '1' },
        uf: {},
        multi: []
      })
    const cmd: Record<string, string> = { p0: 'crm.lead.list?order[ID]=ASC&filter[>ID]=0&select[]=ID&start=-1' }
    for (let page = 1; page < 3; page++)
      cmd[`p${page}`] = `crm.lead.list?order[ID]=ASC&filter[>ID]=$result[p${page - 1}][49][ID]&select[]=ID&start=-1`
    const reply = await batch(cmd)
    const pages = reply.result as Record<string, Array<{ ID: string }>>
    const seen = [...pages.p0!, ...pages.p1!, ...pages.p2!].map((row) => Number(row.ID))
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    // start=-1 counts nothing: total 0 for each page.
    expect(reply.result_total).toEqual({ p0: 0, p1: 0, p2: 0 })
  })

  it('halt stops after the first failing command', async () => {
    const reply = await batch({ one: 'crm.lead.get?id=0', two: 'crm.status.list' }, true)
    expect(Object.keys(reply.result_error as object)).toEqual(['one'])
    expect(reply.result).toEqual([])
    const goOn = await batch({ one: 'crm.lead.get?id=0', two: 'crm.status.list' }, 0)
    expect(Object.keys(goOn.result as object)).toEqual(['two'])
  })

  it('a list of commands gives lists back, as PHP arrays do', async () => {
    const reply = await batch(['crm.status.list?filter[ENTITY_ID]=SOURCE', 'crm.lead.fields'])
    expect(Array.isArray(reply.result)).toBe(true)
    expect(reply.result_total).toEqual([12])
  })

  it('commands beyond the 50th are not run', async () => {
    const cmd = Object.fromEntries(Array.from({ length: 52 }, (_, i) => [`c${i}`, 'crm.status.list']))
    const reply = await batch(cmd)
    expect(Object.keys(reply.result as object)).toHaveLength(50)
    expect(reply.result_error).toEqual({
      c50: { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' },
      c51: { error: 'ERROR_BATCH_LENGTH_EXCEEDED', error_description: 'Max batch length exceeded' }
    })
  })

  it('refuses a nested batch and reports unknown methods per command', async () => {
    const reply = await batch({ nested: 'batch?cmd[x]=crm.status.list', unknown: 'crm.lead.nothing' })
    expect(reply.result_error).toEqual({
      nested: { error: 'ERROR_BATCH_METHOD_NOT_ALLOWED', error_description: 'Method is not allowed for batch usage' },
      unknown: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' }
    })
  })

  it('counts as one request, each sub-call against its own method', async () => {
    await admin(emulator, 'stats/reset', {})
    await batch({ a: 'crm.status.list', b: 'crm.status.list', c: 'crm.lead.fields' })
    const stats = (await admin(emulator, 'stats')) as Record<string, unknown>
    expect(stats.requests).toBe(1)
    expect(stats.subCalls).toBe(3)
    expect(stats.subCallsByMethod).toEqual({ 'crm.status.list': 2, 'crm.lead.fields': 1 })
  })

  it('accepts CMD in upper case and a form-encoded body', async () => {
    const body = new URLSearchParams({ 'CMD[s]': 'crm.status.list?filter[ENTITY_ID]=STATUS' })
    const response = await fetch(`${emulator.webhookUrl}batch`, { method: 'POST', body })
    const json = (await response.json()) as { result: BatchResult }
    expect(json.result.result_total).toEqual({ s: 5 })
  })
})

describe('crm.status.list', () => {
  it('lists lead stages in SORT order with semantics and EXTRA', async () => {
    const reply = await call(emulator, 'crm.status.list', { filter: { ENTITY_ID: 'STATUS' } })
    expect(reply.body.total).toBe(5)
    const stages = reply.body.result as Array<Record<string, unknown>>
    expect(
      stages.map((stage) => [stage.STATUS_ID, stage.SEMANTICS, (stage.EXTRA as Record<string, string>).SEMANTICS])
    ).toEqual([
      ['NEW', null, 'process'],
      ['IN_PROCESS', null, 'process'],
      ['PROCESSED', null, 'process'],
      ['CONVERTED', 'S', 'success'],
      ['JUNK', 'F', 'failure']
    ])
    expect(stages[0]).toMatchObject({
      ENTITY_ID: 'STATUS',
      SORT: '10',
      SYSTEM: 'Y',
      CATEGORY_ID: null,
      ID: expect.any(String)
    })
  })

  it('sources have no EXTRA; order can be reversed', async () => {
    const sources = await result<Array<Record<string, unknown>>>(emulator, 'crm.status.list', {
      filter: { ENTITY_ID: 'SOURCE' },
      order: { SORT: 'DESC' }
    })
    expect(sources).toHaveLength(12)
    expect(sources[0]).toMatchObject({ STATUS_ID: 'OTHER' })
    expect(sources[0]).not.toHaveProperty('EXTRA')
  })

  it('speaks the portal language', async () => {
    const russian = await (await import('../../support/emulator')).startTestEmulator({ lang: 'ru' })
    try {
      const [first] = await result<Array<Record<string, unknown>>>(russian, 'crm.status.list', {
        filter: { ENTITY_ID: 'STATUS' }
      })
      expect(first!.NAME).toBe('Не обработан')
    } finally {
      await russian.close()
    }
  })
})
