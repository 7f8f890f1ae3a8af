import { setTimeout as sleep } from 'node:timers/promises'
import type { OutboxEntry, SyncStatus } from '../../electron/contract'
import type { LeadsService } from '../../electron/core/leads/leads-service'
import type { SyncMode } from '../../electron/contract'
import type { Services, ServicesOptions } from '../../electron/core/services'
import { RateLimiter } from '../../electron/core/portal/rate-limiter'
import { ShortBlockTracker } from './webhook-client'

/**
 * Core settings for sync tests against a fast emulator: no client-side rate limit, and every wait
 * after a failure short — the client's backoff, the pause of a method after a 429, and the
 * outbox's retry backoff. (No vitest here: the sync child process uses it too.)
 */
export function fastSyncOptions(): Pick<ServicesOptions, 'clientOptions' | 'sync'> {
  return {
    clientOptions: {
      limiter: new RateLimiter(1e9, 1e9),
      backoff: { baseMs: 5, capMs: 50 },
      // An injected 429 pauses the method for 50 ms, not until the portal's window moves on.
      operating: new ShortBlockTracker(50)
    },
    sync: { retry: { baseDelayMs: 20, maxDelayMs: 200, minDelayMs: 10 } }
  }
}

/** What a test drives the sync through: run one to its end, and read the outbox. */
export interface SyncDriver {
  leads: Pick<LeadsService, 'outbox'>
  syncNow(portalId: string, mode?: SyncMode): Promise<SyncStatus>
}

/** Runs syncs through the core's portal workspaces. */
export function syncDriver(services: Pick<Services, 'leads' | 'workspaces'>): {
  leads: LeadsService
  syncNow: SyncDriver['syncNow']
  syncStatus(portalId: string): Promise<SyncStatus>
} {
  return {
    leads: services.leads,
    syncNow: async (portalId, mode) => (await services.workspaces.open(portalId)).syncNow(mode),
    syncStatus: async (portalId) => (await services.workspaces.open(portalId)).engine.status()
  }
}

export interface Settled {
  /** syncNow calls it took. */
  runs: number
  status: SyncStatus
  /** What is left in the outbox: only ops that wait for the user (parked or in conflict). */
  outbox: OutboxEntry[]
}

/**
 * Syncs until a run ends cleanly (push, pull and all) and nothing in the outbox waits for a
 * retry: failed ops back off, so between runs it waits a little for them to be due again.
 */
export async function syncUntilSettled(
  core: SyncDriver,
  portalId: string,
  options: { maxRuns?: number; pauseMs?: number; mode?: 'auto' | 'delta' } = {}
): Promise<Settled> {
  const maxRuns = options.maxRuns ?? 200
  let status: SyncStatus | undefined
  let outbox: OutboxEntry[] = []
  for (let runs = 1; runs <= maxRuns; runs++) {
    status = await core.syncNow(portalId, options.mode ?? 'auto')
    outbox = await core.leads.outbox(portalId)
    // Ops behind a parked op of the same lead wait for the user, not for a retry.
    const parked = new Set(outbox.filter((op) => op.state === 'needs-attention').map((op) => op.leadKey))
    const waiting = outbox.filter((op) => op.state === 'sending' || (op.state === 'pending' && !parked.has(op.leadKey)))
    if (status.state === 'idle' && waiting.length === 0) return { runs, status, outbox }
    await sleep(options.pauseMs ?? 25)
  }
  throw new Error(
    `The sync did not settle in ${maxRuns} runs: ${JSON.stringify(status)}; ` +
      `outbox ${JSON.stringify(outbox.slice(0, 5))} (${outbox.length} ops)`
  )
}
