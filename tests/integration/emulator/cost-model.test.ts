import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../../electron/emulator/emulator'
import { admin, call, startTestEmulator } from '../../support/emulator'

/** The server-time model behind `time.processing`, `time.operating`, delays and the 60-second cap. */
let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator({ leads: 3000, seed: 11 })
})
afterAll(() => emulator.close())

type Time = { processing: number; operating: number; operating_reset_at: number; start: number; finish: number }
const timeOf = async (params: Record<string, unknown>) => {
  const reply = await call(emulator, 'crm.lead.list', params)
  expect(reply.status).toBe(200)
  return reply.body.time as Time
}

describe('cost model', () => {
  it('a page costs more with a wider select, and counting costs more than start=-1', async () => {
    const narrow = await timeOf({ select: ['ID'], start: -1 })
    const wide = await timeOf({ select: ['*', 'UF_*', 'PHONE', 'EMAIL'], start: -1 })
    const counted = await timeOf({ select: ['ID'], start: 0 })
    expect(wide.processing).toBeGreaterThan(narrow.processing * 3)
    expect(counted.processing).toBeGreaterThan(narrow.processing)
    expect(wide.finish - wide.start).toBeCloseTo(wide.processing, 3)
  })

  it('operating adds up per method and reports when the oldest minute drops', async () => {
    await admin(emulator, 'limits', { operatingLimitSeconds: 480 })
    const first = await timeOf({ select: ['ID'], start: -1 })
    const second = await timeOf({ select: ['ID'], start: -1 })
    expect(second.operating).toBeCloseTo(first.operating + second.processing, 5)
    expect(second.operating_reset_at).toBe(first.operating_reset_at)
    expect(second.operating_reset_at - Math.floor(first.start)).toBeGreaterThanOrEqual(599)
    expect(second.operating_reset_at - Math.floor(first.start)).toBeLessThanOrEqual(600)
  })

  it('speed divides the modelled time into a real wait', async () => {
    await admin(emulator, 'limits', { speed: 2 })
    try {
      const started = performance.now()
      const time = await timeOf({ select: ['*', 'UF_*'], start: 0 })
      const waited = (performance.now() - started) / 1000
      expect(waited).toBeGreaterThanOrEqual((time.processing / 2) * 0.9)
    } finally {
      await admin(emulator, 'limits', { speed: 1e9 })
    }
  })
})

describe('request cap (emulator answer: 504 REQUEST_TIMEOUT, UNCONFIRMED)', () => {
  it('a batch whose commands run past the cap is stopped and later commands never run', async () => {
    await admin(emulator, 'limits', { requestCapSeconds: 0.5 })
    try {
      await admin(emulator, 'stats/reset', {})
      const cmd = Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`p${i}`, `crm.lead.list?select[]=*&start=${i * 50}`])
      )
      const reply = await call(emulator, 'batch', { cmd })
      expect(reply.status).toBe(504)
      expect(reply.body).toEqual({
        error: 'REQUEST_TIMEOUT',
        error_description: 'The request was stopped after 60 seconds of execution.'
      })
      const stats = (await admin(emulator, 'stats')) as { subCalls: number }
      expect(stats.subCalls).toBeGreaterThan(0)
      expect(stats.subCalls).toBeLessThan(50)
    } finally {
      await admin(emulator, 'limits', { requestCapSeconds: 60 })
    }
  })
})

describe('admin API', () => {
  it('seed replaces the portal with freshly generated data and reset empties it', async () => {
    const seeded = (await admin(emulator, 'seed', { leads: 250, seed: 5 })) as { leads: number; seconds: number }
    expect(seeded.leads).toBe(250)
    const list = await call(emulator, 'crm.lead.list', { select: ['ID'] })
    expect(list.body.total).toBe(250)
    const fields = await call(emulator, 'crm.lead.fields')
    expect(Object.keys(fields.body.result as object).filter((key) => key.startsWith('UF_CRM_'))).toHaveLength(6)
    await admin(emulator, 'reset', {})
    expect((await call(emulator, 'crm.lead.list', { select: ['ID'] })).body.total).toBe(0)
  })

  it('the same seed gives the same portal', async () => {
    await admin(emulator, 'seed', { leads: 30, seed: 9 })
    const first = (await call(emulator, 'crm.lead.list', { select: ['TITLE', 'OPPORTUNITY', 'PHONE'] })).body.result
    await admin(emulator, 'seed', { leads: 30, seed: 9 })
    const second = (await call(emulator, 'crm.lead.list', { select: ['TITLE', 'OPPORTUNITY', 'PHONE'] })).body.result
    expect(second).toEqual(first)
  })
})
