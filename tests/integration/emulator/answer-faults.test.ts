import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { admin, startTestEmulator } from '../../support/emulator'

/**
 * The faults that answer what a portal never should: a redirect, a body that is not JSON, and
 * results bent out of shape — of a call, of a whole batch, or of one kind of command inside a batch.
 */
let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator({ leads: 5, seed: 3 })
})
afterAll(() => emulator.close())
afterEach(async () => {
  await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })
})

const addFault = (rule: Record<string, unknown>) => admin(emulator, 'faults', rule)

/** A JSON POST through the admin's webhook, answered as it is (no redirect followed, no parsing). */
async function raw(method: string, params: Record<string, unknown> = {}) {
  const response = await fetch(`${emulator.webhookUrl}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
    redirect: 'manual'
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

const json = async (method: string, params: Record<string, unknown> = {}) =>
  JSON.parse((await raw(method, params)).text) as { result: unknown }

const listParams = { select: ['ID', 'TITLE', 'PHONE', 'ASSIGNED_BY_ID', 'DATE_CREATE'], order: { ID: 'ASC' } }

describe('answer faults', () => {
  it('redirects to the given address before the call runs', async () => {
    const before = emulator.portal.leads.size
    await addFault({ kind: 'redirect', method: 'crm.lead.add', count: 1, location: 'http://evil.invalid/' })
    const moved = await raw('crm.lead.add', { fields: { TITLE: 'Redirected' } })
    expect(moved.status).toBe(302)
    expect(moved.headers.get('location')).toBe('http://evil.invalid/')
    expect(emulator.portal.leads.size).toBe(before)
  })

  it('refuses a redirect rule without an address', async () => {
    expect(await addFault({ kind: 'redirect', method: 'profile', count: 1 })).toMatchObject({
      error: expect.stringContaining('location')
    })
  })

  it('answers HTTP 200 with an HTML page or an empty body, without running the call', async () => {
    const before = emulator.portal.leads.size
    await addFault({ kind: 'html', method: 'crm.lead.add', count: 1 })
    const page = await raw('crm.lead.add', { fields: { TITLE: 'HTML' } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.text).toMatch(/^<!DOCTYPE html>/)
    await addFault({ kind: 'empty', method: 'profile', count: 1 })
    expect(await raw('profile')).toMatchObject({ status: 200, text: '' })
    expect(emulator.portal.leads.size).toBe(before)
  })

  it('cuts the answer of a call that ran in half', async () => {
    const whole = (await raw('crm.lead.list', listParams)).text
    await addFault({ kind: 'truncated', method: 'crm.lead.list', count: 1 })
    const cut = await raw('crm.lead.list', listParams)
    expect(cut.status).toBe(200)
    // The rows are the same both times (only the time block differs): the cut starts with them.
    expect(whole.startsWith(cut.text.slice(0, 100))).toBe(true)
    expect(cut.text.length).toBeGreaterThan(whole.length * 0.4)
    expect(cut.text.length).toBeLessThan(whole.length * 0.6)
    expect(() => JSON.parse(cut.text)).toThrow()
  })

  it('bends results: null, not a list, values of the wrong type, an ID that is not a number', async () => {
    const [first] = (await json('crm.lead.list', listParams)).result as Array<Record<string, unknown>>
    await addFault({ kind: 'result_null', method: 'crm.lead.list', count: 1 })
    expect((await json('crm.lead.list', listParams)).result).toBeNull()
    await addFault({ kind: 'result_not_list', method: 'crm.lead.list', count: 1 })
    expect((await json('crm.lead.list', listParams)).result).toEqual({ unexpected: true })
    await addFault({ kind: 'lead_values', method: 'crm.lead.list', count: 1 })
    const [bent] = (await json('crm.lead.list', listParams)).result as Array<Record<string, unknown>>
    expect(bent).toMatchObject({
      ID: first!.ID,
      TITLE: { text: first!.TITLE },
      ASSIGNED_BY_ID: 'abc',
      DATE_CREATE: 'not a date'
    })
    await addFault({ kind: 'bad_id', method: 'crm.lead.list', count: 1 })
    const [renamed, second] = (await json('crm.lead.list', listParams)).result as Array<Record<string, unknown>>
    expect([renamed!.ID, renamed!.TITLE]).toEqual(['abc', first!.TITLE])
    expect(Number(second!.ID)).toBeGreaterThan(Number(first!.ID))
  })

  it('in a batch: a rule for batch bends the whole answer, a rule for a method only its commands', async () => {
    const cmd = { leads: 'crm.lead.list?select[]=ID&select[]=TITLE', who: 'profile' }
    await admin(emulator, 'stats/reset', {})
    await addFault({ kind: 'result_null', method: 'batch', count: 1 })
    expect((await json('batch', { cmd })).result).toBeNull()

    await addFault({ kind: 'result_not_list', method: 'crm.lead.list', count: 1 })
    const maps = (await json('batch', { cmd })).result as { result: Record<string, unknown> }
    expect(maps.result.leads).toEqual({ unexpected: true })
    expect(maps.result.who).toMatchObject({ ID: '1' })

    await addFault({ kind: 'lead_values', method: 'crm.lead.list', count: 1 })
    const bent = (await json('batch', { cmd })).result as { result: { leads: Array<Record<string, unknown>> } }
    expect(bent.result.leads.every((lead) => typeof lead.TITLE === 'object')).toBe(true)
    const stats = (await admin(emulator, 'stats')) as { faultsByKind: Record<string, number> }
    expect(stats.faultsByKind).toMatchObject({ result_null: 1, result_not_list: 1, lead_values: 1 })
  })
})
