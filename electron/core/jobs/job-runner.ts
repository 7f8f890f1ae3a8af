import { AppError, toApiError } from '../errors'
import { log } from '../log'
import type { JobChanges, JobError, JobLogEntry, NewJobLogEntry } from '../store/job-log'
import type { JobKind, JobProgress, JobState } from '../../contract/job-kinds'

/** The part of a portal's store the runner keeps its jobs in (the lead store is one). */
export interface JobLogPort {
  appendJob(entry: NewJobLogEntry): number
  updateJob(id: number, changes: JobChanges): boolean
  getJob(id: number): JobLogEntry | undefined
  listJobs(options?: { kind?: JobKind; limit?: number }): JobLogEntry[]
}

/** Time and timers; tests pass a manual one. */
export interface RunnerClock {
  now(): number
  /** Calls `fire` once after `ms`; the returned function stops that. */
  setTimer(ms: number, fire: () => void): () => void
}

export const systemClock: RunnerClock = {
  now: () => Date.now(),
  setTimer(ms, fire) {
    const timer = setTimeout(fire, ms)
    timer.unref()
    return () => clearTimeout(timer)
  }
}

/** What a job reports when it is done; kept in the entry's details. */
export type JobSummary = Record<string, number | string | boolean>

/** What a job definition gets for one run. */
export interface JobContext<Params = unknown, Checkpoint = unknown> {
  readonly jobId: number
  readonly params: Params
  /** Where an earlier run of this job got to; undefined on the first run. */
  readonly checkpoint: Checkpoint | undefined
  /** The progress saved with that checkpoint (all zero on the first run). */
  readonly progress: JobProgress
  /** Aborted when the job is cancelled or the runner stops. */
  readonly signal: AbortSignal
  /** Saves where the job stands, with the progress reported so far, before it returns. */
  saveCheckpoint(value: Checkpoint): void
  reportProgress(progress: JobProgress): void
  /** Waits here while the job is paused; throws once it is cancelled. Call it between items. */
  pausePoint(): Promise<void>
}

export interface JobDefinition<Params = unknown, Checkpoint = unknown> {
  kind: JobKind
  /** Does the work, going on from `context.checkpoint` when there is one. */
  run(context: JobContext<Params, Checkpoint>): Promise<JobSummary | void>
}

export interface JobRunnerOptions {
  log: JobLogPort
  definitions: readonly JobDefinition[]
  clock?: RunnerClock
  /** Every change of a job: state changes at once, progress at most once per `progressIntervalMs`. */
  onChange?: (job: JobLogEntry) => void
  progressIntervalMs?: number
}

/** A job this runner holds: queued, running, or paused (its run waiting at a pause point). */
interface ActiveJob {
  id: number
  definition: JobDefinition
  params: unknown
  checkpoint: unknown
  progress: JobProgress
  state: Extract<JobState, 'queued' | 'running' | 'paused'>
  controller: AbortController
  /** The run, once started; a job that has one goes on at its pause point instead of starting again. */
  run?: Promise<void>
  /** Set while the run waits at a pause point; lets it go on. */
  wake?: () => void
  lastEmitAt: number
  stopTimer?: () => void
}

/** Entries in these states can be taken up again from their checkpoint. */
const RESUMABLE: readonly JobState[] = ['paused', 'interrupted']

const cancelledError = () => new AppError('CANCELLED', 'The job was cancelled.')

/**
 * Runs a portal's long jobs (import, export, bulk edit) one at a time, in the order they were
 * asked for, keeping each one's state, progress and checkpoint in the job log so that a job the
 * app stopped in the middle of can go on from its last checkpoint.
 *
 * A paused job gives up its turn once it reaches a pause point; resumed, it queues again.
 */
export class JobRunner {
  private readonly definitions = new Map<JobKind, JobDefinition>()
  private readonly clock: RunnerClock
  private readonly active = new Map<number, ActiveJob>()
  private readonly queue: ActiveJob[] = []
  private current: ActiveJob | undefined
  private disposed = false

  constructor(private readonly options: JobRunnerOptions) {
    for (const definition of options.definitions) this.definitions.set(definition.kind, definition)
    this.clock = options.clock ?? systemClock
  }

