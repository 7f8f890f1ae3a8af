/** A portal's job log. */
import { z } from 'zod'
import { portalId } from './args'
import { channel } from './channel'

/**
 * One entry of a portal's job log (first download, deletion sweep, push, ...), newest first.
 * `details` holds only the entry's plain values (rows, requests, sent, ...).
 */
export interface JobInfo {
  id: number
  kind: string
  status: string
  startedAt: number
  finishedAt?: number
  details: Record<string, number | string | boolean>
}

const jobsListArgs = z.strictObject({ portalId, limit: z.number().int().min(1).max(500).default(100) })

export const jobChannels = {
  /** The portal's job log, newest first. */
  'jobs.list': channel<JobInfo[]>()(jobsListArgs)
} as const
