import { describe, expect, it } from 'vitest'
import { toJobInfo } from '../../../../electron/core/jobs/job-infos'

describe('toJobInfo', () => {
  it('keeps the plain detail values and leaves nested or odd ones out', () => {
    expect(
      toJobInfo({
        id: 7,
        kind: 'push',
        startedAt: 1000,
        finishedAt: 2500,
        updatedAt: 2500,
        status: 'done',
        details: { sent: 3, label: 'x', partial: false, nested: { a: 1 }, list: [1], none: null }
      })
    ).toEqual({
      id: 7,
      kind: 'push',
      startedAt: 1000,
      finishedAt: 2500,
      status: 'done',
      details: { sent: 3, label: 'x', partial: false }
    })
  })

  it('gives a running job no end and details that are not an object no values', () => {
    for (const details of [undefined, null, 42, 'text', [1, 2]]) {
      const info = toJobInfo({ id: 1, kind: 'sweep', startedAt: 5, updatedAt: 5, status: 'running', details })
      expect(info).toEqual({ id: 1, kind: 'sweep', startedAt: 5, status: 'running', details: {} })
      expect(info).not.toHaveProperty('finishedAt')
    }
  })

  it('passes on the progress and the error of a job, nothing more of them', () => {
    const info = toJobInfo({
      id: 3,
      kind: 'import',
      startedAt: 5,
      finishedAt: 9,
      updatedAt: 9,
      status: 'failed',
      details: {},
      params: { fileId: 'f' },
      checkpoint: { next: 40 },
      progress: { done: 40, failed: 2, total: 100, rate: 7 } as never,
      error: { code: 'PORTAL_ERROR', message: 'Access denied', details: { raw: 'x' } } as never
    })
    expect(info).toEqual({
      id: 3,
      kind: 'import',
      startedAt: 5,
      finishedAt: 9,
      status: 'failed',
      details: {},
      progress: { done: 40, failed: 2, total: 100 },
      error: { code: 'PORTAL_ERROR', message: 'Access denied' }
    })
  })
})
