import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { admin, call, result, startTestEmulator } from '../../support/emulator'

let emulator: Emulator
const STAGES = ['NEW', 'IN_PROCESS', 'PROCESSED', 'CONVERTED', 'JUNK']
const COUNT = 130

/** Lead number i of the data set: every value is derived from i, so expectations can be computed. */
function fieldsOf(i: number): Record<string, unknown> {
  return {
    TITLE: `Lead ${String(i).padStart(3, '0')}${i % 10 === 0 ? ' mollis' : ''}`,
    NAME: i % 3 === 0 ? 'Molly' : 'Ivan',
    STATUS_ID: STAGES[i % 5],
    OPPORTUNITY: i % 4 === 0 ? 0 : i * 100,
    ASSIGNED_BY_ID: i % 2 === 0 ? 2 : 1,
    SOURCE_ID: i % 7 === 0 ? 'WEB' : 'CALL',
    COMMENTS: i % 11 === 0 ? '' : `note ${i}`,
    ...(i % 6 === 0 ? { PHONE: [{ VALUE: `+7900${String(i).padStart(7, '0')}` }] } : {}),
    ...(i % 9 === 0 ? { EMAIL: [{ VALUE: `lead${i}@example.com` }] } : {})
  }
}

beforeAll(async () => {
  emulator = await startTestEmulator()
  await admin(emulator, 'clock', { set: '2026-01-01T00:00:00Z', freeze: true, utcOffsetMinutes: 180 })
  // Created through batch, 50 commands at a time; one minute apart each.
  for (let start = 1; start <= COUNT; start += 50) {
    const cmd: Record<string, string> = {}
    for (let i = start; i < Math.min(start + 50, COUNT + 1); i++) {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(fieldsOf(i))) {
        if (Array.isArray(value))
          params.append(`fields[${key}][0][VALUE]`, String((value[0] as { VALUE: string }).VALUE))
        else params.append(`fields[${key}]`, String(value))
      }
      cmd[`add${i}`] = `crm.lead.add?${params.toString()}`
    }
    const batch = await result<{ result_error: unknown }>(emulator, 'batch', { cmd })
    expect(batch.result_error).toEqual([])
  }
  // DATE_MODIFY spread: lead i modified at minute i.
  for (const lead of emulator.portal.leads.all()) {
    lead.values.DATE_MODIFY = emulator.portal.clock.iso(Date.parse('2026-01-01T00:00:00Z') + lead.id * 60_000)
  }
})
afterAll(() => emulator.close())

type Row = Record<string, unknown>
const list = (params: Record<string, unknown>, userId = 1) => call(emulator, 'crm.lead.list', params, { userId })
const ids = (rows: unknown) => (rows as Row[]).map((row) => Number(row.ID))
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k)
const expected = (predicate: (i: number) => boolean) => range(1, COUNT).filter(predicate)

describe('crm.lead.list paging', () => {
  it('pages by 50 with total and next', async () => {
    const first = await list({ order: { ID: 'ASC' }, select: ['ID'] })
    expect(first.body).toMatchObject({ total: COUNT, next: 50 })
    expect(ids(first.body.result)).toEqual(range(1, 50))
    const last = await list({ order: { ID: 'ASC' }, select: ['ID'], start: 100 })
    expect(ids(last.body.result)).toEqual(range(101, 130))
    expect(last.body).not.toHaveProperty('next')
    expect(last.body.total).toBe(COUNT)
  })

  it('floors a start that is not a multiple of 50', async () => {
    expect(ids((await list({ select: ['ID'], start: 75 })).body.result)).toEqual(range(51, 100))
  })

  it('start=-1 returns one page without counting: total 0, no next', async () => {
    const reply = await list({ select: ['ID'], start: -1, order: { ID: 'ASC' }, filter: { '>ID': 60 } })
    expect(ids(reply.body.result)).toEqual(range(61, 110))
    expect(reply.body.total).toBe(0)
    expect(reply.body).not.toHaveProperty('next')
  })

  it('an empty result is [] with total 0', async () => {
    const reply = await list({ filter: { TITLE: 'nothing like this' } })
    expect(reply.body).toMatchObject({ result: [], total: 0 })
  })

  it('keyset export: chained >ID pages visit every lead once', async () => {
    let last = 0
    const seen: number[] = []
    for (;;) {
      const page = ids(
        (await list({ select: ['ID'], start: -1, order: { ID: 'ASC' }, filter: { '>ID': last } })).body.result
      )
      seen.push(...page)
      if (page.length < 50) break
      last = page[page.length - 1]!
    }
    expect(seen).toEqual(range(1, COUNT))
  })
})

