import type { SyncMode, SyncStatus } from '../../contract'
import { JOB_KIND } from '../../contract/job-kinds'
import { log } from '../log'
import type { PortalClient } from '../portal/portal-client'
import { PortalError } from '../portal/portal-error'
import { explainPortalFailure } from '../portal/portal-failure'
import type { LeadStore } from '../store/lead-store'
import {
  CURSORS,
  FIRST_SCREEN_ROWS,
  initialSyncDone,
  pullDelta,
  pullInitial,
  restartInitialSync,
  sweepDeleted,
  type PullContext,
  type PullProgress
} from './pull'
import { ThroughputWindow } from './throughput'
import { refreshMetadata } from './metadata'
import { pushOutbox, returnInterruptedOps } from './push'
import { DEFAULT_RETRY_OPTIONS, nextWakeUp, type RetryOptions } from '../domain/retry-policy'

export interface SyncEngineOptions {
  portalId: string
  store: LeadStore
  /** The portal's client when the engine starts; `useClient` replaces it after a new sign-in. */
  client: PortalClient
  onStatus(status: SyncStatus): void
  onLeadsChanged(): void
  /** The app user's portal ID (their personal card layouts are read); undefined: the caller's. */
  appUserId?: () => Promise<number | undefined>
  /** A deletion sweep runs at most this often (ms). */
  sweepEveryMs?: number
  /** Backoff of failed outbox ops; the policy's defaults, changed where given (tests shorten it). */
  retry?: Partial<RetryOptions>
  /** How long to wait before trying an unreachable portal again, after 1, 2, … runs in a row failed so (ms). */
  offlineRetryMs?: readonly number[]
  now?: () => number
}

const STATUS_EVERY_MS = 200
/** While a run goes, the status goes out at least this often: the rate and time left follow a stall. */
const STATUS_TICK_MS = 1_000
/**
 * During the first download the grid hears of new leads at once for its first page and its first
 * screenful, then at most this often (and when a pass ends).
 */
const LEADS_CHANGED_EVERY_MS = 3_000
/** An unreachable portal is tried again soon, then less and less often. */
export const OFFLINE_RETRY_MS: readonly number[] = [5_000, 10_000, 20_000, 30_000]

const isOffline = (error: unknown) => error instanceof PortalError && ['NETWORK', 'TIMEOUT'].includes(error.code)

/**
 * Keeps one portal's local copy in step: push before pull, then the first download or a delta,
 * metadata, and now and then the deletion sweep. One run at a time; cancellable; progress and
 * state go out as `sync.status`. Due retries of the outbox wake it up on a timer, and when the
 * portal cannot be reached it says so and tries again later — local work goes on meanwhile.
 */
export class SyncEngine {
  private running: { controller: AbortController; done: Promise<void> } | undefined
  private timer: NodeJS.Timeout | undefined
  private lastEmit = 0
  private lastLeadsChanged = -Infinity
  /** Rows of the first download's pass the grid was last told of. */
  private rowsTold = 0
  private readonly now: () => number
  private current: SyncStatus
  /** The rate of the phase under way, from what it really achieved. */
  private readonly throughput: ThroughputWindow
  /** Runs in a row that ended because the portal could not be reached. */
  private offlineRuns = 0
  private stopLinkUpdates: () => void = () => {}

  private client: PortalClient
  /** The app is closing: no new run starts. */
  private stopped = false

  constructor(private readonly options: SyncEngineOptions) {
    this.client = options.client
    this.now = options.now ?? Date.now
    this.throughput = new ThroughputWindow(this.now)
    this.current = {
      portalId: options.portalId,
      state: 'idle',
      rows: 0,
      requests: 0,
      pending: 0,
      conflicts: 0,
      needsAttention: 0,
      waitingBehind: 0,
      link: options.client.link.status()
    }
    this.followLink()
    this.recoverInterruptedOps()
    this.refreshCounts()
  }

  status(): SyncStatus {
    this.refreshCounts()
    return { ...this.current }
  }

