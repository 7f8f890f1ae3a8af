import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readAllIds } from '../../../electron/core/portal/id-sweep'
import { readKeysetPages } from '../../../electron/core/portal/keyset-reader'
import { RateLimiter } from '../../../electron/core/portal/rate-limiter'
import { readShardedPages } from '../../../electron/core/portal/sharded-reader'
import type { Emulator } from '../../../electron/emulator/emulator'
import { admin, startTestEmulator } from '../../support/emulator'
import { leadIds, resetStats, ShortBlockTracker, stats, webhookClient } from '../../support/webhook-client'

const LEADS = 10_000
let emulator: Emulator
beforeAll(async () => {
  // The cloud's standard plan: a bucket of 50 draining 2 per second, and server time modelled at
  // 1000× speed so the test stays quick.
  emulator = await startTestEmulator({ leads: LEADS, limits: 'standard', speed: 1000 })
})
afterAll(() => emulator.close())
afterEach(() => fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' }))

async function readIds(pages: AsyncIterable<Array<Record<string, unknown>>>): Promise<number[]> {
  const ids: number[] = []
  for await (const page of pages) for (const row of page) ids.push(Number(row.ID))
  return ids
}

describe('the reader under the standard plan’s limits', () => {
  it('reads every lead, chained and sharded, without one 503', async () => {
    const client = webhookClient(emulator, { limiter: RateLimiter.forPlan('standard') })
    await resetStats(emulator)
    const chained = await readIds(readKeysetPages(client, { select: ['ID', 'TITLE', 'STATUS_ID'] }))
    const sharded = await readIds(readShardedPages(client, { shards: 4, select: ['ID', 'TITLE'] }))
    const swept = await readAllIds(client, { shards: 2 })
    expect(chained).toEqual(leadIds(emulator))
    expect(sharded.sort((a, b) => a - b)).toEqual(leadIds(emulator))
    expect(swept).toEqual(leadIds(emulator))
    const counted = await stats(emulator)
    expect(Object.keys(counted.errorsByCode)).toEqual([])
    // 5 chained; the range and 4 shards of 50 pages; the range and 2 shards of 100 pages.
    expect(counted.requests).toBe(5 + (1 + 4) + (1 + 2 * 2))
  })
})

describe('parallel chains past the burst', () => {
  it('share the client’s bucket: the portal never refuses, the client waits instead', async () => {
    await admin(emulator, 'limits', { mode: 'standard' }) // an empty bucket on the portal's side too
    await resetStats(emulator)
    const client = webhookClient(emulator, { limiter: RateLimiter.forPlan('standard') })
    // One page per batch over 2,750 IDs in 8 shards of 344 (7 pages each), plus the range: 57
    // requests, 7 past the burst.
    const ids = await readIds(readShardedPages(client, { shards: 8, throughId: 2750, pagePolicy: { max: 1 } }))
    expect(ids.sort((a, b) => a - b)).toEqual(leadIds(emulator).filter((id) => id <= 2750))
    const counted = await stats(emulator)
    expect(counted.requests).toBe(57)
    expect(Object.keys(counted.errorsByCode)).toEqual([])
    expect(client.stats.waitedMs).toBeGreaterThanOrEqual(2500)
  })
})

describe('the reader while the portal injects failures', () => {
  it('still returns every lead exactly once through 503s, 429s, 500s and dropped connections', async () => {
    const rules = [
      { kind: '429', method: 'batch', count: 1 },
      { kind: '503', method: 'batch', rate: 0.25 },
      { kind: '500', method: 'batch', rate: 0.1 },
      { kind: 'drop', method: 'batch', rate: 0.1 }
    ]
    // Only the injected failures: the bucket is off (the test above left it full).
    await admin(emulator, 'limits', { mode: 'off' })
    for (const rule of rules) await admin(emulator, 'faults', rule)
    await resetStats(emulator)
    // About a third of the requests fail: allow long runs of failures, so only a bug fails the test.
    const client = webhookClient(emulator, { operating: new ShortBlockTracker(20), maxAttempts: 30 })
    const chained = await readIds(readKeysetPages(client, { select: ['ID', 'TITLE'] }))
    const sharded = await readIds(readShardedPages(client, { shards: 3, select: ['ID'] }))
    expect(chained).toEqual(leadIds(emulator))
    expect(sharded.sort((a, b) => a - b)).toEqual(leadIds(emulator))

    const counted = await stats(emulator)
    expect(counted.faultsInjected).toBeGreaterThanOrEqual(3)
    // Every other request succeeded: 5 chained; the range and 3 shards × 67 pages (2 batches each).
    expect(counted.requests - counted.faultsInjected).toBe(5 + 1 + 3 * 2)
    expect(client.stats.retries).toBeGreaterThanOrEqual(counted.faultsInjected)
  })
})
