import { describe, expect, it } from 'vitest'
import { readAllIds } from '../../../../electron/core/portal/id-sweep'
import { findIdRange, splitIdRange } from '../../../../electron/core/portal/id-range'
import { mergeAsync } from '../../../../electron/core/portal/merge-async'
import { readShardedPages } from '../../../../electron/core/portal/sharded-reader'
import type { ReadProgress } from '../../../../electron/core/portal/read-progress'
import { FakeListPortal, range } from '../../../support/fake-list-portal'

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('splitIdRange', () => {
  it('cuts (afterId, throughId] into contiguous shards of nearly equal width', () => {
    expect(splitIdRange(0, 10, 3)).toEqual([
      { afterId: 0, throughId: 4 },
      { afterId: 4, throughId: 8 },
      { afterId: 8, throughId: 10 }
    ])
    expect(splitIdRange(99, 100_099, 4).map((shard) => shard.throughId - shard.afterId)).toEqual([
      25_000, 25_000, 25_000, 25_000
    ])
  })

  it('never makes more shards than IDs, nor any for an empty range', () => {
    expect(splitIdRange(0, 2, 5)).toEqual([
      { afterId: 0, throughId: 1 },
      { afterId: 1, throughId: 2 }
    ])
    expect(splitIdRange(5, 5, 3)).toEqual([])
  })
})

describe('findIdRange', () => {
  it('finds the lowest and highest ID with one batch of two commands', async () => {
    const portal = new FakeListPortal({ ids: [17, 40, 99_001] })
    expect(await findIdRange(portal, { filter: { STATUS_ID: 'NEW' } })).toEqual({ min: 17, max: 99_001 })
    expect(portal.commandCounts).toEqual([2])
    expect(await findIdRange(new FakeListPortal({ ids: [] }))).toBeUndefined()
  })
})

describe('readShardedPages', () => {
  it('reads every row exactly once with N chains at once', async () => {
    const portal = new FakeListPortal({ ids: range(1, 10_000), delayMs: 5 })
    const progress: ReadProgress[] = []
    const ids: number[] = []
    for await (const page of readShardedPages(portal, { shards: 4, onProgress: (p) => progress.push(p) })) {
      for (const row of page) ids.push(Number(row.ID))
    }
    expect(ids.sort((a, b) => a - b)).toEqual(range(1, 10_000))
    // The range, then one batch per shard: each shard's 2,500 IDs are exactly 50 pages.
    expect(portal.commandCounts).toEqual([2, 50, 50, 50, 50])
    expect(portal.maxConcurrent).toBe(4)
    expect(progress.at(-1)).toMatchObject({ rows: 10_000, pages: 200, requests: 5 })
  })

  it('copes with uneven IDs and bounds', async () => {
    const ids = [...range(1, 300), ...range(50_000, 50_100)]
    const portal = new FakeListPortal({ ids })
    const read: number[] = []
    for await (const page of readShardedPages(portal, { shards: 3, afterId: 100 })) {
      for (const row of page) read.push(Number(row.ID))
    }
    expect(read.sort((a, b) => a - b)).toEqual(ids.filter((id) => id > 100))
  })

  it('reads nothing from an empty list after one request', async () => {
    const portal = new FakeListPortal({ ids: [] })
    expect(await readShardedPages(portal, { shards: 4 }).next()).toEqual({ done: true, value: undefined })
    expect(portal.calls).toHaveLength(1)
  })
})

describe('readAllIds (the deletion sweep)', () => {
  it('returns every ID in order, chained or sharded, asking for the ID alone', async () => {
    const ids = range(1, 3000).filter((id) => id % 3 !== 0)
    const chained = new FakeListPortal({ ids })
    expect(await readAllIds(chained)).toEqual(ids)
    expect(chained.calls[0]!.cmd.p0).toContain('select[]=ID&start=-1')
    expect(await readAllIds(new FakeListPortal({ ids }), { shards: 3 })).toEqual(ids)
  })
})

describe('mergeAsync', () => {
  async function* timed(label: string, delays: number[], onClose?: () => void) {
    try {
      for (const ms of delays) {
        await delay(ms)
        yield `${label}${ms}`
      }
    } finally {
      onClose?.()
    }
  }

  it('hands items on as they arrive from any source', async () => {
    const items: string[] = []
    for await (const item of mergeAsync([timed('a', [5, 30]), timed('b', [15, 5])])) items.push(item)
    expect(items).toEqual(['a5', 'b15', 'b5', 'a30'])
  })

  it('ends on the first failure, stopping and closing the other sources', async () => {
    let closed = false
    let stopped = false
    async function* failing() {
      await delay(5)
      throw new Error('shard failed')
    }
    const merged = mergeAsync([failing(), timed('a', [2, 50, 50], () => (closed = true))], () => (stopped = true))
    const items: string[] = []
    await expect(
      (async () => {
        for await (const item of merged) items.push(item)
      })()
    ).rejects.toThrow('shard failed')
    expect(items).toEqual(['a2'])
    expect(stopped).toBe(true)
    expect(closed).toBe(true)
  })

  it('stops the sources when the caller leaves early', async () => {
    let stopped = false
    const merged = mergeAsync([timed('a', [1, 1]), timed('b', [1, 1])], () => (stopped = true))
    expect((await merged.next()).value).toMatch(/^[ab]1$/)
    await merged.return(undefined) // what `break` in a for-await loop does
    expect(stopped).toBe(true)
  })
})