  /** The status tells at once when the portal stops answering, waits for a limit, or answers again. */
  private followLink(): void {
    this.stopLinkUpdates()
    this.current.link = this.client.link.status()
    this.stopLinkUpdates = this.client.link.subscribe((link) => {
      this.current.link = link
      this.emit(true)
    })
  }

  /** Ops left 'sending' by a crash may have reached the portal: they go again after the safe check. */
  private recoverInterruptedOps(): void {
    returnInterruptedOps(this.options.store, this.options.store.listOps())
  }

  private refreshCounts(): void {
    const { store } = this.options
    const counts = store.outboxCounts()
    this.current.pending = counts.pending + counts.sending
    // An op held only by conflicts is counted once, as conflicts.
    this.current.needsAttention = store.refusedCount()
    this.current.waitingBehind = store.waitingBehindCount()
    this.current.conflicts = store.conflictCount()
    const lastSyncAt = store.getCursor<string>(CURSORS.lastSyncAt)
    if (lastSyncAt) this.current.lastSyncAt = lastSyncAt
  }

  private emit(force = false): void {
    const now = this.now()
    if (!force && now - this.lastEmit < STATUS_EVERY_MS) return
    this.lastEmit = now
    this.options.onStatus(this.status())
  }

  private progress(progress: PullProgress): void {
    if (progress.phase !== this.current.phase) {
      // The phase's read began when its meter started; rows done before (a resumed pass) are not this run's.
      this.throughput.restart(progress.resumedRows ?? 0, this.now() - progress.elapsedMs)
    }
    this.throughput.record(progress.rows)
    Object.assign(this.current, {
      phase: progress.phase,
      rows: progress.rows,
      requests: progress.requests,
      totalRows: progress.totalRows
    })
    this.measure()
    this.emit()
  }

  /** Rate and time left as of now, from the rows the phase really achieved. */
  private measure(): void {
    const { totalRows, rows } = this.current
    this.current.rowsPerSecond = this.throughput.rowsPerSecond()
    this.current.etaMs = totalRows ? this.throughput.etaMs(totalRows - rows) : undefined
  }

  /** A new phase with no rows yet: nothing is measured until its first rows come. */
  private enterPhase(phase: SyncStatus['phase']): void {
    Object.assign(this.current, { phase, rows: 0, totalRows: undefined, rowsPerSecond: undefined, etaMs: undefined })
    this.throughput.restart()
  }

  /**
   * The grid fills while the first download runs: at its first page, when a screenful is stored,
   * when a pass ends, and meanwhile every few seconds.
   */
  private leadsStored({ rows, passEnded }: { rows: number; passEnded: boolean }): void {
    const now = this.now()
    const firstScreen = this.rowsTold < FIRST_SCREEN_ROWS && rows >= FIRST_SCREEN_ROWS
    if (!passEnded && !firstScreen && now - this.lastLeadsChanged < LEADS_CHANGED_EVERY_MS) return
    this.lastLeadsChanged = now
    this.rowsTold = rows
    this.options.onLeadsChanged()
  }