describe('crm.lead.list select', () => {
  it('[] and * give all standard fields but no user fields or multifields; ID is always there', async () => {
    const [row] = (await list({ filter: { ID: 6 } })).body.result as Row[]
    expect(row).toHaveProperty('TITLE')
    expect(row).toHaveProperty('DATE_MODIFY')
    expect(row).not.toHaveProperty('PHONE')
    const [star] = (await list({ filter: { ID: 6 }, select: ['*'] })).body.result as Row[]
    expect(Object.keys(star!)).toEqual(Object.keys(row!))
    const [narrow] = (await list({ filter: { ID: 6 }, select: ['title', 'UNKNOWN_FIELD'] })).body.result as Row[]
    expect(narrow).toEqual({ ID: '6', TITLE: 'Lead 006' })
  })

  it('multifields must be named exactly and appear only for leads that have them', async () => {
    const rows = (await list({ filter: { '@ID': [6, 7] }, select: ['ID', 'PHONE'] })).body.result as Row[]
    expect(rows[0]!.PHONE).toEqual([
      expect.objectContaining({ VALUE: '+79000000006', TYPE_ID: 'PHONE', VALUE_TYPE: 'WORK' })
    ])
    expect(rows[1]).toEqual({ ID: '7' })
    const lower = (await list({ filter: { ID: 6 }, select: ['ID', 'phone'] })).body.result as Row[]
    expect(lower[0]).toEqual({ ID: '6' })
  })
})

