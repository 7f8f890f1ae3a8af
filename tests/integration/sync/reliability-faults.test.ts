import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clearFaults, faultStats, injectFaultMix } from '../../support/fault-mix'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'
import {
  applyPlan,
  differencesFromPlan,
  differencesFromPortal,
  planOfflineWork,
  readLocalLeads,
  readPortalLeads,
  type Lead
} from '../../support/sync-expectations'
import { syncUntilSettled } from '../../support/sync-settle'

/**
 * Issue 5, reliability: with a fifth of all calls failing (dropped before or after they ran,
 * 503, 429, 500, expired OAuth tokens) and some answering slowly, the first download of 20,000
 * leads and the flush of 1,000 offline edits plus 100 offline creates end exactly where they
 * must: every edit on the portal, nothing else changed, each new lead made once, and the local
 * copy equal to the portal. The faults are seeded (the emulator's generator), the plan too.
 */
const LEADS = 20_000
let h: SyncHarness
let before: Map<number, Lead>

beforeAll(async () => {
  h = await startSyncHarness({ leads: LEADS, seed: 21, auth: 'oauth', fast: true })
  before = await readPortalLeads(h.portal)
})
afterAll(() => h?.close())

describe('sync through injected faults', () => {
  it('downloads 20,000 leads exactly, through failures and slow answers', async () => {
    await h.resetStats()
    await injectFaultMix(h.portal, { slowShare: 0.05, slowMs: 60 })
    const { status } = await syncUntilSettled(h.leads, h.portalId)
    expect(status).toMatchObject({ state: 'idle', pending: 0, conflicts: 0, needsAttention: 0 })
    const stats = await faultStats(h.portal)
    // The faults did happen, of every kind (expired tokens were refreshed: OAuth).
    expect(stats.faultsInjected).toBeGreaterThan(5)
    expect(stats.errorsByCode).toMatchObject({ expired_token: expect.any(Number) })
    await clearFaults(h.portal)
    expect(differencesFromPortal(await readLocalLeads(h.leads, h.portalId), before)).toEqual([])
  }, 60_000)

  it('flushes 1,000 offline edits and 100 offline creates: nothing lost, nothing duplicated', async () => {
    const plan = planOfflineWork({ seed: 5, leadCount: LEADS, edits: 1000, creates: 100 })
    await applyPlan(h.leads, h.portalId, plan)
    expect((await h.leads.syncStatus(h.portalId)).pending).toBeGreaterThanOrEqual(1000)

    await h.resetStats()
    await injectFaultMix(h.portal, { slowShare: 0.05, slowMs: 60 })
    const settled = await syncUntilSettled(h.leads, h.portalId)
    const stats = await faultStats(h.portal)
    await clearFaults(h.portal)
    expect(settled.outbox).toEqual([])
    expect(settled.status).toMatchObject({ state: 'idle', pending: 0, conflicts: 0, needsAttention: 0 })
    // Writes were lost after they ran, so the ORIGIN_ID look-up and the merge-again path ran.
    expect(stats.faultsInjected).toBeGreaterThan(5)

    const after = await readPortalLeads(h.portal)
    expect(differencesFromPlan(before, after, plan)).toEqual([])
    expect(after.size).toBe(LEADS + 100)
    expect(differencesFromPortal(await readLocalLeads(h.leads, h.portalId), after)).toEqual([])
  }, 60_000)
})