  /** Starts a run unless one is going; resolves when it ends (the status says how). */
  start(mode: SyncMode = 'auto'): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (this.running) return this.running.done
    const controller = new AbortController()
    const done = this.run(mode, controller.signal).finally(() => {
      this.running = undefined
      // A cancelled run sets no timer: the user stopped the sync, or the app is closing.
      if (controller.signal.aborted) this.clearWakeUp()
      else this.scheduleWakeUp()
    })
    this.running = { controller, done }
    return done
  }

  /**
   * The portal's connection was renewed (a new sign-in, a changed webhook): later runs use the new
   * client, and work that waited for it goes now.
   */
  useClient(client: PortalClient): void {
    if (client === this.client) return
    this.client = client
    this.followLink()
    if (this.status().pending === 0 && this.current.state !== 'error') return
    // A run under way still has the old client: the waiting work goes in a run right after it.
    const after = this.running?.done ?? Promise.resolve()
    void after.then(() => {
      if (!this.stopped) void this.start('auto')
    })
  }

  cancel(): void {
    // An AbortError: the retry policy does not count it as a failed try of the ops being sent.
    this.running?.controller.abort(new DOMException('Sync cancelled', 'AbortError'))
  }

  private async run(mode: SyncMode, signal: AbortSignal): Promise<void> {
    const { store } = this.options
    const client = this.client
    Object.assign(this.current, { state: 'syncing', requests: 0, lastError: undefined })
    this.enterPhase('push')
    this.emit(true)
    // Between pages (a slow portal, a wait for its limits) the rate and time left still move on.
    const ticker = setInterval(() => {
      this.measure()
      this.emit()
    }, STATUS_TICK_MS)
    ticker.unref?.()
    const context: PullContext = {
      client,
      store,
      signal,
      now: this.now,
      onProgress: (progress) => this.progress(progress),
      onLeadsStored: (stored) => this.leadsStored(stored)
    }
    try {
      const pushStarted = { at: this.now(), requests: client.stats.requests }
      const pushed = await pushOutbox({
        client,
        store,
        signal,
        now: this.now,
        retry: { ...DEFAULT_RETRY_OPTIONS, ...this.options.retry },
        onProgress: () => this.emit()
      })
      if (pushed.sent || pushed.conflicts || pushed.parked) {
        // The job log keeps what each flush did and what it cost.
        const { needsSignIn, ...counts } = pushed
        store.appendJob({
          kind: JOB_KIND.push,
          startedAt: pushStarted.at,
          finishedAt: this.now(),
          status: needsSignIn ? 'needs-sign-in' : 'done',
          details: { ...counts, requests: client.stats.requests - pushStarted.requests }
        })
      }
      if (pushed.sent || pushed.conflicts) this.options.onLeadsChanged()
      await refreshMetadata({ ...context, appUserId: this.options.appUserId })
      if (mode === 'full') restartInitialSync(store)
      if (!initialSyncDone(store)) await pullInitial(context)
      if ((await pullDelta(context)) > 0) this.options.onLeadsChanged()
      const lastSweep = store.getCursor<number>(CURSORS.lastSweepAt) ?? 0
      if (mode === 'full' || this.now() - lastSweep >= (this.options.sweepEveryMs ?? 3_600_000)) {
        this.current.lastSweepRemoved = await sweepDeleted(context)
        if (this.current.lastSweepRemoved) this.options.onLeadsChanged()
      }
      store.setCursor(CURSORS.lastSyncAt, new Date(this.now()).toISOString())
      this.offlineRuns = 0
      this.ended('idle')
    } catch (error) {
      if (signal.aborted) this.ended('idle')
      else if (isOffline(error)) {
        this.offlineRuns++
        this.ended('offline')
      } else {
        log.error('Sync failed', error)
        this.ended('error')
        this.current.lastError = explainPortalFailure(error, 'Sync').toApiError()
      }
    } finally {
      clearInterval(ticker)
      this.emit(true)
    }
  }

  /** A run is over: no phase, and no rate or time left to show. */
  private ended(state: SyncStatus['state']): void {
    this.enterPhase(undefined)
    Object.assign(this.current, { state, rows: 0, requests: 0 })
  }

  /** Wakes up for the next due retry (or, offline, to try the link again — and says when). */
  private scheduleWakeUp(): void {
    this.clearWakeUp()
    const due = nextWakeUp(this.options.store.listOps())
    let at = due
    if (this.current.state === 'offline') {
      const delays = this.options.offlineRetryMs ?? OFFLINE_RETRY_MS
      const delay = delays[Math.min(this.offlineRuns, delays.length) - 1] ?? 0
      const link = this.client.link.status()
      this.client.link.unreachable(link.state === 'offline' ? link.code : 'NETWORK', delay)
      at = this.now() + delay
    }
    if (at === undefined) return
    const minimum = this.current.state === 'offline' ? 0 : 1000
    this.timer = setTimeout(() => void this.start('auto'), Math.max(minimum, at - this.now()))
    this.timer.unref?.()
  }

  private clearWakeUp(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.stopLinkUpdates()
    this.clearWakeUp()
    this.cancel()
    await this.running?.done
  }
}