  /** Queues a new job of `kind`; it starts at once when no other job runs. */
  start(kind: JobKind, params?: unknown): JobLogEntry {
    this.refuseWhenDisposed()
    const definition = this.definitionOf(kind)
    const progress = { done: 0, failed: 0 }
    const id = this.options.log.appendJob({ kind, startedAt: this.clock.now(), status: 'queued', params, progress })
    this.enqueue(this.activate(id, definition, { params, checkpoint: undefined, progress }))
    return this.get(id)!
  }

  /** Stops a queued or running job at its next pause point, to be resumed later. */
  pause(id: number): JobLogEntry {
    const job = this.active.get(id)
    if (!job) {
      const entry = this.existing(id)
      this.definitionOf(entry.kind)
      throw new AppError('INVALID_ARGUMENT', `Job ${id} is ${entry.status}; only a queued or running job can pause.`)
    }
    if (job.state !== 'paused') {
      this.leaveQueue(job)
      this.setState(job, 'paused')
    }
    return this.existing(id)
  }

  /**
   * A paused job goes on where it stopped; an interrupted one (or one paused before the app
   * stopped) starts its definition again from its last checkpoint. Either queues for its turn.
   */
  resume(id: number): JobLogEntry {
    this.refuseWhenDisposed()
    const job = this.active.get(id)
    if (job?.state === 'paused') {
      // Not at a pause point yet: it still has the turn and simply goes on.
      if (this.current === job) this.setState(job, 'running')
      else this.enqueue(job)
    } else if (!job) {
      const entry = this.existing(id)
      if (!RESUMABLE.includes(entry.status))
        throw new AppError(
          'INVALID_ARGUMENT',
          `Job ${id} is ${entry.status}; only a paused or interrupted job goes on.`
        )
      const definition = this.definitionOf(entry.kind)
      const progress = entry.progress ?? { done: 0, failed: 0 }
      this.enqueue(this.activate(id, definition, { params: entry.params, checkpoint: entry.checkpoint, progress }))
    }
    return this.existing(id)
  }

  /** Cancels a job: at once when it has not started (or its app stopped), else at its next pause point. */
  cancel(id: number): JobLogEntry {
    const job = this.active.get(id)
    if (job?.run) {
      job.controller.abort(cancelledError())
      this.leaveQueue(job)
      job.wake?.()
    } else if (job) {
      this.finish(job, { status: 'cancelled' })
    } else {
      const entry = this.existing(id)
      // A pass of the sync is the sync's to take up again, not the runner's to end.
      this.definitionOf(entry.kind)
      if (RESUMABLE.includes(entry.status)) {
        this.record(id, { status: 'cancelled', finishedAt: this.clock.now() })
        this.emit(id)
      }
    }
    return this.existing(id)
  }

  /** Newest first, with the live progress of the jobs this runner holds. */
  list(options: { kind?: JobKind; limit?: number } = {}): JobLogEntry[] {
    return this.options.log.listJobs(options).map((entry) => this.withLiveProgress(entry))
  }

  get(id: number): JobLogEntry | undefined {
    const entry = this.options.log.getJob(id)
    return entry && this.withLiveProgress(entry)
  }

  /**
   * Stops every job before the store closes: running and queued ones are recorded as interrupted
   * (resumable on the next start), paused ones stay paused. Resolves once their runs have ended.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return
    for (const job of this.active.values()) {
      if (job.state !== 'paused') this.record(job.id, { status: 'interrupted' })
    }
    this.disposed = true
    const runs: Array<Promise<void>> = []
    for (const job of this.active.values()) {
      job.stopTimer?.()
      job.controller.abort(cancelledError())
      job.wake?.()
      if (job.run) runs.push(job.run)
    }
    this.active.clear()
    this.queue.length = 0
    await Promise.allSettled(runs)
  }

  private activate(
    id: number,
    definition: JobDefinition,
    from: Pick<ActiveJob, 'params' | 'checkpoint' | 'progress'>
  ): ActiveJob {
    return {
      id,
      definition,
      ...from,
      state: 'queued',
      controller: new AbortController(),
      lastEmitAt: Number.NEGATIVE_INFINITY
    }
  }

  private enqueue(job: ActiveJob): void {
    this.active.set(job.id, job)
    this.queue.push(job)
    this.setState(job, 'queued')
    this.takeNext()
  }

  private leaveQueue(job: ActiveJob): void {
    const at = this.queue.indexOf(job)
    if (at >= 0) this.queue.splice(at, 1)
  }

  /** Gives the turn to the first queued job when no job has it. */
  private takeNext(): void {
    if (this.current || this.disposed) return
    const next = this.queue.shift()
    if (!next) return
    this.current = next
    this.setState(next, 'running')
    if (next.wake) next.wake()
    else next.run = this.execute(next)
  }

