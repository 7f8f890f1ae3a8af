import type { SyncMode, SyncStatus } from '../../contract'
import { JOB_KIND } from '../../contract/job-kinds'
import { log } from '../log'
import type { PortalClient } from '../portal/portal-client'
import { PortalError } from '../portal/portal-error'
import { explainPortalFailure } from '../portal/portal-failure'
import type { ReadProgress } from '../portal/read-progress'
import type { LeadStore } from '../store/lead-store'
import {
  CURSORS,
  initialSyncDone,
  pullDelta,
  pullInitial,
  restartInitialSync,
  sweepDeleted,
  type PullContext
} from './pull'
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
  now?: () => number
}

const STATUS_EVERY_MS = 200
/** During the first download the grid hears of new leads at most this often (and when a pass ends). */
const LEADS_CHANGED_EVERY_MS = 3_000
const OFFLINE_RETRY_MS = 30_000

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
  private readonly now: () => number
  private current: SyncStatus

  private client: PortalClient
  /** The app is closing: no new run starts. */
  private stopped = false

  constructor(private readonly options: SyncEngineOptions) {
    this.client = options.client
    this.now = options.now ?? Date.now
    this.current = {
      portalId: options.portalId,
      state: 'idle',
      rows: 0,
      requests: 0,
      pending: 0,
      conflicts: 0,
      needsAttention: 0,
      waitingBehind: 0
    }
    this.recoverInterruptedOps()
    this.refreshCounts()
  }

  status(): SyncStatus {
    this.refreshCounts()
    return { ...this.current }
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

  private progress(progress: ReadProgress & { phase: SyncStatus['phase']; totalRows?: number }): void {
    Object.assign(this.current, {
      phase: progress.phase,
      rows: progress.rows,
      requests: progress.requests,
      rowsPerSecond: progress.rowsPerSecond,
      totalRows: progress.totalRows,
      etaMs:
        progress.totalRows && progress.rowsPerSecond
          ? Math.max(0, ((progress.totalRows - progress.rows) / progress.rowsPerSecond) * 1000)
          : undefined
    })
    this.emit()
  }

  /** The grid fills while the first download runs: when a pass ends, and meanwhile every few seconds. */
  private leadsStored(passEnded: boolean): void {
    const now = this.now()
    if (!passEnded && now - this.lastLeadsChanged < LEADS_CHANGED_EVERY_MS) return
    this.lastLeadsChanged = now
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
    Object.assign(this.current, {
      state: 'syncing',
      phase: 'push',
      rows: 0,
      requests: 0,
      totalRows: undefined,
      lastError: undefined
    })
    this.emit(true)
    const context: PullContext = {
      client,
      store,
      signal,
      now: this.now,
      onProgress: (progress) => this.progress(progress),
      onLeadsStored: (passEnded) => this.leadsStored(passEnded)
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
      Object.assign(this.current, { state: 'idle', phase: undefined })
    } catch (error) {
      if (signal.aborted) Object.assign(this.current, { state: 'idle', phase: undefined })
      else if (isOffline(error)) Object.assign(this.current, { state: 'offline', phase: undefined })
      else {
        log.error('Sync failed', error)
        const lastError = explainPortalFailure(error, 'Sync').toApiError()
        Object.assign(this.current, { state: 'error', phase: undefined, lastError })
      }
    } finally {
      this.emit(true)
    }
  }

  /** Wakes up for the next due retry (or, offline, to try the link again). */
  private scheduleWakeUp(): void {
    this.clearWakeUp()
    const due = nextWakeUp(this.options.store.listOps())
    const at = this.current.state === 'offline' ? this.now() + OFFLINE_RETRY_MS : due
    if (at === undefined) return
    this.timer = setTimeout(() => void this.start('auto'), Math.max(1000, at - this.now()))
    this.timer.unref?.()
  }

  private clearWakeUp(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.clearWakeUp()
    this.cancel()
    await this.running?.done
  }
}