describe('crm.lead.list filter', () => {
  const filtered = async (filter: Record<string, unknown>, userId = 1) => {
    const all: number[] = []
    for (let start = 0; ; start += 50) {
      const reply = await list({ filter, select: ['ID'], order: { ID: 'ASC' }, start }, userId)
      all.push(...ids(reply.body.result))
      if (reply.body.next === undefined) return all
    }
  }

  it.each([
    ['equals', { STATUS_ID: 'JUNK' }, (i: number) => i % 5 === 4],
    ['equals with a list (IN)', { STATUS_ID: ['JUNK', 'NEW'] }, (i: number) => i % 5 === 4 || i % 5 === 0],
    ['not equal', { '!STATUS_ID': 'NEW' }, (i: number) => i % 5 !== 0],
    ['not equal to any of a list', { '!STATUS_ID': ['NEW', 'JUNK'] }, (i: number) => i % 5 !== 0 && i % 5 !== 4],
    ['greater than', { '>OPPORTUNITY': 12000 }, (i: number) => i % 4 !== 0 && i * 100 > 12000],
    ['greater or equal', { '>=OPPORTUNITY': 12000 }, (i: number) => i % 4 !== 0 && i * 100 >= 12000],
    ['less than (numbers compare as numbers)', { '<OPPORTUNITY': 900 }, (i: number) => i % 4 === 0 || i * 100 < 900],
    ['less or equal', { '<=ID': 3 }, (i: number) => i <= 3],
    ['in', { '@ID': [3, 5, 400] }, (i: number) => i === 3 || i === 5],
    ['not in', { '!@ID': range(2, COUNT) }, (i: number) => i === 1],
    ['empty in-list matches nothing', { '@ID': [] }, () => false],
    ['substring, case-insensitive', { '%TITLE': 'MOLL' }, (i: number) => i % 10 === 0],
    ["LIKE with the caller's pattern", { '=%TITLE': 'Lead 01%' }, (i: number) => i >= 10 && i <= 19],
    ['LIKE pattern, suffix', { '%=TITLE': '%5' }, (i: number) => i % 10 === 5],
    ['NOT LIKE (documented; UNCONFIRMED on cloud)', { '!%TITLE': 'moll' }, (i: number) => i % 10 !== 0],
    ['LIKE on a number is equality', { '%ID': 12 }, (i: number) => i === 12],
    ['LIKE on a status is equality', { '%STATUS_ID': 'CONV' }, () => false],
    ['= 0 on a number also matches empty', { OPPORTUNITY: 0 }, (i: number) => i % 4 === 0],
    ['= "" matches empty strings and NULL', { COMMENTS: '' }, (i: number) => i % 11 === 0],
    ['"or empty" modifier', { '+>OPPORTUNITY': 12000 }, (i: number) => i % 4 === 0 || i * 100 > 12000],
    [
      'several conditions are ANDed',
      { STATUS_ID: 'NEW', '>ID': 100, ASSIGNED_BY_ID: 2 },
      (i: number) => i % 5 === 0 && i > 100 && i % 2 === 0
    ],
    ['unknown keys are dropped', { NO_SUCH_FIELD: 1, '<=ID': 2 }, (i: number) => i <= 2],
    ['phone numbers by exact value', { PHONE: '+79000000012' }, (i: number) => i === 12],
    ['phone numbers by pattern, prefixes ignored', { '!PHONE': '+7900000001%' }, (i: number) => i === 12 || i === 18],
    ['e-mail', { EMAIL: 'lead18@example.com' }, (i: number) => i === 18],
    [
      'datetime compare',
      { '>=DATE_MODIFY': '2026-01-01T02:00:00+03:00', '<DATE_MODIFY': '2026-01-01T03:05:00+03:00' },
      (i: number) => i >= 0 && i < 5
    ],
    ['datetime compare in UTC', { '>DATE_MODIFY': '2026-01-01T00:10:00Z' }, (i: number) => i > 10],
    ['search syntax', { '?TITLE': 'lead mollis' }, (i: number) => i % 10 === 0]
  ])('%s', async (_name, filter, predicate) => {
    expect(await filtered(filter)).toEqual(expected(predicate))
  })

  it('a user limited to own leads sees only them (permissions as an extra filter)', async () => {
    expect(await filtered({ STATUS_ID: 'NEW' }, 2)).toEqual(expected((i) => i % 5 === 0 && i % 2 === 0))
    const reply = await list({ select: ['ID'] }, 2)
    expect(reply.body.total).toBe(COUNT / 2)
  })
})

describe('crm.lead.list order', () => {
  it('STATUS_ID sorts by the stage SORT, not by name; ties by ID', async () => {
    const reply = await list({ order: { STATUS_ID: 'ASC' }, select: ['ID', 'STATUS_ID'], filter: { '<=ID': 10 } })
    expect((reply.body.result as Row[]).map((row) => row.STATUS_ID)).toEqual([
      'NEW',
      'NEW',
      'IN_PROCESS',
      'IN_PROCESS',
      'PROCESSED',
      'PROCESSED',
      'CONVERTED',
      'CONVERTED',
      'JUNK',
      'JUNK'
    ])
  })

  it('anything but ASC is descending; numbers sort as numbers; several keys', async () => {
    const reply = await list({ order: { OPPORTUNITY: 'whatever', ID: 'asc' }, select: ['ID'], filter: { '<=ID': 12 } })
    expect(ids(reply.body.result)).toEqual([11, 10, 9, 7, 6, 5, 3, 2, 1, 4, 8, 12])
  })

  it('ID DESC pages from the end', async () => {
    const reply = await list({ order: { ID: 'DESC' }, select: ['ID'], start: -1, filter: { '<ID': 120 } })
    expect(ids(reply.body.result)).toEqual(range(70, 119).reverse())
  })
})

describe('crm.lead.list errors', () => {
  it.each([
    [{ order: 'ID' }, "Parameter 'order' must be array."],
    [{ filter: 5 }, "Parameter 'filter' must be array."]
  ])('%j', async (params, message) => {
    expect(await list(params)).toEqual({ status: 400, body: { error: '', error_description: message } })
  })
})
