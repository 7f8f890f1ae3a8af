import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readAllIds } from '../../../electron/core/portal/id-sweep'
import { readKeysetPages } from '../../../electron/core/portal/keyset-reader'
import type { ReadProgress } from '../../../electron/core/portal/read-progress'
import { readShardedPages } from '../../../electron/core/portal/sharded-reader'
import type { Emulator } from '../../../electron/emulator/emulator'
import { startTestEmulator } from '../../support/emulator'
import { leadIds, resetStats, stats, webhookClient } from '../../support/webhook-client'

const LEADS = 12_000
let emulator: Emulator
beforeAll(async () => {
  emulator = await startTestEmulator({ leads: LEADS })
})
afterAll(() => emulator.close())
beforeEach(() => resetStats(emulator))

/** The IDs of every row read, checked to be unique. */
async function readIds(pages: AsyncIterable<Array<Record<string, unknown>>>): Promise<number[]> {
  const ids: number[] = []
  for await (const page of pages) for (const row of page) ids.push(Number(row.ID))
  expect(new Set(ids).size).toBe(ids.length)
  return ids
}

describe('chained keyset reader against the emulated portal', () => {
  it(`reads ${LEADS} leads, each exactly once, in 5 HTTP requests`, async () => {
    const rows: Array<Record<string, unknown>> = []
    const progress: ReadProgress[] = []
    for await (const page of readKeysetPages(webhookClient(emulator), {
      select: ['ID', 'TITLE', 'STATUS_ID', 'OPPORTUNITY', 'DATE_MODIFY', 'ASSIGNED_BY_ID'],
      onProgress: (step) => progress.push(step)
    })) {
      rows.push(...page)
    }
    expect(rows.map((row) => Number(row.ID))).toEqual(leadIds(emulator))
    expect(Object.keys(rows[0]!).sort()).toEqual([
      'ASSIGNED_BY_ID',
      'DATE_MODIFY',
      'ID',
      'OPPORTUNITY',
      'STATUS_ID',
      'TITLE'
    ])
    const lead = emulator.portal.leads.get(Number(rows[777]!.ID))!
    expect(rows[777]).toMatchObject({ TITLE: lead.values.TITLE, STATUS_ID: lead.values.STATUS_ID })

    // 49 pages + the end probe, 3 × 50 pages, then the 41 pages left and one that sees the end.
    const counted = await stats(emulator)
    expect(counted.requests).toBe(5)
    expect(counted.requestsByMethod).toEqual({ batch: 5 })
    expect(counted.subCalls).toBe(50 + 150 + 42)
    expect(counted.subCallsByMethod).toEqual({ 'crm.lead.list': 242 })
    expect(progress.map(({ rows: read, requests }) => [read, requests])).toEqual([
      [2450, 1],
      [4950, 2],
      [7450, 3],
      [9950, 4],
      [12000, 5]
    ])
  })

  it('passes the filter on: only matching leads come back', async () => {
    const ids = await readIds(
      readKeysetPages(webhookClient(emulator), { select: ['ID'], filter: { STATUS_ID: 'NEW', '>OPPORTUNITY': 1000 } })
    )
    const expected = leadIds(emulator, (lead) => lead.STATUS_ID === 'NEW' && Number(lead.OPPORTUNITY) > 1000)
    expect(expected.length).toBeGreaterThan(100)
    expect(ids).toEqual(expected)
  })

  it('reads in 4 shards at once: every lead exactly once, one more request for the ID range', async () => {
    const ids = await readIds(readShardedPages(webhookClient(emulator), { shards: 4, select: ['ID', 'TITLE'] }))
    expect(ids.sort((a, b) => a - b)).toEqual(leadIds(emulator))
    const counted = await stats(emulator)
    // The range (2 commands), then 4 shards of 3,000 IDs: 50 + 10 pages each.
    expect(counted.requests).toBe(1 + 4 * 2)
    expect(counted.subCalls).toBe(2 + 240)
  })
})

describe('ID sweep against the emulated portal', () => {
  it('returns every ID, and no longer the deleted ones', async () => {
    const client = webhookClient(emulator)
    expect(await readAllIds(client)).toEqual(leadIds(emulator))
    const deleted = [1, 2, 50, 51, 2451, 6000, LEADS]
    for (const id of deleted) expect(emulator.portal.leads.delete(id)).toBe(true)
    const remaining = leadIds(emulator)
    expect(remaining).toHaveLength(LEADS - deleted.length)
    expect(await readAllIds(client)).toEqual(remaining)
    expect(await readAllIds(client, { shards: 3 })).toEqual(remaining)
  })
})
