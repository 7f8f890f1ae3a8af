import type { Statements } from './database'
import { parseJsonText, toJsonText } from './json-text'

export interface JobLogEntry {
  id: number
  kind: string
  startedAt: number
  finishedAt?: number
  status: string
  details?: unknown
}

export type NewJobLogEntry = Omit<JobLogEntry, 'id'>

interface JobRow {
  id: number
  kind: string
  started_at: number
  finished_at: number | null
  status: string
  details: string | null
}

/** What long jobs (sync, sweep, import) did and how they ended. */
export class JobLog {
  constructor(private readonly statements: Statements) {}

  append(entry: NewJobLogEntry): number {
    const row = this.statements.one<{ id: number }>(
      'INSERT INTO job_log (kind, started_at, finished_at, status, details) VALUES (?, ?, ?, ?, ?) RETURNING id',
      entry.kind,
      entry.startedAt,
      entry.finishedAt ?? null,
      entry.status,
      toJsonText(entry.details)
    )
    return row!.id
  }

  /** Records how a job ended; false when there is no such entry. */
  finish(id: number, result: { status: string; finishedAt: number; details?: unknown }): boolean {
    const changed = this.statements
      .get('UPDATE job_log SET status = ?, finished_at = ?, details = coalesce(?, details) WHERE id = ?')
      .run(result.status, result.finishedAt, toJsonText(result.details), id)
    return changed.changes > 0
  }

  /** Newest first. */
  list(options: { kind?: string; limit?: number } = {}): JobLogEntry[] {
    const rows = this.statements.all<JobRow>(
      'SELECT * FROM job_log WHERE (?1 IS NULL OR kind = ?1) ORDER BY id DESC LIMIT ?2',
      options.kind ?? null,
      options.limit ?? 100
    )
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      startedAt: row.started_at,
      ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
      status: row.status,
      ...(row.details === null ? {} : { details: parseJsonText(row.details) })
    }))
  }
}
