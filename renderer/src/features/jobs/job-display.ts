import type { JobInfo, JobKind, JobState } from '@contract'
import type en from '../../i18n/en'

/** The i18n key (under `jobs.kind`) of each job kind. */
export const KIND_KEYS: Record<JobKind, keyof typeof en.jobs.kind> = {
  'initial-grid': 'initialGrid',
  'initial-details': 'initialDetails',
  sweep: 'sweep',
  push: 'push',
  import: 'import',
  export: 'export',
  'bulk-edit': 'bulkEdit'
}

/**
 * Which kinds are the user's own long work, run by the core's job runner: only those can be
 * paused, resumed and cancelled (the sync's passes follow the sync).
 */
export const USER_CONTROLLED: Record<JobKind, boolean> = {
  'initial-grid': false,
  'initial-details': false,
  sweep: false,
  push: false,
  import: true,
  export: true,
  'bulk-edit': true
}

export type TagType = 'default' | 'info' | 'success' | 'warning' | 'error'

/** How each state is shown: its i18n key (under `jobs.status`) and the colour of its tag. */
export const STATUS_LOOKS: Record<JobState, { key: keyof typeof en.jobs.status; tag: TagType }> = {
  queued: { key: 'queued', tag: 'default' },
  running: { key: 'running', tag: 'info' },
  paused: { key: 'paused', tag: 'warning' },
  interrupted: { key: 'interrupted', tag: 'warning' },
  done: { key: 'done', tag: 'success' },
  failed: { key: 'failed', tag: 'error' },
  cancelled: { key: 'cancelled', tag: 'default' },
  'needs-sign-in': { key: 'needsSignIn', tag: 'warning' }
}

/** States in which a job has not ended: how far it came is worth showing. */
const UNFINISHED: readonly JobState[] = ['queued', 'running', 'paused', 'interrupted']

/** The progress to show for a job, only while it has not ended. */
export function openProgress(job: JobInfo): JobInfo['progress'] {
  return UNFINISHED.includes(job.status) ? job.progress : undefined
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
