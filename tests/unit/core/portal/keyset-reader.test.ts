import { describe, expect, it } from 'vitest'
import {
  readKeysetPages,
  readKeysetRows,
  readLazyKeysetPages,
  StuckCursorError
} from '../../../../electron/core/portal/keyset-reader'
import { OperatingTracker } from '../../../../electron/core/portal/operating-tracker'
import type { CallOptions } from '../../../../electron/core/portal/portal-client'
import { RawJson } from '../../../../electron/core/portal/raw-json'
import { DEFAULT_PAGE_POLICY, nextPageCount } from '../../../../electron/core/portal/page-policy'
import { PortalError } from '../../../../electron/core/portal/portal-error'
import type { ReadProgress } from '../../../../electron/core/portal/read-progress'
import { FakeListPortal, range } from '../../../support/fake-list-portal'
import { parsePhpQuery } from '../../../../electron/emulator/server/php-query'

async function collectIds(pages: AsyncIterable<Array<Record<string, unknown>>>): Promise<number[]> {
  const ids: number[] = []
  for await (const page of pages) for (const row of page) ids.push(Number(row.ID))
  return ids
}

const quick = { retry: { backoff: { baseMs: 1, capMs: 1 } } }

describe('readKeysetPages (chained keyset batches)', () => {
  it('chains 50 pages per request by reference, with the end probe in the first batch', async () => {
    const portal = new FakeListPortal({ ids: range(1, 3000) })
    const ids = await collectIds(
      readKeysetPages(portal, { select: ['TITLE'], filter: { STATUS_ID: 'NEW' }, onProgress: undefined })
    )
    expect(ids).toEqual(range(1, 3000))
    const first = portal.calls[0]!.cmd
    expect(Object.keys(first)).toEqual(['end', ...range(0, 48).map((k) => `p${k}`)])
    expect(parsePhpQuery(first.end!.split('?')[1]!)).toEqual({
      order: { ID: 'DESC' },
      filter: { STATUS_ID: 'NEW' },
      select: ['ID'],
      start: '-1'
    })
    expect(first.p0).toBe(
      'crm.lead.list?order[ID]=ASC&filter[STATUS_ID]=NEW&filter[%3EID]=0&select[]=ID&select[]=TITLE&start=-1'
    )
    expect(first.p1).toBe(
      'crm.lead.list?order[ID]=ASC&filter[STATUS_ID]=NEW&filter[%3EID]=$result[p0][49][ID]&select[]=ID&select[]=TITLE&start=-1'
    )
    expect(portal.calls.every((call) => call.write === false)).toBe(true)
    // 2,450 rows in the first batch; 550 left: 11 pages plus one that sees the end.
    expect(portal.commandCounts).toEqual([50, 12])
  })

  // A count of requests, not a timing: a slow machine gets the time it needs.
  it('reads 100,000 rows in 41 requests', { timeout: 60_000 }, async () => {
    const portal = new FakeListPortal({ ids: range(1, 100_000), secondsPerPage: 0.04 })
    const ids = await collectIds(readKeysetPages(portal, { select: ['ID', 'TITLE'] }))
    expect(ids.length).toBe(100_000)
    expect(new Set(ids).size).toBe(100_000)
    expect(portal.calls).toHaveLength(41)
    expect(portal.commandCounts).toEqual([50, ...Array(39).fill(50), 2])
  })

  it('stops on a short page and ignores the pages after it', async () => {
    const portal = new FakeListPortal({ ids: range(1, 120) })
    const sizes: number[] = []
    for await (const page of readKeysetPages(portal)) sizes.push(page.length)
    // After page 2 (20 rows) the references point at nothing and the fake, like the portal,
    // answers pages from the start: they must not be read.
    expect(sizes).toEqual([50, 50, 20])
    expect(portal.calls).toHaveLength(1)
  })

  it('reads rows one by one, with gaps in the IDs, from afterId on', async () => {
    const ids = range(1, 400).map((n) => n * 7)
    const portal = new FakeListPortal({ ids })
    const rows: number[] = []
    for await (const row of readKeysetRows(portal, { afterId: 700 })) rows.push(Number(row.ID))
    expect(rows).toEqual(ids.filter((id) => id > 700))
  })

  it('an empty list takes one request', async () => {
    const portal = new FakeListPortal({ ids: [] })
    expect(await collectIds(readKeysetPages(portal))).toEqual([])
    expect(portal.calls).toHaveLength(1)
  })

  it('throws a clear error when the cursor does not move', async () => {
    const portal = new FakeListPortal({ ids: range(1, 500), ignoreCursor: true })
    const error = await collectIds(readKeysetPages(portal)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StuckCursorError)
    expect(error).toMatchObject({ code: 'BAD_ROW_ID', method: 'crm.lead.list', kind: 'permanent' })
    expect((error as StuckCursorError).description).toBe(
      'the keyset cursor does not move on (asked for ID > 50, got 1). The method must sort by the ' +
        'ID field ascending, honour the ">ID" filter and return the ID field in every row.'
    )
    expect(portal.calls).toHaveLength(1)
  })

  it('lazy pages give the same rows, parsed one at a time as they are reached', async () => {
    const portal = new FakeListPortal({ ids: range(1, 130) })
    const pages = []
    for await (const page of readLazyKeysetPages(portal, { select: ['TITLE'] })) pages.push(page)
    expect(pages.map((page) => page.count)).toEqual([50, 50, 30])
    const rows = pages.flatMap((page) => [...page.rows()])
    expect(rows.map((row) => Number(row.ID))).toEqual(range(1, 130))
    // Each pass over a page parses it again: nothing of it is kept in between.
    expect([...pages[0]!.rows()][0]).not.toBe(rows[0])
    expect(pages[2]!.all()).toEqual(rows.slice(100))
  })

  it('a row out of order inside a page is caught when it is reached', async () => {
    const ids = [1, 2, 5, 3, 10]
    const answer = {
      result: { end: [{ ID: '10' }], p0: ids.map((id) => ({ ID: String(id) })) },
      result_error: [],
      result_total: [],
      result_next: [],
      result_time: []
    }
    const portal = {
      operating: new OperatingTracker(),
      async call<T>(_method: string, _params?: Record<string, unknown>, options: CallOptions = {}) {
        return { result: (options.rawResult ? RawJson.of(JSON.stringify(answer)) : answer) as T }
      }
    }
    const seen: number[] = []
    const read = async () => {
      for await (const page of readLazyKeysetPages(portal)) for (const row of page.rows()) seen.push(Number(row.ID))
    }
    await expect(read()).rejects.toThrow('asked for ID > 5, got 3')
    expect(seen).toEqual([1, 2, 5])
  })

  it('throws when rows carry no ID', async () => {
    const portal = new FakeListPortal({ ids: range(1, 10), withoutIds: true })
    await expect(collectIds(readKeysetPages(portal))).rejects.toThrow('a row has no numeric "ID"')
  })

  it('refuses ID bounds in the filter (they are the cursor)', async () => {
    const portal = new FakeListPortal({ ids: range(1, 10) })
    await expect(collectIds(readKeysetPages(portal, { filter: { '>ID': 5 } }))).rejects.toThrow(
      'Filter key ">ID" would fight the cursor'
    )
    expect(portal.calls).toHaveLength(0)
  })

  it('shrinks the next batch when the portal took too long, and grows back when quick', async () => {
    const portal: FakeListPortal = new FakeListPortal({
      ids: range(1, 20_000),
      secondsPerPage: () => (portal.calls.length <= 2 ? 1 : 0.01)
    })
    expect(await collectIds(readKeysetPages(portal))).toHaveLength(20_000)
    // 50 s → 9 pages (≈10 s); 9 s is quick → 18; then fast pages double up to 50; the end is cut.
    expect(portal.commandCounts).toEqual([50, 9, 18, 36, 50, 50, 50, 50, 50, 39])
  })

  it('asks for fewer pages when the portal stopped the request at its time cap', async () => {
    const portal = new FakeListPortal({
      ids: range(1, 2000),
      requestError: (commands) =>
        commands > 20 ? new PortalError('REQUEST_TIMEOUT', 'stopped', 504, 'batch', 'retryable') : undefined
    })
    expect(await collectIds(readKeysetPages(portal))).toEqual(range(1, 2000))
    // 49 pages and the end probe, then 25 (+ probe) and 12 (+ probe), which fits.
    expect(portal.commandCounts.slice(0, 3)).toEqual([50, 26, 13])
  })

  it('goes on from the failed page after a retryable command failure, reading every row once', async () => {
    const portal = new FakeListPortal({
      ids: range(1, 6000),
      commandError: (key, call) =>
        call === 1 && key === 'p10'
          ? { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' }
          : undefined
    })
    expect(await collectIds(readKeysetPages(portal, quick))).toEqual(range(1, 6000))
    expect(portal.calls[2]!.cmd.p0).toContain('filter[%3EID]=2950&')
  })

  it('throws a permanent command failure', async () => {
    const portal = new FakeListPortal({
      ids: range(1, 200),
      commandError: (key) => (key === 'p1' ? { error: '', error_description: 'Access denied.' } : undefined)
    })
    const error = await collectIds(readKeysetPages(portal)).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: '', description: 'Access denied.', kind: 'permanent' })
  })

  it('reports progress after every batch', async () => {
    const portal = new FakeListPortal({ ids: range(1, 5000) })
    const seen: ReadProgress[] = []
    await collectIds(readKeysetPages(portal, { onProgress: (progress) => seen.push(progress) }))
    expect(seen.map(({ rows, pages, requests }) => ({ rows, pages, requests }))).toEqual([
      { rows: 2450, pages: 49, requests: 1 },
      { rows: 4950, pages: 99, requests: 2 },
      { rows: 5000, pages: 100, requests: 3 }
    ])
    expect(seen.every((progress) => progress.elapsedMs >= 0 && progress.rowsPerSecond >= 0)).toBe(true)
    expect(seen[2]!.rowsPerSecond).toBeCloseTo((5000 * 1000) / seen[2]!.elapsedMs, 6)
  })

  it('sends the next batch while the caller is still busy with the pages', async () => {
    const portal = new FakeListPortal({ ids: range(1, 10_000), delayMs: 5 })
    const reader = readKeysetPages(portal)
    await reader.next()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(portal.calls).toHaveLength(2)
    await reader.return(undefined)
  })

  it('stops on abort: the iterator throws the reason and the batch under way is cancelled', async () => {
    const portal = new FakeListPortal({ ids: range(1, 10_000), delayMs: 5 })
    const controller = new AbortController()
    const reason = new Error('user cancelled')
    let pages = 0
    const run = (async () => {
      for await (const page of readKeysetPages(portal, { signal: controller.signal })) {
        pages += page.length === 50 ? 1 : 0
        controller.abort(reason)
      }
    })()
    await expect(run).rejects.toBe(reason)
    expect(pages).toBe(1)
    expect(portal.calls).toHaveLength(2)
    expect(portal.calls[1]!.signal?.aborted).toBe(true)
  })

  it('cancels the batch under way when the caller stops early', async () => {
    const portal = new FakeListPortal({ ids: range(1, 10_000), delayMs: 5 })
    const reader = readKeysetPages(portal)
    await reader.next()
    await reader.return(undefined) // what `break` in a for-await loop does
    expect(portal.calls).toHaveLength(2)
    expect(portal.calls[1]!.signal?.aborted).toBe(true)
  })
})

