import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../electron/core/errors'
import type { JobKind } from '../../../../electron/contract/job-kinds'
import {
  JobRunner,
  type JobContext,
  type JobDefinition,
  type JobRunnerOptions,
  type RunnerClock
} from '../../../../electron/core/jobs/job-runner'
import { setLogSink } from '../../../../electron/core/log'
import { openLeadStore, type JobLogEntry, type LeadStore } from '../../../../electron/core/store/lead-store'
import { fileStore } from '../store/store-fixtures'

/** A clock the test moves by hand; its timers fire when it passes their time. */
function manualClock(): RunnerClock & { advance(ms: number): void } {
  let now = 1_000
  const timers: Array<{ at: number; fire: () => void; live: boolean }> = []
  return {
    now: () => now,
    setTimer(ms, fire) {
      const timer = { at: now + ms, fire, live: true }
      timers.push(timer)
      return () => (timer.live = false)
    },
    advance(ms) {
      now += ms
      for (const timer of timers.filter((each) => each.live && each.at <= now)) {
        timer.live = false
        timer.fire()
      }
    }
  }
}

/** Lets every pending promise and I/O callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

interface CountParams {
  items: number
  /** The item at which the job throws this error. */
  failAt?: { item: number; error: Error }
}

/**
 * The test job: counts through `items`, one at a time, saving a checkpoint after each. `beforeItem`
 * runs before an item is counted; it may pause or cancel the job, or hold it (return a promise).
 */
function countingJob(kind: JobKind, counted: number[], beforeItem?: (item: number) => unknown): JobDefinition {
  return {
    kind,
    async run(context: JobContext<CountParams, { next: number }>) {
      const { items, failAt } = context.params
      for (let item = context.checkpoint?.next ?? 0; item < items; item++) {
        await context.pausePoint()
        await beforeItem?.(item)
        if (failAt?.item === item) throw failAt.error
        counted.push(item)
        context.reportProgress({ done: item + 1, failed: 0, total: items })
        context.saveCheckpoint({ next: item + 1 })
      }
      return { counted: items }
    }
  }
}

/** A promise the test resolves itself. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

let fixture: ReturnType<typeof fileStore>
let clock: ReturnType<typeof manualClock>
let changes: JobLogEntry[]
let runners: JobRunner[]
beforeEach(() => {
  clock = manualClock()
  fixture = fileStore(clock.now)
  changes = []
  runners = []
})
afterEach(async () => {
  await Promise.all(runners.map((runner) => runner.dispose()))
  fixture.cleanup()
})

function makeRunner(
  definitions: JobDefinition[],
  options: Partial<JobRunnerOptions> & { store?: LeadStore } = {}
): JobRunner {
  const runner = new JobRunner({
    log: options.store ?? fixture.store,
    definitions,
    clock,
    progressIntervalMs: 0,
    onChange: (job) => changes.push(job),
    ...options
  })
  runners.push(runner)
  return runner
}

/** Resolves with the job once a change reports it in `status`. */
async function until(runner: JobRunner, id: number, status: JobLogEntry['status']): Promise<JobLogEntry> {
  for (let round = 0; round < 100; round++) {
    const seen = changes.find((job) => job.id === id && job.status === status)
    if (seen) return runner.get(id)!
    await settle()
  }
  throw new Error(`job ${id} never became ${status}; it is ${runner.get(id)?.status}`)
}

const statusesOf = (id: number) => changes.filter((job) => job.id === id).map((job) => job.status)

