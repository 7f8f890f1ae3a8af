import type { JobInfo } from '../../contract'
import type { JobProgress } from '../../contract/job-kinds'
import type { JobLogEntry } from '../store/job-log'

type DetailValue = JobInfo['details'][string]

const isDetailValue = (value: unknown): value is DetailValue =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))

/** The plain values of a job's details; nested or odd values stay in the store. */
function plainDetails(details: unknown): JobInfo['details'] {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return {}
  return Object.fromEntries(
    Object.entries(details).filter((entry): entry is [string, DetailValue] => isDetailValue(entry[1]))
  )
}

const plainProgress = ({ done, failed, total }: JobProgress): JobProgress =>
  total === undefined ? { done, failed } : { done, failed, total }

/** A job log entry as the renderer sees it. */
export function toJobInfo(entry: JobLogEntry): JobInfo {
  return {
    id: entry.id,
    kind: entry.kind,
    status: entry.status,
    startedAt: entry.startedAt,
    ...(entry.finishedAt === undefined ? {} : { finishedAt: entry.finishedAt }),
    details: plainDetails(entry.details),
    ...(entry.progress === undefined ? {} : { progress: plainProgress(entry.progress) }),
    ...(entry.error === undefined ? {} : { error: { code: entry.error.code, message: entry.error.message } })
  }
}
