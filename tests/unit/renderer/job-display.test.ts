import type { JobInfo } from '../../../electron/contract'
import { describe, expect, it } from 'vitest'
import { JOB_KINDS, JOB_STATES } from '../../../electron/contract/job-kinds'
import {
  durationParts,
  KIND_KEYS,
  openProgress,
  STATUS_LOOKS,
  summaryCounts
} from '../../../renderer/src/features/jobs/job-display'
import en from '../../../renderer/src/i18n/en'
import ru from '../../../renderer/src/i18n/ru'

describe('job words', () => {
  it('names every kind and state the core knows, each in words of its own, in both languages', () => {
    for (const messages of [en, ru]) {
      const kinds = JOB_KINDS.map((kind) => messages.jobs.kind[KIND_KEYS[kind]])
      const states = JOB_STATES.map((state) => messages.jobs.status[STATUS_LOOKS[state].key])
      for (const words of [...kinds, ...states]) expect(words).toMatch(/\S/)
      expect(new Set(kinds).size).toBe(JOB_KINDS.length)
      expect(new Set(states).size).toBe(JOB_STATES.length)
    }
  })
})

describe('openProgress', () => {
  const progress = { done: 40, failed: 1, total: 100 }
  const job = (status: JobInfo['status']): JobInfo => ({
    id: 1,
    kind: 'import',
    status,
    startedAt: 0,
    details: {},
    progress
  })

  it('shows how far a job came until it has ended', () => {
    const unfinished: Array<JobInfo['status']> = ['queued', 'running', 'paused', 'interrupted']
    const ended: Array<JobInfo['status']> = ['done', 'failed', 'cancelled', 'needs-sign-in']
    expect(unfinished.map((status) => openProgress(job(status)))).toEqual([progress, progress, progress, progress])
    expect(ended.map((status) => openProgress(job(status)))).toEqual([undefined, undefined, undefined, undefined])
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
