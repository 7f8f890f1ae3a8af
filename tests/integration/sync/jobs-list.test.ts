import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'

/** `jobs.list`: a portal's job log through the API, against a real store filled by a real sync. */
let h: SyncHarness
beforeAll(async () => {
  h = await startSyncHarness({ leads: 300, seed: 21, fast: true })
})
afterAll(() => h.close())

const list = (arg: unknown) => h.services.dispatch('jobs.list', arg)

describe('jobs.list', () => {
  it('is empty before the first sync', async () => {
    expect(await list({ portalId: h.portalId })).toEqual({ ok: true, value: [] })
  })

  it('lists the first download, newest first, with what each pass cost as plain values', async () => {
    await h.syncNow(h.portalId)
    const envelope = await list({ portalId: h.portalId })
    expect(envelope.ok).toBe(true)
    // Only the download passes: other kinds (a delta, say) may log entries of their own.
    const jobs = (envelope.ok ? (envelope.value as Array<Record<string, unknown>>) : []).filter((job) =>
      String(job.kind).startsWith('initial-')
    )
    expect(jobs.map((job) => [job.kind, job.status])).toEqual([
      ['initial-details', 'done'],
      ['initial-grid', 'done']
    ])
    for (const job of jobs) {
      expect(job).toMatchObject({
        id: expect.any(Number),
        startedAt: expect.any(Number),
        finishedAt: expect.any(Number),
        details: { rows: 300, requests: expect.any(Number), pages: expect.any(Number) }
      })
      expect(job.finishedAt as number).toBeGreaterThanOrEqual(job.startedAt as number)
      for (const value of Object.values(job.details as object)) expect(typeof value).not.toBe('object')
    }
    expect(jobs[0]!.id as number).toBeGreaterThan(jobs[1]!.id as number)
  })

  it('takes a limit, keeping the newest', async () => {
    const all = await list({ portalId: h.portalId })
    const newest = all.ok ? (all.value as unknown[])[0] : undefined
    expect(await list({ portalId: h.portalId, limit: 1 })).toEqual({ ok: true, value: [newest] })
  })

  it.each([
    ['a limit of 0', { portalId: 'x', limit: 0 }],
    ['a limit over 500', { portalId: 'x', limit: 501 }],
    ['a fractional limit', { portalId: 'x', limit: 2.5 }],
    ['a limit as text', { portalId: 'x', limit: '10' }],
    ['no portal', { limit: 10 }],
    ['an unknown key', { portalId: 'x', kind: 'push' }]
  ])('refuses %s with INVALID_ARGUMENT', async (_name, arg) => {
    expect(await list(arg)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('answers NOT_FOUND for a portal that is not connected', async () => {
    expect(await list({ portalId: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