describe('JobRunner', () => {
  it('runs a job to the end, reporting its states and progress, and keeps its summary', async () => {
    const counted: number[] = []
    const runner = makeRunner([countingJob('import', counted)])
    const started = runner.start('import', { items: 3 })
    expect(started).toMatchObject({ kind: 'import', status: 'running', params: { items: 3 }, startedAt: 1_000 })

    clock.advance(500)
    const done = await until(runner, started.id, 'done')
    expect(counted).toEqual([0, 1, 2])
    expect(done).toMatchObject({
      status: 'done',
      finishedAt: 1_500,
      progress: { done: 3, failed: 0, total: 3 },
      checkpoint: { next: 3 },
      details: { counted: 3 }
    })
    expect(statusesOf(started.id)).toEqual(['queued', 'running', 'running', 'running', 'running', 'done'])
    expect(changes.filter((job) => job.status === 'running').map((job) => job.progress?.done)).toEqual([0, 1, 2, 3])
    // What the runner says is what the store holds.
    expect(fixture.store.getJob(started.id)).toEqual(done)
  })

  it('pauses at the next pause point and, resumed, goes on from there', async () => {
    const counted: number[] = []
    const runner: JobRunner = makeRunner([
      countingJob('bulk-edit', counted, (item) => item === 3 && runner.pause(job.id))
    ])
    const job = runner.start('bulk-edit', { items: 8 })
    await settle()
    // Item 3 was under way when the pause came: it is finished, nothing after it.
    expect(counted).toEqual([0, 1, 2, 3])
    expect(runner.get(job.id)).toMatchObject({ status: 'paused', progress: { done: 4 } })
    await settle()
    expect(counted).toHaveLength(4)

    expect(runner.resume(job.id).status).toBe('running')
    await until(runner, job.id, 'done')
    expect(counted).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(statusesOf(job.id).filter((status, at, all) => status !== all[at - 1])).toEqual([
      'queued',
      'running',
      'paused',
      'queued',
      'running',
      'done'
    ])
  })

  it('lets the next job run while one is paused; the resumed one queues behind it', async () => {
    const first: number[] = []
    const second: number[] = []
    const hold = gate()
    const runner: JobRunner = makeRunner([
      countingJob('import', first, (item) => item === 1 && runner.pause(paused.id)),
      countingJob('export', second, (item) => (item === 0 ? hold.opened : undefined))
    ])
    const paused = runner.start('import', { items: 4 })
    const other = runner.start('export', { items: 2 })
    await settle()
    expect(runner.get(other.id)?.status).toBe('running')
    expect(runner.resume(paused.id).status).toBe('queued')

    hold.open()
    await until(runner, paused.id, 'done')
    expect(second).toEqual([0, 1])
    expect(first).toEqual([0, 1, 2, 3])
    const finished = changes.filter((job) => job.status === 'done').map((job) => job.id)
    expect(finished).toEqual([other.id, paused.id])
  })

  it('cancels a running job at its next pause point, and a queued one at once', async () => {
    const counted: number[] = []
    const queuedRuns: number[] = []
    const runner: JobRunner = makeRunner([
      countingJob('import', counted, (item) => item === 2 && runner.cancel(running.id)),
      countingJob('export', queuedRuns)
    ])
    const running = runner.start('import', { items: 10 })
    const queued = runner.start('export', { items: 5 })
    expect(runner.cancel(queued.id)).toMatchObject({ status: 'cancelled', finishedAt: 1_000 })

    const cancelled = await until(runner, running.id, 'cancelled')
    expect(counted).toEqual([0, 1, 2])
    expect(cancelled).toMatchObject({ status: 'cancelled', progress: { done: 3 }, checkpoint: { next: 3 } })
    expect(cancelled.finishedAt).toBe(1_000)
    expect(queuedRuns).toEqual([])
    // An ended job is not taken up again.
    expect(() => runner.resume(running.id)).toThrow(AppError)
  })

  describe('a failure', () => {
    let logged: unknown[][]
    beforeEach(() => {
      logged = []
      setLogSink((level, message, ...details) => {
        if (level === 'error') logged.push([message, ...details])
      })
    })
    afterEach(() => setLogSink(() => undefined))

    it('keeps the code and message of an AppError, and the next job runs', async () => {
      const counted: number[] = []
      const runner = makeRunner([countingJob('import', counted), countingJob('export', [])])
      const error = new AppError('PORTAL_ERROR', 'Access denied to leads', { raw: 'ACCESS_DENIED' })
      const failing = runner.start('import', { items: 5, failAt: { item: 2, error } })
      const next = runner.start('export', { items: 1 })
      const failed = await until(runner, failing.id, 'failed')
      expect(failed).toMatchObject({
        status: 'failed',
        error: { code: 'PORTAL_ERROR', message: 'Access denied to leads' },
        progress: { done: 2 }
      })
      expect(failed.error).not.toHaveProperty('details')
      expect(counted).toEqual([0, 1])
      expect(logged).toEqual([[expect.stringContaining(`Job ${failing.id}`), error]])
      await until(runner, next.id, 'done')
    })

    it('keeps only a generic message of any other error, and logs the original', async () => {
      const runner = makeRunner([countingJob('import', [])])
      const error = new Error('EACCES: permission denied, open /home/anna/leads.csv')
      const failing = runner.start('import', { items: 5, failAt: { item: 0, error } })
      const failed = await until(runner, failing.id, 'failed')
      expect(failed.error?.code).toBe('INTERNAL')
      expect(failed.error?.message).not.toContain('/home/anna')
      expect(logged[0]).toContain(error)
    })

    it('says needs-sign-in when the portal sign-in expired', async () => {
      const runner = makeRunner([countingJob('import', [])])
      const error = new AppError('SIGN_IN_REQUIRED', 'Sign in again')
      const failing = runner.start('import', { items: 5, failAt: { item: 1, error } })
      expect(await until(runner, failing.id, 'needs-sign-in')).toMatchObject({
        error: { code: 'SIGN_IN_REQUIRED' }
      })
    })
  })

  it('after a restart, shows a job that was running as interrupted, and resumes it from its checkpoint', async () => {
    const before: number[] = []
    // The process dies while item 4 is under way: it never ends.
    const runner = makeRunner([countingJob('import', before, (item) => (item === 4 ? new Promise(() => {}) : 0))])
    const job = runner.start('import', { items: 7 })
    await settle()
    expect(before).toEqual([0, 1, 2, 3])
    runners.length = 0
    fixture.store.close()

    const reopened = openLeadStore(fixture.path, { now: clock.now })
    try {
      expect(reopened.getJob(job.id)).toMatchObject({
        status: 'interrupted',
        progress: { done: 4 },
        checkpoint: { next: 4 }
      })
      const after: number[] = []
      const restarted = makeRunner([countingJob('import', after)], { store: reopened })
      expect(restarted.list()[0]).toMatchObject({ id: job.id, status: 'interrupted' })
      restarted.resume(job.id)
      const done = await until(restarted, job.id, 'done')
      expect(after).toEqual([4, 5, 6])
      expect(done).toMatchObject({ progress: { done: 7, total: 7 }, details: { counted: 7 } })
      await restarted.dispose()
    } finally {
      reopened.close()
    }
  })

  it('after a restart, resumes a job paused before it from its checkpoint, and cancels an interrupted one', async () => {
    const runner: JobRunner = makeRunner([
      countingJob('import', [], (item) => item === 2 && runner.pause(paused.id)),
      countingJob('export', [], (item) => (item === 1 ? new Promise(() => {}) : 0))
    ])
    const paused = runner.start('import', { items: 5 })
    await settle()
    const hanging = runner.start('export', { items: 3 })
    await settle()
    runners.length = 0
    fixture.store.close()

    const reopened = openLeadStore(fixture.path, { now: clock.now })
    try {
      const counted: number[] = []
      const restarted = makeRunner([countingJob('import', counted), countingJob('export', [])], { store: reopened })
      expect([paused, hanging].map((job) => restarted.get(job.id)?.status)).toEqual(['paused', 'interrupted'])
      changes.length = 0
      expect(restarted.cancel(hanging.id)).toMatchObject({ status: 'cancelled', finishedAt: clock.now() })
      expect(changes.map((job) => [job.id, job.status])).toEqual([[hanging.id, 'cancelled']])
      restarted.resume(paused.id)
      await until(restarted, paused.id, 'done')
      expect(counted).toEqual([3, 4])
      await restarted.dispose()
    } finally {
      reopened.close()
    }
  })

  it('on dispose, records running and queued jobs as interrupted and leaves paused ones paused', async () => {
    const hold = gate()
    let signal: AbortSignal | undefined
    const runner: JobRunner = makeRunner([
      {
        kind: 'export',
        async run(context) {
          signal = context.signal
          await Promise.race([hold.opened, new Promise((resolve) => context.signal.addEventListener('abort', resolve))])
          await context.pausePoint()
        }
      },
      countingJob('import', [])
    ])
    const running = runner.start('export')
    const queued = runner.start('import', { items: 1 })
    const paused = runner.start('import', { items: 1 })
    runner.pause(paused.id)

    await runner.dispose()
    expect(signal?.aborted).toBe(true)
    expect([running, queued, paused].map((job) => fixture.store.getJob(job.id)?.status)).toEqual([
      'interrupted',
      'interrupted',
      'paused'
    ])
    expect(() => runner.start('import', { items: 1 })).toThrow(AppError)
  })

  it('runs jobs one at a time, in the order they were started', async () => {
    const holds = [gate(), gate(), gate()]
    const order: string[] = []
    const held = (name: string, index: number): JobDefinition => ({
      kind: (['import', 'export', 'bulk-edit'] as const)[index]!,
      async run() {
        order.push(`${name} starts`)
        await holds[index]!.opened
        order.push(`${name} ends`)
      }
    })
    const runner = makeRunner([held('a', 0), held('b', 1), held('c', 2)])
    const a = runner.start('import')
    const b = runner.start('export')
    const c = runner.start('bulk-edit')
    expect([a, b, c].map((job) => runner.get(job.id)?.status)).toEqual(['running', 'queued', 'queued'])

    // Released out of order, they still run in order.
    holds[2]!.open()
    holds[1]!.open()
    await settle()
    expect(order).toEqual(['a starts'])
    holds[0]!.open()
    await until(runner, c.id, 'done')
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends'])
  })

  it('reports progress at most once per interval, and what is held back with the next state change', async () => {
    const hold = gate()
    const runner = makeRunner(
      [
        {
          kind: 'export',
          async run(context) {
            for (const done of [1, 2, 3]) context.reportProgress({ done, failed: 0 })
            await hold.opened
            context.reportProgress({ done: 4, failed: 1 })
          }
        }
      ],
      { progressIntervalMs: 100 }
    )
    const job = runner.start('export')
    const seen = () => changes.map((entry) => `${entry.status} ${entry.progress?.done}/${entry.progress?.failed}`)
    expect(seen()).toEqual(['queued 0/0', 'running 0/0'])
    clock.advance(99)
    expect(seen()).toHaveLength(2)
    clock.advance(1)
    expect(seen()).toEqual(['queued 0/0', 'running 0/0', 'running 3/0'])

    clock.advance(50)
    hold.open()
    await until(runner, job.id, 'done')
    clock.advance(1_000)
    expect(seen()).toEqual(['queued 0/0', 'running 0/0', 'running 3/0', 'done 4/1'])
  })

  it('refuses what it cannot do', () => {
    const runner = makeRunner([countingJob('import', [])])
    const codeOf = (work: () => unknown) => {
      try {
        work()
      } catch (error) {
        return error instanceof AppError ? error.code : error
      }
      return 'no error'
    }
    // The sync's passes are run by the sync, not here.
    expect(codeOf(() => runner.start('initial-grid'))).toBe('INVALID_ARGUMENT')
    const sweep = fixture.store.appendJob({ kind: 'sweep', startedAt: 1, status: 'interrupted' })
    expect(codeOf(() => runner.resume(sweep))).toBe('INVALID_ARGUMENT')
    expect(codeOf(() => runner.pause(sweep))).toBe('INVALID_ARGUMENT')
    expect(codeOf(() => runner.cancel(sweep))).toBe('INVALID_ARGUMENT')
    // The sync's entry is left as the sync wrote it.
    expect(fixture.store.getJob(sweep)?.status).toBe('interrupted')
    const done = fixture.store.appendJob({ kind: 'import', startedAt: 1, status: 'done', finishedAt: 2 })
    expect(codeOf(() => runner.pause(done))).toBe('INVALID_ARGUMENT')
    expect(codeOf(() => runner.pause(999))).toBe('NOT_FOUND')
    expect(codeOf(() => runner.cancel(999))).toBe('NOT_FOUND')
  })
})
