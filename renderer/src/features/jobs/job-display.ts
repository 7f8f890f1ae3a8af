import type { JobInfo } from '@contract'

/** The i18n key (under `jobs.kind`) of each job kind the core writes. */
export const KIND_KEYS: Record<string, string> = {
  'initial-grid': 'initialGrid',
  'initial-details': 'initialDetails',
  sweep: 'sweep',
  push: 'push'
}

export type TagType = 'default' | 'info' | 'success' | 'warning' | 'error'

/** How each status is shown: its i18n key (under `jobs.status`) and the colour of its tag. */
export const STATUS_LOOKS: Record<string, { key: string; tag: TagType }> = {
  running: { key: 'running', tag: 'info' },
  done: { key: 'done', tag: 'success' },
  failed: { key: 'failed', tag: 'error' },
  cancelled: { key: 'cancelled', tag: 'default' },
  'needs-sign-in': { key: 'needsSignIn', tag: 'warning' },
  interrupted: { key: 'interrupted', tag: 'warning' }
}

/**
 * A `running` entry stays so in the log when the app stopped mid-job. Only the newest one can
 * be live, and only while the portal is syncing; the others were interrupted.
 */
export function liveStatus(jobs: readonly JobInfo[], syncing: boolean): (job: JobInfo) => string {
  const live = syncing ? jobs.find((job) => job.status === 'running')?.id : undefined
  return (job) => (job.status === 'running' && job.id !== live ? 'interrupted' : job.status)
}

/** The counters a summary shows, in order; `hideZero` ones only when something happened. */
const SUMMARY_COUNTERS: ReadonlyArray<{ detail: string; hideZero?: boolean }> = [
  { detail: 'rows' },
  { detail: 'sent' },
  { detail: 'conflicts', hideZero: true },
  { detail: 'parked', hideZero: true },
  { detail: 'removed' },
  { detail: 'requests' }
]

/** The counters of a job's details worth a word in its summary (e.g. rows and requests). */
export function summaryCounts(details: JobInfo['details']): Array<{ detail: string; count: number }> {
  return SUMMARY_COUNTERS.flatMap(({ detail, hideZero }) => {
    const count = details[detail]
    return typeof count === 'number' && !(hideZero && count === 0) ? [{ detail, count }] : []
  })
}

/** A duration split for display: seconds (one decimal under 10 s), or whole minutes and seconds. */
export function durationParts(ms: number): { minutes: number; seconds: number } {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) return { minutes: 0, seconds: Math.round(seconds * 10) / 10 }
  const whole = Math.round(seconds)
  return { minutes: Math.floor(whole / 60), seconds: whole % 60 }
}
