/** A portal's jobs: its job log, and pausing, resuming and cancelling the long jobs of the job runner. */
import { z } from 'zod'
import type { JobKind, JobProgress, JobState } from './job-kinds'
import { portalId } from './args'
import { channel } from './channel'
import type { ApiError } from './errors'

export type { JobKind, JobProgress, JobState }

/**
 * One entry of a portal's job log (first download, deletion sweep, push, import, ...), newest
 * first. Its state is the core's: a job the app stopped in the middle of says `interrupted`.
 * `details` holds only the entry's plain values (rows, requests, sent, ...).
 */
export interface JobInfo {
  id: number
  kind: JobKind
  status: JobState
  startedAt: number
  finishedAt?: number
  details: Record<string, number | string | boolean>
  /** Items done so far (jobs of the job runner). */
  progress?: JobProgress
  /** Why a failed job failed. */
  error?: Pick<ApiError, 'code' | 'message'>
}

const jobsListArgs = z.strictObject({ portalId, limit: z.number().int().min(1).max(500).default(100) })
const jobArgs = z.strictObject({ portalId, jobId: z.number().int().positive() })

export const jobChannels = {
  /** The portal's job log, newest first. */
  'jobs.list': channel<JobInfo[]>()(jobsListArgs),
  /** Pauses a queued or running job at its next safe point. */
  'jobs.pause': channel<JobInfo>()(jobArgs),
  /** A paused job goes on; an interrupted one starts again from its last checkpoint. */
  'jobs.resume': channel<JobInfo>()(jobArgs),
  'jobs.cancel': channel<JobInfo>()(jobArgs)
} as const
