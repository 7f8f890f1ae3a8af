import type { JobInfo } from '../../../electron/contract'
import { describe, expect, it } from 'vitest'
import { durationParts, liveStatus, summaryCounts } from '../../../renderer/src/features/jobs/job-display'

const entry = (id: number, status: string): JobInfo => ({ id, kind: 'initial-grid', status, startedAt: 0, details: {} })

describe('liveStatus', () => {
  const jobs = [entry(3, 'running'), entry(2, 'running'), entry(1, 'done')]

  it('keeps only the newest running entry running while the portal syncs', () => {
    expect(jobs.map(liveStatus(jobs, true))).toEqual(['running', 'interrupted', 'done'])
  })

  it('calls every running entry interrupted when no sync runs', () => {
    expect(jobs.map(liveStatus(jobs, false))).toEqual(['interrupted', 'interrupted', 'done'])
  })
})

describe('summaryCounts', () => {
  it('takes the known counters in order, skipping zero conflicts and parked ops and non-numbers', () => {
    expect(
      summaryCounts({ requests: 5, parked: 0, conflicts: 0, sent: 10, rowsPerSecond: 99, rows: 'many', removed: 0 })
    ).toEqual([
      { detail: 'sent', count: 10 },
      { detail: 'removed', count: 0 },
      { detail: 'requests', count: 5 }
    ])
  })
})

describe('durationParts', () => {
  it.each([
    [0, { minutes: 0, seconds: 0 }],
    [1_240, { minutes: 0, seconds: 1.2 }],
    [9_960, { minutes: 0, seconds: 10 }],
    [30_400, { minutes: 0, seconds: 30 }],
    [65_000, { minutes: 1, seconds: 5 }],
    [3_599_600, { minutes: 60, seconds: 0 }],
    [-5, { minutes: 0, seconds: 0 }]
  ])('%d ms is %o', (ms, parts) => {
    expect(durationParts(ms)).toEqual(parts)
  })
})
