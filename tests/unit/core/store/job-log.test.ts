import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLeadStore } from '../../../../electron/core/store/lead-store'
import { fileStore } from './store-fixtures'

let clock = 1_000
let fixture: ReturnType<typeof fileStore>
beforeEach(() => {
  clock = 1_000
  fixture = fileStore(() => clock)
})
afterEach(() => fixture.cleanup())

describe('the job log', () => {
  it('keeps what a resumable job needs: params, progress, checkpoint, error and the time of each change', () => {
    const { store } = fixture
    const id = store.appendJob({
      kind: 'import',
      startedAt: 900,
      status: 'queued',
      params: { fileId: 'f-1', mapping: ['TITLE'] },
      progress: { done: 0, failed: 0 }
    })
    expect(store.getJob(id)).toEqual({
      id,
      kind: 'import',
      startedAt: 900,
      updatedAt: 900,
      status: 'queued',
      params: { fileId: 'f-1', mapping: ['TITLE'] },
      progress: { done: 0, failed: 0 }
    })

    clock = 2_000
    expect(
      store.updateJob(id, { status: 'running', checkpoint: { row: 40 }, progress: { done: 40, failed: 1, total: 90 } })
    ).toBe(true)
    clock = 3_000
    // What a change leaves out stays as it was.
    store.updateJob(id, { status: 'failed', finishedAt: 3_000, error: { code: 'PORTAL_ERROR', message: 'Denied' } })
    expect(store.getJob(id)).toEqual({
      id,
      kind: 'import',
      startedAt: 900,
      finishedAt: 3_000,
      updatedAt: 3_000,
      status: 'failed',
      params: { fileId: 'f-1', mapping: ['TITLE'] },
      progress: { done: 40, failed: 1, total: 90 },
      checkpoint: { row: 40 },
      error: { code: 'PORTAL_ERROR', message: 'Denied' }
    })
    expect(store.updateJob(id + 1, { status: 'done' })).toBe(false)
    expect(store.getJob(id + 1)).toBeUndefined()
  })

  it('leaves out entries of kinds or states this version does not know', () => {
    const known = fixture.store.appendJob({ kind: 'sweep', startedAt: 1, status: 'done' })
    const raw = fixture.raw()
    raw.exec(`INSERT INTO job_log (kind, started_at, status) VALUES ('archive', 2, 'done'), ('sweep', 3, 'sleeping')`)
    expect(fixture.store.listJobs().map((job) => job.id)).toEqual([known])
    expect(fixture.store.getJob(known + 1)).toBeUndefined()
  })

  it('on opening, calls interrupted what a previous process left running or queued; paused and ended jobs stay', () => {
    const { store, path } = fixture
    const states = ['running', 'queued', 'paused', 'done', 'cancelled', 'interrupted'] as const
    const ids = states.map((status, index) => store.appendJob({ kind: 'export', startedAt: index, status }))
    store.close()

    const reopened = openLeadStore(path, { now: () => 7_000 })
    try {
      const byId = new Map(reopened.listJobs().map((job) => [job.id, job]))
      expect(ids.map((id) => byId.get(id)?.status)).toEqual([
        'interrupted',
        'interrupted',
        'paused',
        'done',
        'cancelled',
        'interrupted'
      ])
      expect(byId.get(ids[0]!)?.updatedAt).toBe(7_000)
      expect(byId.get(ids[2]!)?.updatedAt).toBe(2)
    } finally {
      reopened.close()
    }
  })
})
