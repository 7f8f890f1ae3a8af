import { mkdirSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { PortalSummary, SyncStatus } from '../../contract'
import type { RetryOptions } from '../domain/retry-policy'
import type { EventBus } from '../events'
import { toJobInfo } from '../jobs/job-infos'
import { JobRunner, type JobDefinition } from '../jobs/job-runner'
import { log } from '../log'
import type { PortalService } from '../portals/portal-service'
import { openLeadStore } from '../store/lead-store'
import { SyncEngine } from '../sync/sync-engine'
import { PortalWorkspace } from './portal-workspace'
import { PromiseCache } from '../promise-cache'

export interface WorkspaceOptions {
  /** Backoff of failed outbox ops (tests make it short); the retry policy's defaults otherwise. */
  retry?: Partial<RetryOptions>
  /** What each kind of the user's long jobs does: an import, an export, a bulk edit registers its definition here. */
  jobs?: readonly JobDefinition[]
  /**
   * A newly connected portal starts its first download by itself (default). Tests that drive
   * every sync themselves turn it off.
   */
  syncOnConnect?: boolean
  /** Waits before an unreachable portal is tried again (tests shorten them); the engine's defaults otherwise. */
  offlineRetryMs?: readonly number[]
}

/** Where every portal's local files are, under the app's data folder. */
const portalsDir = (dataDir: string) => join(dataDir, 'portals')

/** The folder of a portal's local files under the app's data folder. */
export function portalDataDir(dataDir: string, portalId: string): string {
  return join(portalsDir(dataDir), portalId.replace(/[^a-z0-9-]/gi, '_'))
}

/**
 * The registry of open portal workspaces: each portal's database, sync engine and client, opened
 * on first use and shared by every service. Two first calls at once get the same workspace (the
 * opening itself is cached), so a portal never has two databases or two engines.
 */
export class PortalWorkspaces {
  private readonly opened = new PromiseCache<string, PortalWorkspace>()

  constructor(
    private readonly dataDir: string,
    private readonly portals: PortalService,
    private readonly events: EventBus,
    private readonly options: WorkspaceOptions = {}
  ) {
    events.on('portals.changed', (portals) => void this.renewClients(portals))
  }

  open(portalId: string): Promise<PortalWorkspace> {
    return this.opened.get(portalId, () => this.create(portalId))
  }

  private async create(portalId: string): Promise<PortalWorkspace> {
    await this.portals.record(portalId)
    const client = await this.portals.client(portalId)
    const dir = portalDataDir(this.dataDir, portalId)
    mkdirSync(dir, { recursive: true })
    const store = openLeadStore(join(dir, 'leads.db'))
    try {
      const emitStatus = (status: SyncStatus) => this.events.emit('sync.status', status)
      const engine = new SyncEngine({
        portalId,
        store,
        client,
        retry: this.options.retry,
        offlineRetryMs: this.options.offlineRetryMs,
        onStatus: emitStatus,
        onLeadsChanged: () => this.events.emit('leads.changed', { portalId }),
        // Read afresh each time: a new sign-in may be another user's.
        appUserId: async () => (await this.portals.record(portalId).catch(() => undefined))?.user?.id
      })
      const jobs = new JobRunner({
        log: store,
        definitions: this.options.jobs ?? [],
        onChange: (job) => this.events.emit('jobs.changed', { portalId, job: toJobInfo(job) })
      })
      return new PortalWorkspace(portalId, store, engine, jobs, client, emitStatus)
    } catch (error) {
      // Nothing else holds the database yet.
      store.close()
      throw error
    }
  }

  /**
   * A portal's record was saved (a new sign-in among other things), which gives it a new client:
   * each open workspace takes its portal's current one.
   */
  private async renewClients(portals: readonly PortalSummary[]): Promise<void> {
    for (const { id, status } of portals) {
      const opening = this.opened.peek(id)
      if (!opening || status !== 'connected') continue
      try {
        const workspace = await opening
        workspace.useClient(await this.portals.client(id))
      } catch (error) {
        // The next sync of that portal reports what is wrong with its connection.
        log.warn(`Could not renew the connection of portal ${id}`, error)
      }
    }
  }

  /**
   * A portal was just connected (or signed in again): its sync starts at once — for a new portal
   * the first download, whose first pages reach the grid while the rest comes.
   */
  connected(portalId: string): void {
    if (this.options.syncOnConnect === false) return
    void this.open(portalId)
      .then((workspace) => workspace.startSync('auto'))
      .catch((error: unknown) => log.warn(`Could not start the sync of portal ${portalId}`, error))
  }

  /** Closes a portal's workspace (the portal was removed, or the app is closing). */
  async close(portalId: string): Promise<void> {
    const opening = this.opened.peek(portalId)
    if (!opening) return
    this.opened.delete(portalId)
    const workspace = await opening.catch(() => undefined)
    await workspace?.close()
  }

  /**
   * Closes a removed portal's workspace and deletes its local copy: the database with its leads,
   * unsent changes, conflicts and job log. Only a folder right inside the data folder's
   * `portals` folder is ever deleted.
   */
  async forget(portalId: string): Promise<void> {
    await this.close(portalId)
    const dir = resolve(portalDataDir(this.dataDir, portalId))
    if (dirname(dir) !== resolve(portalsDir(this.dataDir)) || !/^[\w-]+$/.test(basename(dir))) {
      throw new Error(`Refusing to delete ${dir}: it is not a portal's folder`)
    }
    await rm(dir, { recursive: true, force: true, maxRetries: 3 })
    log.info(`The local copy of portal ${portalId} was deleted`)
  }

  async dispose(): Promise<void> {
    await Promise.all(this.opened.keys().map((portalId) => this.close(portalId)))
  }
}
