import type { ApiError } from '../../contract'
import { isJobKind, isJobState, type JobKind, type JobProgress, type JobState } from '../../contract/job-kinds'
import type { Statements } from './database'
import { parseJsonText, toJsonText } from './json-text'

/** Why a job failed, as the user may see it. */
export type JobError = Pick<ApiError, 'code' | 'message'>

export interface JobLogEntry {
  id: number
  kind: JobKind
  startedAt: number
  finishedAt?: number
  /** When the entry last changed. */
  updatedAt: number
  status: JobState
  /** What the job reported when it ended (the sync's counts, a job's result summary). */
  details?: unknown
  /** What the job was started with. */
  params?: unknown
  progress?: JobProgress
  /** Where a resumable job stands, as its definition saved it. */
  checkpoint?: unknown
  error?: JobError
}

export type NewJobLogEntry = Omit<JobLogEntry, 'id' | 'updatedAt'>

/** What a change of an entry sets; what is left out stays as it is. */
export interface JobChanges {
  status?: JobState
  finishedAt?: number
  details?: unknown
  progress?: JobProgress
  checkpoint?: unknown
  error?: JobError
}

interface JobRow {
  id: number
  kind: string
  started_at: number
  finished_at: number | null
  updated_at: number
  status: string
  details: string | null
  params: string | null
  progress: string | null
  checkpoint: string | null
  error: string | null
}

/** States of a job whose process is gone once the app stops: none of them can still be going. */
const LIVE_STATES: readonly JobState[] = ['running', 'queued']

/** What long jobs (sync, sweep, import) did and how they ended. */
export class JobLog {
  constructor(private readonly statements: Statements) {}

  append(entry: NewJobLogEntry): number {
    const row = this.statements.one<{ id: number }>(
      `INSERT INTO job_log (kind, started_at, finished_at, updated_at, status, details, params, progress, checkpoint, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      entry.kind,
      entry.startedAt,
      entry.finishedAt ?? null,
      entry.finishedAt ?? entry.startedAt,
      entry.status,
      toJsonText(entry.details),
      toJsonText(entry.params),
      toJsonText(entry.progress),
      toJsonText(entry.checkpoint),
      toJsonText(entry.error)
    )
    return row!.id
  }

  /** Records how a job ended; false when there is no such entry. */
  finish(id: number, result: { status: JobState; finishedAt: number; details?: unknown }): boolean {
    return this.update(id, result, result.finishedAt)
  }

  /** Changes an entry at time `at`; false when there is no such entry. */
  update(id: number, changes: JobChanges, at: number): boolean {
    const changed = this.statements
      .get(
        `UPDATE job_log SET
           status = coalesce(?, status), finished_at = coalesce(?, finished_at), details = coalesce(?, details),
           progress = coalesce(?, progress), checkpoint = coalesce(?, checkpoint), error = coalesce(?, error),
           updated_at = ?
         WHERE id = ?`
      )
      .run(
        changes.status ?? null,
        changes.finishedAt ?? null,
        toJsonText(changes.details),
        toJsonText(changes.progress),
        toJsonText(changes.checkpoint),
        toJsonText(changes.error),
        at,
        id
      )
    return changed.changes > 0
  }

  /**
   * Entries left queued or running by a process that is gone become `interrupted` (a paused one
   * stays paused). Run when the store opens, before anything can start a job. Returns how many.
   */
  interruptLeftOver(at: number): number {
    const placeholders = LIVE_STATES.map(() => '?').join(', ')
    const changed = this.statements
      .get(`UPDATE job_log SET status = 'interrupted', updated_at = ? WHERE status IN (${placeholders})`)
      .run(at, ...LIVE_STATES)
    return Number(changed.changes)
  }

  get(id: number): JobLogEntry | undefined {
    const row = this.statements.one<JobRow>('SELECT * FROM job_log WHERE id = ?', id)
    return row && toEntry(row)
  }

  /** Newest first. Entries of kinds or states this version does not know are left out. */
  list(options: { kind?: JobKind; limit?: number } = {}): JobLogEntry[] {
    const rows = this.statements.all<JobRow>(
      'SELECT * FROM job_log WHERE (?1 IS NULL OR kind = ?1) ORDER BY id DESC LIMIT ?2',
      options.kind ?? null,
      options.limit ?? 100
    )
    return rows.flatMap((row) => toEntry(row) ?? [])
  }
}

function toEntry(row: JobRow): JobLogEntry | undefined {
  if (!isJobKind(row.kind) || !isJobState(row.status)) return undefined
  const json = (text: string | null) => parseJsonText(text) ?? undefined
  const entry: JobLogEntry = {
    id: row.id,
    kind: row.kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at ?? undefined,
    updatedAt: row.updated_at,
    status: row.status,
    details: json(row.details),
    params: json(row.params),
    progress: json(row.progress) as JobProgress | undefined,
    checkpoint: json(row.checkpoint),
    error: json(row.error) as JobError | undefined
  }
  // Fields that are not set are absent, not undefined.
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as JobLogEntry
}