  private async execute(job: ActiveJob): Promise<void> {
    let outcome: JobChanges & { status: JobState }
    try {
      const summary = await job.definition.run(this.contextOf(job))
      outcome = { status: 'done', details: summary ?? undefined }
    } catch (error) {
      outcome = job.controller.signal.aborted ? { status: 'cancelled' } : this.failure(job, error)
    }
    if (!this.disposed) this.finish(job, outcome)
  }

  private contextOf(job: ActiveJob): JobContext {
    const { signal } = job.controller
    return {
      jobId: job.id,
      params: job.params,
      checkpoint: job.checkpoint,
      progress: { ...job.progress },
      signal,
      saveCheckpoint: (value) => {
        job.checkpoint = value
        this.options.log.updateJob(job.id, { checkpoint: value, progress: job.progress })
      },
      reportProgress: (progress) => {
        job.progress = { ...progress }
        this.progressChanged(job)
      },
      pausePoint: async () => {
        if (signal.aborted) throw cancelledError()
        if (job.state !== 'paused') return
        if (this.current === job) {
          this.current = undefined
          this.takeNext()
        }
        await new Promise<void>((resolve) => (job.wake = resolve))
        job.wake = undefined
        if (signal.aborted) throw cancelledError()
      }
    }
  }

  private failure(job: ActiveJob, error: unknown): JobChanges & { status: JobState } {
    log.error(`Job ${job.id} (${job.definition.kind}) failed`, error)
    const { code, message } = toApiError(error)
    const jobError: JobError = { code, message }
    return { status: code === 'SIGN_IN_REQUIRED' ? 'needs-sign-in' : 'failed', error: jobError }
  }

  private finish(job: ActiveJob, outcome: JobChanges & { status: JobState }): void {
    job.stopTimer?.()
    this.active.delete(job.id)
    this.leaveQueue(job)
    this.record(job.id, { ...outcome, finishedAt: this.clock.now(), progress: job.progress })
    this.emit(job.id)
    if (this.current === job) {
      this.current = undefined
      this.takeNext()
    }
  }

  private setState(job: ActiveJob, state: ActiveJob['state']): void {
    job.state = state
    this.record(job.id, { status: state })
    this.emit(job.id)
  }

  /** Progress goes out at most once per interval; what is held back goes out when the interval ends. */
  private progressChanged(job: ActiveJob): void {
    if (job.stopTimer) return
    const wait = job.lastEmitAt + (this.options.progressIntervalMs ?? 250) - this.clock.now()
    if (wait <= 0) this.emit(job.id)
    else job.stopTimer = this.clock.setTimer(wait, () => this.emit(job.id))
  }

  private emit(id: number): void {
    const job = this.active.get(id)
    if (job) {
      job.stopTimer?.()
      job.stopTimer = undefined
      job.lastEmitAt = this.clock.now()
    }
    if (this.disposed || !this.options.onChange) return
    try {
      const entry = this.get(id)
      if (entry) this.options.onChange(entry)
    } catch (error) {
      log.error(`The change of job ${id} could not be reported`, error)
    }
  }

  /** A state change in the log; a failing write is logged, as the job's own work goes on or has ended. */
  private record(id: number, changes: JobChanges): void {
    try {
      this.options.log.updateJob(id, changes)
    } catch (error) {
      log.error(`The job log could not record job ${id}`, error)
    }
  }

  private withLiveProgress(entry: JobLogEntry): JobLogEntry {
    const job = this.active.get(entry.id)
    return job ? { ...entry, progress: { ...job.progress } } : entry
  }

  private existing(id: number): JobLogEntry {
    const entry = this.get(id)
    if (!entry) throw new AppError('NOT_FOUND', `There is no job ${id}.`)
    return entry
  }

  private definitionOf(kind: JobKind): JobDefinition {
    const definition = this.definitions.get(kind)
    if (!definition) throw new AppError('INVALID_ARGUMENT', `Jobs of kind ${kind} are not run by the job runner.`)
    return definition
  }

  private refuseWhenDisposed(): void {
    if (this.disposed) throw new AppError('CANCELLED', 'The portal is closing; no job starts now.')
  }
}
