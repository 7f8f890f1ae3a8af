import type { SyncMode, SyncStatus } from '../../contract'
import type { JobRunner } from '../jobs/job-runner'
import type { PortalClient } from '../portal/portal-client'
import type { LeadStore } from '../store/lead-store'
import type { SyncEngine } from '../sync/sync-engine'

/** A change waits this long before it is pushed, so quick successive edits go together. */
export const PUSH_DELAY_MS = 1_500

/**
 * One connected portal's working set: its local database, the sync engine that keeps it in step
 * and the portal's client. Every service that works on a portal (leads, userfields, layouts,
 * jobs) takes these from here, so there is exactly one of each per portal.
 */
export class PortalWorkspace {
  private pushTimer: NodeJS.Timeout | undefined
  /** Closed: a call that was under way when it closed changes nothing and starts nothing. */
  private closed = false

  constructor(
    readonly portalId: string,
    readonly store: LeadStore,
    readonly engine: SyncEngine,
    /** The portal's long jobs (import, export, bulk edit), one at a time. */
    readonly jobs: JobRunner,
    private currentClient: PortalClient,
    private readonly onStatus: (status: SyncStatus) => void
  ) {}

  /** The portal's REST client (a new one after a new sign-in). */
  get client(): PortalClient {
    return this.currentClient
  }

  /** The portal's connection was renewed: the sync and later calls use the new client. */
  useClient(client: PortalClient): void {
    this.currentClient = client
    this.engine.useClient(client)
  }

  /** The outbox changed: the UI hears the new counts, and the queue goes out shortly after. */
  outboxChanged(): void {
    if (this.closed) return
    this.onStatus(this.engine.status())
    if (this.pushTimer) clearTimeout(this.pushTimer)
    this.pushTimer = setTimeout(() => void this.engine.start('auto'), PUSH_DELAY_MS)
    this.pushTimer.unref?.()
  }

  /** Starts a sync unless one is running; answers at once with the status. */
  startSync(mode: SyncMode): SyncStatus {
    void this.engine.start(mode)
    return this.engine.status()
  }

  /** Runs a sync to its end (tests, benchmarks). */
  async syncNow(mode: SyncMode = 'auto'): Promise<SyncStatus> {
    await this.engine.start(mode)
    return this.engine.status()
  }

  cancelSync(): SyncStatus {
    this.engine.cancel()
    return this.engine.status()
  }

  /** Stops the jobs and the sync (a running job is left interrupted, to go on later), and closes the database. */
  async close(): Promise<void> {
    this.closed = true
    if (this.pushTimer) clearTimeout(this.pushTimer)
    await this.jobs.dispose()
    await this.engine.stop()
    this.store.close()
  }
}
