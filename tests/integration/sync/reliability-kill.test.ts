import { spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalSummary } from '../../../electron/contract'
import { MemorySecretStore } from '../../../electron/core/auth/secret-store'
import { projectRoot } from '../../support/built-app'
import { makeServices } from '../../support/core'
import { startSyncHarness, type SyncHarness } from '../../support/sync-harness'
import {
  applyPlan,
  differencesFromPlan,
  differencesFromPortal,
  planOfflineWork,
  readLocalLeads,
  readPortalLeads,
  type Lead,
  type SyncPlan
} from '../../support/sync-expectations'
import { fastSyncOptions } from '../../support/sync-settle'

/**
 * Issue 5, reliability: the sync runs in a process of its own (tests/support/sync-child.ts) and
 * is SIGKILLed in the middle of the flush — at the moment the portal has run a batch of writes
 * and before its answer leaves, so the killed process never learns what became of them — and a
 * new process on the same data folder finishes the work. Three times: during the creates, during
 * the updates, and a moment after an answer arrived. Nothing is lost and nothing is made twice.
 */
const LEADS = 5_000
let h: SyncHarness
let before: Map<number, Lead>
let plan: SyncPlan
const running: ChildProcess[] = []

beforeAll(async () => {
  h = await startSyncHarness({ leads: LEADS, seed: 31, fast: true })
  await h.syncNow(h.portalId)
  before = await readPortalLeads(h.portal)
  // The offline work is queued by this process, which then lets go of the data folder.
  plan = planOfflineWork({ seed: 7, leadCount: LEADS, edits: 1000, creates: 100 })
  await applyPlan(h.leads, h.portalId, plan)
  await h.services.dispose()
}, 60_000)
afterAll(async () => {
  for (const child of running.splice(0)) child.kill('SIGKILL')
  await h?.close()
})

interface ChildRun {
  child: ChildProcess
  /** How it ended: an exit code, or the signal that killed it. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
}

function startChild(): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/sync-child.ts'], {
    cwd: projectRoot,
    env: { ...process.env, LEAD_ADMIN_DATA: h.dataDir, LEAD_ADMIN_WEBHOOK: h.portal.webhookUrl },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  running.push(child)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal }))
  )
  return { child, ended, output: () => output }
}

/** Writes of a method the portal has run (batch commands included) since the stats were reset. */
const executed = (method: string) => h.portal.rest.stats.subCallsByMethod[method] ?? 0

/**
 * Kills `victim` with SIGKILL right after the portal ran the request that makes `when` true,
 * before the answer is sent: the emulator runs in this process, so its request handler is
 * wrapped.
 */
function killWhen(victim: ChildProcess, when: () => boolean, afterMs?: number): void {
  const rest = h.portal.rest
  const handle = rest.handle.bind(rest)
  rest.handle = (request) => {
    const answer = handle(request)
    if (victim.exitCode === null && victim.signalCode === null && when()) {
      if (afterMs === undefined) victim.kill('SIGKILL')
      else setTimeout(() => victim.kill('SIGKILL'), afterMs)
      rest.handle = handle
    }
    return answer
  }
}

describe('a sync killed in the middle of a flush', () => {
  it('finishes in a new process: nothing lost, nothing duplicated', async () => {
    await h.resetStats()

    // 1. Killed after the portal made the first 49 leads, whose answer never arrives.
    const first = startChild()
    killWhen(first.child, () => executed('crm.lead.add') > 0)
    expect(await first.ended, first.output()).toEqual({ code: null, signal: 'SIGKILL' })
    expect(executed('crm.lead.add')).toBe(49)
    expect(h.portal.portal.leads.size).toBe(LEADS + 49)

    // 2. The next one finds those 49 by ORIGIN_ID, makes the other 51, and is killed after the
    //    portal ran some of the updates.
    const second = startChild()
    killWhen(second.child, () => executed('crm.lead.update') >= 400)
    expect(await second.ended, second.output()).toEqual({ code: null, signal: 'SIGKILL' })
    expect(executed('crm.lead.add')).toBe(100)
    expect(executed('crm.lead.update')).toBeGreaterThanOrEqual(400)
    expect(executed('crm.lead.update')).toBeLessThan(900)

    // 3. The next one is killed a moment after an answer left (2 ms): while it writes down what
    //    came back, or while it sends the next request.
    const third = startChild()
    killWhen(third.child, () => executed('crm.lead.update') >= 700, 2)
    expect(await third.ended, third.output()).toEqual({ code: null, signal: 'SIGKILL' })
    expect(executed('crm.lead.update')).toBeLessThan(1000)

    // 4. The last one runs to the end.
    const last = startChild()
    expect(await last.ended, last.output()).toEqual({ code: 0, signal: null })
    expect(last.output()).toMatch(/SETTLED \{"runs":\d+,"outbox":0\}/)
    expect(executed('crm.lead.add')).toBe(100)

    const after = await readPortalLeads(h.portal)
    expect(differencesFromPlan(before, after, plan)).toEqual([])
    expect(after.size).toBe(LEADS + 100)

    // The local copy the last process left equals the portal.
    const services = makeServices(h.dataDir, new MemorySecretStore(), fastSyncOptions())
    try {
      const connected = await services.dispatch('portals.connectWebhook', { url: h.portal.webhookUrl })
      const portalId = (connected.ok ? (connected.value as PortalSummary) : undefined)!.id
      expect(portalId).toBe(h.portalId)
      expect(await services.leads.outbox(portalId)).toEqual([])
      expect(differencesFromPortal(await readLocalLeads(services.leads, portalId), after)).toEqual([])
    } finally {
      await services.dispose()
    }
  }, 60_000)
})
