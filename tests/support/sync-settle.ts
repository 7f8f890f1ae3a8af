import { setTimeout as sleep } from 'node:timers/promises'
import type { OutboxEntry, SyncStatus } from '../../electron/contract'
import type { LeadsService } from '../../electron/core/leads/leads-service'
import type { ServicesOptions } from '../../electron/core/services'
import { OperatingTracker } from '../../electron/core/portal/operating-tracker'
import { RateLimiter } from '../../electron/core/portal/rate-limiter'

/**
 * Core settings for sync tests against a fast emulator: no client-side rate limit, and every wait
 * after a failure short — the client's backoff, the pause of a method after a 429, and the
 * outbox's retry backoff. (No vitest here: the sync child process uses it too.)
 */
export function fastSyncOptions(): Pick<ServicesOptions, 'clientOptions' | 'leads'> {
  return {
    clientOptions: {
      limiter: new RateLimiter(1e9, 1e9),
      backoff: { baseMs: 5, capMs: 50 },
      operating: new OperatingTracker(480, 0.85, () => Date.now(), 50)
    },
    leads: { retry: { baseDelayMs: 20, maxDelayMs: 200, minDelayMs: 10 } }
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
  leads: LeadsService,
  portalId: string,
  options: { maxRuns?: number; pauseMs?: number; mode?: 'auto' | 'delta' } = {}
): Promise<Settled> {
  const maxRuns = options.maxRuns ?? 200
  let status: SyncStatus | undefined
  let outbox: OutboxEntry[] = []
  for (let runs = 1; runs <= maxRuns; runs++) {
    status = await leads.syncNow(portalId, options.mode ?? 'auto')
    outbox = await leads.outbox(portalId)
    const waiting = outbox.filter((op) => op.state === 'pending' || op.state === 'sending')
    if (status.state === 'idle' && waiting.length === 0) return { runs, status, outbox }
    await sleep(options.pauseMs ?? 25)
  }
  throw new Error(
    `The sync did not settle in ${maxRuns} runs: ${JSON.stringify(status)}; ` +
      `outbox ${JSON.stringify(outbox.slice(0, 5))} (${outbox.length} ops)`
  )
}