describe('nextPageCount', () => {
  const policy = DEFAULT_PAGE_POLICY
  it('shrinks to what takes about fastSeconds when a batch took longer than slowSeconds', () => {
    expect(nextPageCount(50, 50, 30, policy)).toBe(16)
    expect(nextPageCount(50, 50, 200, policy)).toBe(2)
    expect(nextPageCount(50, 50, 2000, policy)).toBe(1)
    // At least by one page, even when the estimate says more would fit.
    expect(nextPageCount(50, 10, 21, policy)).toBe(4)
  })

  it('grows by doubling when quick, not past what would take slowSeconds, up to 50', () => {
    expect(nextPageCount(10, 10, 1, policy)).toBe(20)
    expect(nextPageCount(10, 10, 9, policy)).toBe(20)
    expect(nextPageCount(10, 10, 9.9, { ...policy, slowSeconds: 15 })).toBe(15)
    expect(nextPageCount(40, 40, 2, policy)).toBe(50)
  })

  it('keeps the size in between, or without a measure', () => {
    expect(nextPageCount(30, 30, 15, policy)).toBe(30)
    expect(nextPageCount(30, 30, undefined, policy)).toBe(30)
    expect(nextPageCount(30, 0, 5, policy)).toBe(30)
    expect(nextPageCount(80, 50, undefined, policy)).toBe(50)
  })
})
